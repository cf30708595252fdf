import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The one settings document (`_id: 'global'`); defaults are the domain's DEFAULT_SETTINGS. */
@Schema({ collection: 'settings', versionKey: false })
export class SettingsRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Boolean, required: true })
  supportQueues!: boolean;

  @Prop({ type: Boolean, required: true })
  useTopics!: boolean;

  @Prop({ type: Boolean, required: true })
  companyFilter!: boolean;

  @Prop({ type: Boolean, required: true })
  agentAutoAccept!: boolean;

  @Prop({ type: String, default: '' })
  remoteControlConsoleUrl!: string;

  @Prop({ type: Number, required: true, default: 0 })
  maxConcurrentChatsPerAgent!: number;

  @Prop({ type: [String], default: [] })
  maskPatterns!: string[];

  /** Largest attachment in bytes (0: off); absent in documents written before attachments: the default. */
  @Prop({ type: Number })
  attachmentMaxBytes?: number;

  /** Media types an attachment may have (found in its content); absent: the default list. */
  @Prop({ type: [String], default: undefined })
  attachmentTypes?: string[];

  @Prop({ type: Boolean, default: false })
  emailTranscripts!: boolean;

  /** Reasons agents pick from when declining an offered chat; absent: the default list. */
  @Prop({ type: [String], default: undefined })
  offerDeclineReasons?: string[];

  /** Disposition codes agents pick from during wrap-up; absent: the default list. */
  @Prop({ type: [String], default: undefined })
  dispositionCodes?: string[];
  /** Minutes an agent console may be idle before it sets the agent Away (0: off); absent in older documents: off. */
  @Prop({ type: Number })
  agentIdleMinutes?: number;
  /** What an agent who lets an offer lapse becomes; absent in older documents: notResponding. */
  @Prop({ type: String, enum: ['notResponding', 'away', 'offline'] })
  offerLapsePresence?: 'notResponding' | 'away' | 'offline';

  /** Grows with every change, so a process can tell a stale copy. */
  @Prop({ type: Number, required: true, default: 0 })
  revision!: number;
}
export const SettingsRecordSchema = SchemaFactory.createForClass(SettingsRecord);
