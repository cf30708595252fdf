import { Injectable } from '@nestjs/common';
import type { RecordFreshness } from '@switchboard/contracts';

/**
 * How far this gateway had followed the chat events when it read the
 * records: the admin lists and the dashboard say so next to their figures.
 * The chat actors write a record's status, queue, owner and flags before
 * they publish the event of the change, so a read taken after event N
 * reflects every change up to N; `eventsBehind` counts the events stored in
 * the stream that this gateway had not taken in yet (0: caught up).
 */
@Injectable()
export class RecordFreshnessTracker {
  private eventSeq = 0;
  private lastEventAt?: string;
  private eventsBehind = 0;

  /** A chat event taken in: its stream sequence, what the stream holds after it for us, its time. */
  note(streamSeq: number, pending: number, at: string | undefined): void {
    if (streamSeq <= this.eventSeq) return;
    this.eventSeq = streamSeq;
    this.eventsBehind = Math.max(0, pending);
    if (at) this.lastEventAt = at;
  }

  /** The freshness of a read starting now (take it before reading). */
  now(clock: () => Date = () => new Date()): RecordFreshness {
    return {
      asOf: clock().toISOString(),
      eventSeq: this.eventSeq,
      ...(this.lastEventAt ? { lastEventAt: this.lastEventAt } : {}),
      eventsBehind: this.eventsBehind,
    };
  }
}

/** The OpenAPI schema of `RecordFreshness` (libs/contracts). */
export const recordFreshnessOpenApi = {
  type: 'object' as const,
  description: 'How fresh the figures are: every change answered before asOf and every chat event up to eventSeq is in them',
  required: ['asOf', 'eventSeq', 'eventsBehind'],
  properties: {
    asOf: { type: 'string', format: 'date-time', description: 'When the records were read' },
    eventSeq: { type: 'integer', minimum: 0, description: 'Stream sequence of the newest chat event the gateway had taken in (0: none yet)' },
    lastEventAt: { type: 'string', format: 'date-time', description: 'When that event happened' },
    eventsBehind: { type: 'integer', minimum: 0, description: 'Chat events already stored that the gateway had not taken in yet (0: caught up)' },
  },
};
