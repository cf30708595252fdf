export { ReferenceDataModule } from './reference-data.module';
export { ReferenceDataRepository, SETTINGS_ID, toAgentInfo } from './repository/reference-data.repository';
export { SettingsRecord, SettingsRecordSchema } from './schemas/settings.schema';
export { AgentRecord, AgentRecordSchema } from './schemas/agent.schema';
export { EndUserRecord, EndUserRecordSchema, AssetRecord } from './schemas/end-user.schema';
export { TopicRecord, TopicRecordSchema, QueueRecord, QueueRecordSchema } from './schemas/topic.schema';
