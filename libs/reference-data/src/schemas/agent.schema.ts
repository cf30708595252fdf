import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A support agent's profile: name, membership (queues, companies) and cap.
 * Presence and load change with every connection and assignment and live in
 * the agents' live state (JetStream KV, `@switchboard/agent-state`).
 */
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

  /** Issue 16: the queues the agent supervises (assigned by an administrator); empty: not a supervisor. */
  @Prop({ type: [String], default: [] })
  supervisedQueues!: string[];

  /** Per-agent cap; 0 uses the setting. */
  @Prop({ type: Number, default: 0 })
  cap!: number;

  /** Disabled by an administrator: sign-in refused (ACCOUNT_DISABLED), tokens ended (issue 13). */
  @Prop({ type: Boolean, default: false })
  disabled!: boolean;
}
export const AgentRecordSchema = SchemaFactory.createForClass(AgentRecord);
