export { ReferenceDataModule } from './reference-data.module';
export { ReferenceDataRepository, SETTINGS_ID, toAgentProfile, type AgentProfile } from './repository/reference-data.repository';
export { SettingsRecord, SettingsRecordSchema } from './schemas/settings.schema';
export { AgentRecord, AgentRecordSchema } from './schemas/agent.schema';
export { EndUserRecord, EndUserRecordSchema, AssetRecord } from './schemas/end-user.schema';
export { TopicRecord, TopicRecordSchema, QueueRecord, QueueRecordSchema } from './schemas/topic.schema';
export { CompanyRecord, CompanyRecordSchema } from './schemas/company.schema';
export {
  KnowledgeArticleRecord,
  KnowledgeArticleRecordSchema,
  ResponseTemplateRecord,
  ResponseTemplateRecordSchema,
  OutageRecord,
  OutageRecordSchema,
} from './schemas/resources.schema';
export { SettingsCache } from './settings/settings.cache';
export { ReferenceDataCache, MAX_CACHED_LIST } from './cache/reference-data.cache';
export { BoundedCache } from './cache/bounded-cache';
export {
  REFERENCE_CACHE_CONFIG,
  referenceCacheConfigFrom,
  referenceCacheConfigSchema,
  ReferenceCacheConfigError,
  type ReferenceCacheConfig,
} from './cache/reference-cache.config';
