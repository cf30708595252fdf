import type { KillKind } from '../checker/evidence';
import type { ChaosTarget } from './chaos-cluster';
import { Killer } from './killer';
import { Random } from './random';

function fakeTarget(kind: KillKind, name: string): ChaosTarget & { up: boolean } {
  const t = {
    kind,
    name,
    up: true,
    alive: () => t.up,
    kill: async () => void (t.up = false),
    restart: async () => void (t.up = true),
  };
  return t;
}

describe('Killer', () => {
  const cluster = () => [
    fakeTarget('gateway', 'g1'),
    fakeTarget('gateway', 'g2'),
    fakeTarget('chat-actor', 'c1'),
    fakeTarget('chat-actor', 'c2'),
    fakeTarget('router', 'r1'),
    fakeTarget('nats', 'n1'),
    fakeTarget('nats', 'n2'),
    fakeTarget('nats', 'n3'),
  ];

  it('never takes a kind below one live process, nor NATS below quorum (one node down at most)', () => {
    const targets = cluster();
    const killer = new Killer(targets, { everyMs: 1000, downMs: 1000, random: new Random(1), log: () => undefined });
    expect(killer.candidates().map((t) => t.name)).toEqual(['g1', 'g2', 'c1', 'c2', 'n1', 'n2', 'n3']);
    targets.find((t) => t.name === 'g1')!.up = false;
    targets.find((t) => t.name === 'n2')!.up = false;
    expect(killer.candidates().map((t) => t.name)).toEqual(['c1', 'c2']);
  });

  it('records each kill with its time and kind, keeps at most two down, and brings every process back when stopped', async () => {
    const targets = cluster();
    let now = 1000;
    const killer = new Killer(targets, { everyMs: 1, downMs: 60_000, random: new Random(7), log: () => undefined, now: () => now++ });
    killer.start();
    while (killer.kills.length < 2) await new Promise((done) => setTimeout(done, 5));
    // Two down at once (the default bound): no third kill until one is back.
    await new Promise((done) => setTimeout(done, 30));
    expect(killer.candidates()).toEqual([]);
    expect(killer.kills).toHaveLength(2);
    await killer.stop();
    expect(killer.kills[0]).toEqual({ at: 1000, kind: expect.any(String), target: expect.any(String) });
    expect(targets.every((t) => t.alive())).toBe(true);
  });

  it('draws the same choices from the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.between(1, 100))).toEqual(Array.from({ length: 5 }, () => b.between(1, 100)));
  });
});
