import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SessionEvent } from '@switchboard/domain';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * One accepted command's events, stored under the id `<sessionId>@<baseVersion>`:
 * the version the writer decided from. Two writers that decided from the same
 * version want the same id, and the unique `_id` lets exactly one of them in.
 * An insert is atomic on MongoDB and on FerretDB alike; a conditional
 * `updateOne` is not atomic on FerretDB v1 (concurrent ones all match),
 * so the version check cannot live in an update filter (ADR 2).
 */
@Schema({ collection: 'chat_session_commits', versionKey: false })
export class SessionCommit {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  sessionId!: string;

  @Prop({ type: Number, required: true })
  baseVersion!: number;

  /**
   * `<sessionId>/<commandId>`: unique, so a command id is applied to a
   * session at most once whatever the version it was decided from (A3); the
   * loser of that race reads the first outcome from here.
   */
  @Prop({ type: String, required: true, unique: true })
  commandKey!: string;

  /** Fingerprint of the command's body: the same id with another body is COMMAND_ID_REUSED. */
  @Prop({ type: String, required: true })
  commandHash!: string;

  /** The seq of the last event the end user saw before this commit (R13), for the events' `prevVisibleSeq`. */
  @Prop({ type: Number, required: true, default: 0 })
  prevVisibleSeq!: number;

  /** Lease epoch of the writer, for audit and to tell a fenced writer from a plain conflict. */
  @Prop({ type: Number, required: true })
  epoch!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  events!: SessionEvent[];

  /** The writer's CHAT_SCHEMA_VERSION (issue 18); absent on commits from before versions: 1. */
  @Prop({ type: Number })
  v?: number;

  @Prop({ type: Number, required: true })
  partition!: number;

  /** When the writer stored it, by its clock: the outbox watermark of the partition is on this (A5). */
  @Prop({ type: Date, required: true })
  at!: Date;
}

export const SessionCommitSchema = SchemaFactory.createForClass(SessionCommit);
SessionCommitSchema.index({ partition: 1, at: 1 });
SessionCommitSchema.index({ sessionId: 1, baseVersion: 1 });
export const commitId = (sessionId: string, baseVersion: number) => `${sessionId}@${baseVersion}`;
export const commandKeyOf = (sessionId: string, commandId: string) => `${sessionId}/${commandId}`;
