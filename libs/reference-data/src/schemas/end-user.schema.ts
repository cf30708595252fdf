import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ _id: false, versionKey: false })
export class AssetRecord {
  @Prop({ type: String, required: true })
  id!: string;

  @Prop({ type: String })
  name?: string;

  @Prop({ type: String })
  deviceId?: string;
}
const AssetRecordSchema = SchemaFactory.createForClass(AssetRecord);

/** An end user (customer): contact, site, company and assets (R15). */
@Schema({ collection: 'end_users', versionKey: false })
export class EndUserRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  displayName!: string;

  @Prop({ type: String, required: true, index: true })
  companyId!: string;

  @Prop({ type: String })
  email?: string;

  @Prop({ type: String })
  phone?: string;

  @Prop({ type: String })
  site?: string;

  @Prop({ type: [AssetRecordSchema], default: [] })
  assets!: AssetRecord[];

  /** Disabled by an administrator: sign-in refused (ACCOUNT_DISABLED), tokens ended (issue 13). */
  @Prop({ type: Boolean, default: false })
  disabled!: boolean;

  /** Issue 15: the priority chats start with (0..3); a chat takes the highest of its end user, company and topic. */
  @Prop({ type: Number, default: 0 })
  priority?: number;
}
export const EndUserRecordSchema = SchemaFactory.createForClass(EndUserRecord);
