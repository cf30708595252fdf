import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { OpeningHours } from '@switchboard/contracts';
import { Schema as MongooseSchema } from 'mongoose';

/** A topic end users pick at start; maps to one support queue. */
@Schema({ collection: 'topics', versionKey: false })
export class TopicRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  queue!: string;

  /** Issue 15: the priority chats start with (0..3); a chat takes the highest of its end user, company and topic. */
  @Prop({ type: Number, default: 0 })
  priority?: number;
}
export const TopicRecordSchema = SchemaFactory.createForClass(TopicRecord);

/** A support queue; `General` always exists. */
@Schema({ collection: 'queues', versionKey: false })
export class QueueRecord {
  /** The queue's name is its id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  /** No first reply (issue 14): seconds an assigned chat waits for its agent's first message; 0: off. */
  @Prop({ type: Number, default: 0 })
  firstReplySeconds!: number;

  /** Offers (issue 14): seconds an agent has to accept or decline an offered chat; 0: direct assignment. */
  @Prop({ type: Number, default: 0 })
  offerSeconds!: number;

  /** Wrap-up (issue 14): seconds an agent gets no new chat after ending one of this queue; 0: none. */
  @Prop({ type: Number, default: 0 })
  wrapUpSeconds!: number;

  /** Wrap-up lasts until the agent records a disposition code. */
  @Prop({ type: Boolean, default: false })
  dispositionRequired!: boolean;

  /** End-user inactivity (issue 15): seconds the end user may leave the agent unanswered before "Are you still there?"; 0: off. */
  @Prop({ type: Number, default: 0 })
  userInactivityWarnSeconds!: number;

  /** Seconds after that question (without it, after the agent's message) before the chat closes as userInactive; 0: off. */
  @Prop({ type: Number, default: 0 })
  userInactivityCloseSeconds!: number;

  /** R12: seconds after the end user is marked as gone before the chat closes as userLeft; 0: off. */
  @Prop({ type: Number, default: 0 })
  userLeftCloseSeconds!: number;

  /** Issue 15: the queue's opening hours (ADR 23), as the admin contract validated them; absent: always open. */
  @Prop({ type: MongooseSchema.Types.Mixed })
  openingHours?: OpeningHours;

  /** Issue 15, maximum wait: seconds a queued chat waits before it overflows or its end user chooses; 0: off. */
  @Prop({ type: Number, default: 0 })
  maxWaitSeconds!: number;

  /** Issue 15: where a chat that waited `maxWaitSeconds` goes; empty: the end user chooses. */
  @Prop({ type: String, default: '' })
  overflowQueue!: string;
}
export const QueueRecordSchema = SchemaFactory.createForClass(QueueRecord);
