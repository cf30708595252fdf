import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A support agent: membership (queues, companies), cap, presence and load. */
@Schema({ collection: 'agents', versionKey: false })
export class AgentRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  displayName!: string;

  @Prop({ type: [String], default: [] })
  queues!: string[];

  @Prop({ type: [String], default: [] })
  companies!: string[];

  /** Per-agent cap; 0 uses the setting. */
  @Prop({ type: Number, default: 0 })
  cap!: number;

  @Prop({ type: String, enum: ['online', 'away', 'offline'], default: 'offline' })
  presence!: 'online' | 'away' | 'offline';

  /** Sessions currently assigned to the agent. */
  @Prop({ type: Number, default: 0 })
  load!: number;

  @Prop({ type: Date })
  idleSince?: Date;
}
export const AgentRecordSchema = SchemaFactory.createForClass(AgentRecord);
AgentRecordSchema.index({ presence: 1 });
