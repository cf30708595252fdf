import { Injectable } from '@nestjs/common';
import type { RecordFreshness } from '@switchboard/contracts';

/** What a list row or a dashboard figure reads of a record, and what an event says of the session. */
export interface RecordRow {
  sessionId: string;
  version: number;
  status: string;
  queue: string;
  ownerAgentId?: string;
}

/** Sessions whose latest event is remembered to spot records behind it; the least recently changed go first. */
const REMEMBERED_SESSIONS = 10_000;

/**
 * How far this gateway had followed the chat events when it read the
 * records, and which rows of a read are behind them: the admin lists and the
 * dashboard say so next to their figures. A chat actor answers a command
 * once the record's status, queue and owner are written, and publishes the
 * events just before: a read can meet a record that has not yet followed an
 * event already out (or, should that write fail, until a load or a takeover
 * rolls it forward). `eventsBehind` counts the events stored in the stream
 * that this gateway had not taken in yet (0: caught up).
 */
@Injectable()
export class RecordFreshnessTracker {
  private eventSeq = 0;
  private lastEventAt?: string;
  private eventsBehind = 0;
  private readonly latest = new Map<string, RecordRow>();

  /** A chat event taken in: its stream sequence, what the stream holds after it for us, its time, the session after it. */
  note(streamSeq: number, pending: number, at: string | undefined, session?: RecordRow): void {
    if (session) this.remember(session);
    if (streamSeq <= this.eventSeq) return;
    this.eventSeq = streamSeq;
    this.eventsBehind = Math.max(0, pending);
    if (at) this.lastEventAt = at;
  }

  /** The freshness of a read starting now (take it before reading; `recordsBehind` once the rows are read). */
  now(clock: () => Date = () => new Date()): RecordFreshness {
    return {
      asOf: clock().toISOString(),
      eventSeq: this.eventSeq,
      ...(this.lastEventAt ? { lastEventAt: this.lastEventAt } : {}),
      eventsBehind: this.eventsBehind,
      recordsBehind: 0,
    };
  }

  /** Rows whose record has not followed a later event of its session that changed its status, queue or owner. */
  behind(rows: Iterable<RecordRow>): number {
    let count = 0;
    for (const row of rows) {
      const known = this.latest.get(row.sessionId);
      if (!known || known.version <= row.version) continue;
      if (known.status !== row.status || known.queue !== row.queue || (known.ownerAgentId ?? '') !== (row.ownerAgentId ?? '')) count++;
    }
    return count;
  }

  private remember(session: RecordRow): void {
    const known = this.latest.get(session.sessionId);
    if (known && known.version >= session.version) return;
    this.latest.delete(session.sessionId);
    this.latest.set(session.sessionId, { sessionId: session.sessionId, version: session.version, status: session.status, queue: session.queue, ...(session.ownerAgentId ? { ownerAgentId: session.ownerAgentId } : {}) });
    if (this.latest.size > REMEMBERED_SESSIONS) this.latest.delete(this.latest.keys().next().value!);
  }
}

/** The OpenAPI schema of `RecordFreshness` (libs/contracts). */
export const recordFreshnessOpenApi = {
  type: 'object' as const,
  description: 'How fresh the figures are: every change answered before asOf is in them; exact when eventsBehind and recordsBehind are 0',
  required: ['asOf', 'eventSeq', 'eventsBehind', 'recordsBehind'],
  properties: {
    asOf: { type: 'string', format: 'date-time', description: 'When the records were read' },
    eventSeq: { type: 'integer', minimum: 0, description: 'Stream sequence of the newest chat event the gateway had taken in (0: none yet)' },
    lastEventAt: { type: 'string', format: 'date-time', description: 'When that event happened' },
    eventsBehind: { type: 'integer', minimum: 0, description: 'Chat events already stored that the gateway had not taken in yet (0: caught up)' },
    recordsBehind: { type: 'integer', minimum: 0, description: "Rows of this read whose record had not yet followed an event already out that changed the session's status, queue or owner" },
  },
};
