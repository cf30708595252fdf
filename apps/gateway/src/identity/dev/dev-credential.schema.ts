import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A development login: username, password hash and the principal it stands for. */
@Schema({ collection: 'dev_credentials', versionKey: false })
export class DevCredentialRecord {
  /** The username, lower case. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  passwordHash!: string;

  @Prop({ type: String, required: true })
  principalId!: string;

  @Prop({ type: String, required: true, enum: ['endUser', 'agent', 'admin'] })
  role!: 'endUser' | 'agent' | 'admin';

  @Prop({ type: String, required: true })
  name!: string;
}
export const DevCredentialRecordSchema = SchemaFactory.createForClass(DevCredentialRecord);
