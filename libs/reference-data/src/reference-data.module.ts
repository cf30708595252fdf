import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReferenceDataRepository } from './repository/reference-data.repository';
import { AgentRecord, AgentRecordSchema } from './schemas/agent.schema';
import { EndUserRecord, EndUserRecordSchema } from './schemas/end-user.schema';
import { SettingsRecord, SettingsRecordSchema } from './schemas/settings.schema';
import { QueueRecord, QueueRecordSchema, TopicRecord, TopicRecordSchema } from './schemas/topic.schema';

/** Settings, agents, end users, topics and queues: the data commands are decided with. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SettingsRecord.name, schema: SettingsRecordSchema },
      { name: AgentRecord.name, schema: AgentRecordSchema },
      { name: EndUserRecord.name, schema: EndUserRecordSchema },
      { name: TopicRecord.name, schema: TopicRecordSchema },
      { name: QueueRecord.name, schema: QueueRecordSchema },
    ]),
  ],
  providers: [ReferenceDataRepository],
  exports: [ReferenceDataRepository, MongooseModule],
})
export class ReferenceDataModule {}
