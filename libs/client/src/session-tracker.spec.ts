import type { SessionEventFrame } from '@switchboard/contracts';
import { SessionTracker } from './session-tracker';

const summary = { sessionId: 's', version: 0, status: 'QUEUED' as const, queue: 'General', companyId: 'c', endUserId: 'u', cancelledByUser: false, userLeft: false };
const frame = (seq: number, prevSeq = seq - 1): SessionEventFrame => ({
  type: 'session.event',
  sessionId: 's',
  seq,
  prevSeq,
  event: { seq, type: 'MessagePosted', at: '', sessionId: 's' },
  session: { ...summary, version: seq },
  notices: [],
});

describe('SessionTracker', () => {
  it('delivers each seq once and in order, dropping repeats', () => {
    const delivered: number[] = [];
    const tracker = new SessionTracker({ deliver: (f) => delivered.push(f.seq), resume: jest.fn() });
    tracker.follow('s', 2);
    for (const seq of [1, 2, 3, 3, 4]) tracker.receive(frame(seq));
    expect(delivered).toEqual([3, 4]);
  });

  it('fills a gap with session.resume, then delivers what waited, in order', async () => {
    const delivered: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const resume = jest.fn(async (_id: string, afterSeq: number) => {
      await gate;
      return {
        ok: true as const,
        data: { session: summary, events: [frame(afterSeq + 2).event, frame(afterSeq + 1).event], hasOlder: false, lastSeq: afterSeq + 2 },
      };
    });
    const tracker = new SessionTracker({ deliver: (f) => delivered.push(f.seq), resume });
    tracker.follow('s', 1);
    tracker.receive(frame(4));
    tracker.receive(frame(5));
    tracker.receive(frame(3));
    expect(resume).toHaveBeenCalledTimes(1);
    expect(resume).toHaveBeenCalledWith('s', 1);
    release();
    // The resume in flight is the one returned: it ends after the frames that waited are delivered.
    await tracker.resume('s');
    expect(delivered).toEqual([2, 3, 4, 5]);
  });

  it('R13 end user: a skipped seq (a side note it never sees) is no gap when prevSeq says so', () => {
    const delivered: number[] = [];
    const resume = jest.fn();
    const tracker = new SessionTracker({ deliver: (f) => delivered.push(f.seq), resume });
    tracker.follow('s', 5);
    tracker.receive(frame(7, 5));
    expect(delivered).toEqual([7]);
    expect(resume).not.toHaveBeenCalled();
  });

  it('R12 more missed than one page: says where the delivered events start again, then delivers the most recent page', async () => {
    const told: string[] = [];
    const resume = jest.fn(async () => ({
      ok: true as const,
      data: { session: summary, events: [frame(300).event, frame(299).event], hasOlder: true, lastSeq: 300 },
    }));
    const tracker = new SessionTracker({ deliver: (f) => told.push(`event ${f.seq}`), resume, gap: (id, firstSeq) => told.push(`gap ${id} ${firstSeq}`) });
    tracker.follow('s', 3);
    await tracker.resume('s');
    expect(told).toEqual(['gap s 299', 'event 299', 'event 300']);
    expect(tracker.lastSeq('s')).toBe(300);
  });
});
