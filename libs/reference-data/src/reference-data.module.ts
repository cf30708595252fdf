import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { REFERENCE_CACHE_CONFIG, referenceCacheConfigFrom } from './cache/reference-cache.config';
import { ReferenceDataCache } from './cache/reference-data.cache';
import { ReferenceDataRepository } from './repository/reference-data.repository';
import { SettingsCache } from './settings/settings.cache';
import { AgentRecord, AgentRecordSchema } from './schemas/agent.schema';
import { CompanyRecord, CompanyRecordSchema } from './schemas/company.schema';
import { EndUserRecord, EndUserRecordSchema } from './schemas/end-user.schema';
import {
  KnowledgeArticleRecord,
  KnowledgeArticleRecordSchema,
  OutageRecord,
  OutageRecordSchema,
  ResponseTemplateRecord,
  ResponseTemplateRecordSchema,
} from './schemas/resources.schema';
import { SettingsRecord, SettingsRecordSchema } from './schemas/settings.schema';
import { QueueRecord, QueueRecordSchema, TopicRecord, TopicRecordSchema } from './schemas/topic.schema';

/**
 * Settings, agents, end users, topics and queues (the data commands are decided
 * with), and companies and the resources agents see (R15).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SettingsRecord.name, schema: SettingsRecordSchema },
      { name: AgentRecord.name, schema: AgentRecordSchema },
      { name: EndUserRecord.name, schema: EndUserRecordSchema },
      { name: TopicRecord.name, schema: TopicRecordSchema },
      { name: QueueRecord.name, schema: QueueRecordSchema },
      { name: CompanyRecord.name, schema: CompanyRecordSchema },
      { name: KnowledgeArticleRecord.name, schema: KnowledgeArticleRecordSchema },
      { name: ResponseTemplateRecord.name, schema: ResponseTemplateRecordSchema },
      { name: OutageRecord.name, schema: OutageRecordSchema },
    ]),
  ],
  providers: [
    ReferenceDataRepository,
    SettingsCache,
    ReferenceDataCache,
    { provide: REFERENCE_CACHE_CONFIG, useFactory: () => referenceCacheConfigFrom(process.env) },
  ],
  exports: [ReferenceDataRepository, SettingsCache, ReferenceDataCache, MongooseModule],
})
export class ReferenceDataModule {}
