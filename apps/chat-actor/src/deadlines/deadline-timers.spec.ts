import type { DeadlineKind } from '@switchboard/contracts';
import { DEADLINE_RETRY_MS, DeadlineTimers, deadlineCommandId, type FiringOutcome } from './deadline-timers';
import { ManualClock } from './manual-clock';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const deadline = (dueInMs: number, armedAtSeq = 2) => ({ kind: 'firstReply' as const, dueAt: iso(dueInMs), armedAtSeq });

/** Timers on a manual clock whose firings answer from `answers` (then 'done'), recorded in `fired`. */
function setup(answers: FiringOutcome[] = []) {
  const clock = new ManualClock(T0);
  const timers = new DeadlineTimers(clock);
  const fired: Array<{ partition: number; sessionId: string; kind: DeadlineKind; armedAtSeq: number; at: number }> = [];
  timers.onFire(async (partition, sessionId, kind, armedAtSeq) => {
    fired.push({ partition, sessionId, kind, armedAtSeq, at: clock.now() - T0 });
    return answers.shift() ?? 'done';
  });
  return { clock, timers, fired };
}

/** Lets the firings' promises settle. */
const settle = () => new Promise((r) => setImmediate(r));

describe('deadline timers (ADR 13)', () => {
  it('durable deadlines: a deadline fires once, when it comes, with the seq it was armed at', async () => {
    const { clock, timers, fired } = setup();
    timers.track(3, { sessionId: 's1', deadlines: [deadline(60_000, 7)] });
    clock.advance(59_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    await settle();
    expect(fired).toEqual([{ partition: 3, sessionId: 's1', kind: 'firstReply', armedAtSeq: 7, at: 60_000 }]);
    clock.advance(600_000);
    await settle();
    expect(fired).toHaveLength(1);
    expect(timers.size).toBe(0);
  });

  it('durable deadlines: a deadline the session no longer holds, or holds re-armed, is disarmed', async () => {
    const { clock, timers, fired } = setup();
    timers.track(0, { sessionId: 's1', deadlines: [deadline(1000, 2)] });
    timers.track(0, { sessionId: 's1', deadlines: undefined });
    timers.track(0, { sessionId: 's2', deadlines: [deadline(1000, 2)] });
    timers.track(0, { sessionId: 's2', deadlines: [deadline(5000, 4)] });
    clock.advance(10_000);
    await settle();
    expect(fired.map((f) => [f.sessionId, f.armedAtSeq, f.at])).toEqual([['s2', 4, 5000]]);
  });

  it('durable deadlines: tracking the same deadline again does not move or double its timer', async () => {
    const { clock, timers, fired } = setup();
    timers.track(0, { sessionId: 's1', deadlines: [deadline(1000)] });
    timers.track(0, { sessionId: 's1', deadlines: [deadline(1000)] });
    expect(clock.pending).toBe(1);
    clock.advance(1000);
    await settle();
    expect(fired).toHaveLength(1);
  });

  it('durable deadlines: a deadline already past when armed (a takeover) fires at once', async () => {
    const { clock, timers, fired } = setup();
    timers.track(0, { sessionId: 's1', deadlines: [deadline(-30_000)] });
    clock.advance(0);
    await settle();
    expect(fired).toEqual([expect.objectContaining({ sessionId: 's1', at: 0 })]);
  });

  it('durable deadlines: a firing that could not be decided is tried again; one refused as early waits for the due time', async () => {
    const { clock, timers, fired } = setup(['retry', 'notDue']);
    timers.track(0, { sessionId: 's1', deadlines: [deadline(1000)] });
    clock.advance(1000);
    await settle();
    expect(fired.map((f) => f.at)).toEqual([1000]);
    clock.advance(DEADLINE_RETRY_MS);
    await settle();
    expect(fired.map((f) => f.at)).toEqual([1000, 1000 + DEADLINE_RETRY_MS]);
    clock.advance(60_000);
    await settle();
    expect(fired).toHaveLength(3);
    expect(timers.counters).toEqual({ fired: 1, retried: 2 });
    expect(timers.size).toBe(0);
  });

  it('durable deadlines: a partition handed over takes its timers with it; others stay', async () => {
    const { clock, timers, fired } = setup();
    timers.track(1, { sessionId: 'a', deadlines: [deadline(1000)] });
    timers.track(2, { sessionId: 'b', deadlines: [deadline(1000)] });
    timers.forgetPartition(1);
    expect(timers.size).toBe(1);
    clock.advance(1000);
    await settle();
    expect(fired.map((f) => f.sessionId)).toEqual(['b']);
  });

  it('durable deadlines: the command id of a firing is the same from every process', () => {
    expect(deadlineCommandId('k1-s', 'firstReply', 9)).toBe('timer:k1-s:firstReply:9');
  });
});
