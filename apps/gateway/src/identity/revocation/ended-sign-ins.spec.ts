import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { SINGLE_NODE_STORAGE } from '@switchboard/service-kit';
import { EndedSignIns } from './ended-sign-ins';

describe('EndedSignIns (issue 13: single sign-out)', () => {
  it('bound: an ended sign-in is remembered for the refresh lifetime and then forgotten, oldest first, so memory holds only the sign-outs of that window', () => {
    let now = 0;
    const ttlMs = 8 * 3600_000;
    // The bucket is not touched by remember/isEnded (the watch and end() call remember).
    const ended = new EndedSignIns({} as NatsConnection, { bucketPrefix: 'test' } as Subjects, ttlMs, SINGLE_NODE_STORAGE, () => now);
    for (let i = 0; i < 1000; i++) {
      now = i * 1000;
      ended.remember(`sign-in-${i}`, now + ttlMs);
    }
    expect(ended.size).toBe(1000);
    expect(ended.isEnded('sign-in-0')).toBe(true);
    expect(ended.isEnded('never-ended')).toBe(false);

    now = 500_000 + ttlMs; // the first 501 lapsed
    expect(ended.isEnded('sign-in-0')).toBe(false);
    expect(ended.isEnded('sign-in-501')).toBe(true);
    expect(ended.size).toBe(499);

    now = 2000_000 + ttlMs;
    expect(ended.size).toBe(0);
  });

  it('a later sign-out of the same sign-in (from another gateway\'s watch) extends it, never shortens it', () => {
    let now = 0;
    const ended = new EndedSignIns({} as NatsConnection, { bucketPrefix: 'test' } as Subjects, 1000, SINGLE_NODE_STORAGE, () => now);
    ended.remember('s', 5000);
    ended.remember('s', 2000);
    now = 3000;
    expect(ended.isEnded('s')).toBe(true);
  });
});
