import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The outbox watermark of one partition (A5): every start and commit of the
 * partition stored before `publishedBefore` (by its `at`, the writer's
 * clock) is in the event stream. The owner moves it forward about once a
 * second instead of flagging each commit; a new owner publishes again what
 * was stored from a little before it (the stream and consumers drop repeats).
 */
@Schema({ collection: 'chat_outbox_marks', versionKey: false })
export class OutboxMark {
  /** `p<partition>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  publishedBefore!: Date;

  /** Lease epoch of the owner that wrote it: an older owner does not move it any more. */
  @Prop({ type: Number, required: true })
  epoch!: number;
}

export const OutboxMarkSchema = SchemaFactory.createForClass(OutboxMark);
export const outboxMarkId = (partition: number) => `p${partition}`;
