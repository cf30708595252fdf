import { partitionOfKey as partitionOf } from '@switchboard/contracts';
import { desiredPartitions, rendezvousOwner } from './partitioning';

describe('A1 partitioning of sessions over chat-actor processes', () => {
  it('A1 puts a key in the same partition every time, within range', () => {
    for (const key of ['s-1', 'user-42', 'x'.repeat(300)]) {
      const p = partitionOf(key, 32);
      expect(p).toBe(partitionOf(key, 32));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(32);
    }
  });

  it('A1 gives every partition exactly one desired owner among the members', () => {
    const members = ['a', 'b', 'c'];
    const sets = members.map((m) => desiredPartitions(m, members, 64));
    const seen = new Map<number, number>();
    for (const set of sets) for (const p of set) seen.set(p, (seen.get(p) ?? 0) + 1);
    expect(seen.size).toBe(64);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('A1 spreads partitions roughly evenly, also between names that differ in one character', () => {
    for (const members of [['chat-actor-1', 'chat-actor-2'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
      const counts = members.map((m) => desiredPartitions(m, members, 64).size);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(64 / members.length / 2);
    }
  });

  it('A4 moves only the partitions of a member that leaves', () => {
    const before = ['a', 'b', 'c'];
    const after = ['a', 'c'];
    for (let p = 0; p < 64; p++) {
      const ownerBefore = rendezvousOwner(p, before);
      if (ownerBefore !== 'b') expect(rendezvousOwner(p, after)).toBe(ownerBefore);
    }
  });

  it('A1 has no owner without members', () => {
    expect(rendezvousOwner(3, [])).toBeUndefined();
  });
});
