import { partitionOfKey as partitionOf } from '@switchboard/contracts';
import { desiredPartitions, placement } from './partitioning';

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

  it('A1 spreads partitions evenly: no member more than ceil(partitions / members), whatever the names', () => {
    for (const members of [['bench-actor-1', 'bench-actor-2'], ['chat-actor-1', 'chat-actor-2'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e']]) {
      for (const partitions of [16, 64]) {
        const counts = members.map((m) => desiredPartitions(m, members, partitions).size);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(partitions);
        expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil(partitions / members.length));
      }
    }
  });

  it('A4 a member that leaves moves its own partitions and few others; the rest keep their owner', () => {
    for (const [before, leaver] of [[['a', 'b', 'c'], 'b'], [['chat-actor-1', 'chat-actor-2', 'chat-actor-3'], 'chat-actor-1']] as const) {
      const was = placement(before, 64);
      const now = placement(before.filter((m) => m !== leaver), 64);
      let others = 0;
      for (let p = 0; p < 64; p++) if (was.get(p) !== leaver && now.get(p) !== was.get(p)) others++;
      const own = [...was.values()].filter((m) => m === leaver).length;
      // Plain rendezvous would move none of the others, but leave members unbalanced.
      expect(others).toBeLessThanOrEqual(Math.ceil(own / 2));
    }
  });

  it('A1 has no owner without members', () => {
    expect(placement([], 8).size).toBe(0);
  });
});
