import type { CommandResult } from './switchboard-client';
import type { SessionEventFrame } from '@switchboard/contracts';

interface Followed {
  last: number;
  resuming?: Promise<void>;
  /** Frames that arrived beyond a gap or during a resume, by seq. */
  buffer: Map<number, SessionEventFrame>;
}

/**
 * Per session: the last seq delivered. Delivers each seq once and in order;
 * a frame whose `prevSeq` is beyond what was delivered waits while
 * `session.resume` fetches what was missed. A resume answers at most a page
 * (the most recent events); when more was missed, `gap` says where the
 * delivered events start again.
 */
export class SessionTracker {
  private readonly sessions = new Map<string, Followed>();

  constructor(
    private readonly io: {
      deliver: (frame: SessionEventFrame) => void;
      resume: (sessionId: string, afterSeq: number) => Promise<CommandResult<'session.resume'>>;
      /**
       * A resume brought only the most recent of what was missed (more than a
       * page): the events between the last one delivered and `firstSeq` are
       * not delivered (read them with `session.history`). Told before the
       * page's events are delivered.
       */
      gap?: (sessionId: string, firstSeq: number) => void;
    },
  ) {}

  follow(sessionId: string, lastSeq: number): void {
    const s = this.sessions.get(sessionId);
    if (s) s.last = Math.max(s.last, lastSeq);
    else this.sessions.set(sessionId, { last: lastSeq, buffer: new Map() });
  }

  unfollow(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  followed(): string[] {
    return [...this.sessions.keys()];
  }

  lastSeq(sessionId: string): number | undefined {
    return this.sessions.get(sessionId)?.last;
  }

  receive(frame: SessionEventFrame): void {
    let s = this.sessions.get(frame.sessionId);
    if (!s) {
      // A session this client did not know yet (a new chat, a transfer offered): follow it from here.
      s = { last: frame.prevSeq, buffer: new Map() };
      this.sessions.set(frame.sessionId, s);
    }
    if (frame.seq <= s.last) return;
    // prevSeq above what was delivered: something this viewer should have seen is missing.
    if (s.resuming || frame.prevSeq > s.last) {
      s.buffer.set(frame.seq, frame);
      void this.resume(frame.sessionId);
      return;
    }
    this.deliver(s, frame);
  }

  /** Fetches the events after the last delivered seq, then delivers what waited. */
  resume(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s) return Promise.resolve();
    if (s.resuming) return s.resuming;
    s.resuming = (async () => {
      try {
        const result = await this.io.resume(sessionId, s.last);
        if (result.ok) {
          const events = [...result.data.events].sort((a, b) => a.seq - b.seq);
          const first = events[0];
          if (result.data.hasOlder && first) this.io.gap?.(sessionId, first.seq);
          for (const event of events) {
            if (event.seq <= s.last) continue;
            this.deliver(s, { type: 'session.event', sessionId, seq: event.seq, prevSeq: s.last, event, session: result.data.session, notices: [] });
          }
          s.last = Math.max(s.last, result.data.lastSeq);
        }
      } finally {
        s.resuming = undefined;
      }
      // What arrived meanwhile, in order; the resume covered everything up to its lastSeq.
      for (const seq of [...s.buffer.keys()].sort((a, b) => a - b)) {
        const frame = s.buffer.get(seq)!;
        s.buffer.delete(seq);
        if (seq > s.last) this.deliver(s, frame);
      }
    })();
    return s.resuming;
  }

  private deliver(s: Followed, frame: SessionEventFrame): void {
    s.last = frame.seq;
    this.io.deliver(frame);
  }
}
