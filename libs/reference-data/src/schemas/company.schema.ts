import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A customer organisation; end users belong to one, agents serve some (Company filter, R2/R6). */
@Schema({ collection: 'companies', versionKey: false })
export class CompanyRecord {
  /** A short code chosen by the administrator, e.g. `acme`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  emailDomains!: string[];

  @Prop({ type: String, default: '' })
  notes!: string;

  /** Issue 15: the priority chats start with (0..3); a chat takes the highest of its end user, company and topic. */
  @Prop({ type: Number, default: 0 })
  priority?: number;
}
export const CompanyRecordSchema = SchemaFactory.createForClass(CompanyRecord);
