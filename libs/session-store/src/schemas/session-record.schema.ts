import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SessionEvent, SessionState } from '@switchboard/domain';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * The Master Chat Record: one document per session id (`_id`, R17), holding
 * the session's summary as of `version` (bounded: no history, see the
 * domain's SessionState) and the events of its start. The rest of the
 * history is the commits, read in pages. Changes after the start are decided through the
 * commits collection (one winner per version); this snapshot follows them and
 * a reader rolls it forward through any commit it lacks. The top-level copies
 * of a few state fields exist for indexes and queries only.
 */
@Schema({ collection: 'chat_sessions', versionKey: false, minimize: false })
export class SessionRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Number of events applied (the last commit's version). */
  @Prop({ type: Number, required: true })
  version!: number;

  /** Lease epoch of the process that wrote last. */
  @Prop({ type: Number, required: true })
  ownerEpoch!: number;

  @Prop({ type: Number, required: true })
  partition!: number;

  /** `[endUserId, requestId]` as JSON: unique, so one start request makes one session (R1.1). */
  @Prop({ type: String, required: true, unique: true })
  startKey!: string;

  /**
   * The end user id while the session is open, `closed:<sessionId>` after:
   * unique, so an end user has at most one open session (R1.2). A plain
   * unique index, because FerretDB v1 has no partial indexes.
   */
  @Prop({ type: String, required: true, unique: true })
  openSlot!: string;

  @Prop({ type: String, required: true, index: true })
  endUserId!: string;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: String, required: true })
  queue!: string;

  @Prop({ type: String })
  ownerAgentId?: string;

  /**
   * When the session's earliest deadline is due (ADR 13); absent when it
   * holds none. A new owner of the partition arms its timers from this.
   */
  @Prop({ type: Date })
  nextDueAt?: Date;

  /** Issue 17: the end user's satisfaction rating (1 to 5), once given; the dashboard's average is read from it. */
  @Prop({ type: Number })
  ratingScore?: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  state!: SessionState;

  /** The start's events (seq 1..n): the head of the history; every later event is in a commit. */
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  startEvents!: SessionEvent[];

  /** The writer's CHAT_SCHEMA_VERSION for its start events (issue 18); absent on records from before versions: 1. */
  @Prop({ type: Number })
  v?: number;

  /** When the start was stored, by the writer's clock: the outbox watermark of the partition is on this (A5). */
  @Prop({ type: Date, required: true })
  startedAt!: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const SessionRecordSchema = SchemaFactory.createForClass(SessionRecord);
SessionRecordSchema.index({ partition: 1, startedAt: 1 });
SessionRecordSchema.index({ status: 1, queue: 1 });
// Status alone as well: FerretDB serves an equality filter from a single-field index only (ADR 2), and the open sessions and status counts filter on it.
SessionRecordSchema.index({ status: 1 });
SessionRecordSchema.index({ ownerAgentId: 1, status: 1 });
// The sessions of a partition that hold a deadline: what a new owner arms its timers from (ADR 13).
SessionRecordSchema.index({ partition: 1, nextDueAt: 1 });
// Issue 17: the rated chats, for the dashboard's satisfaction figure.
SessionRecordSchema.index({ ratingScore: 1 });
