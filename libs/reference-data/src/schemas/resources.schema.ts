import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A knowledge article agents find by text on a session's Resources tab (R15). */
@Schema({ collection: 'knowledge_articles', versionKey: false })
export class KnowledgeArticleRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, required: true })
  body!: string;

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}
export const KnowledgeArticleRecordSchema = SchemaFactory.createForClass(KnowledgeArticleRecord);

/** A canned answer an agent pastes into a chat (R15). */
@Schema({ collection: 'response_templates', versionKey: false })
export class ResponseTemplateRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, required: true })
  text!: string;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}
export const ResponseTemplateRecordSchema = SchemaFactory.createForClass(ResponseTemplateRecord);

/** A known outage shown to agents (R15); no companies means it concerns every company. */
@Schema({ collection: 'outages', versionKey: false })
export class OutageRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: Date, required: true })
  startsAt!: Date;

  @Prop({ type: Date })
  endsAt?: Date;

  @Prop({ type: [String], default: [] })
  companies!: string[];
}
export const OutageRecordSchema = SchemaFactory.createForClass(OutageRecord);
OutageRecordSchema.index({ startsAt: -1 });
