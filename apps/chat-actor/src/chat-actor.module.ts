import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { ServiceModule } from '@switchboard/service-kit';
import { CommandHost } from './actor/command-host';
import { CommandProcessor } from './actor/command-processor';
import { DecisionContextLoader } from './actor/decision-context.loader';
import { SettingsCache } from './actor/settings.cache';
import type { ChatActorConfig } from './config';
import { EventPublisher } from './events/event-publisher';
import { OwnershipController } from './ownership/ownership.controller';
import { OwnershipService } from './ownership/ownership.service';
import { SessionCommit, SessionCommitSchema } from './sessions/schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from './sessions/schemas/session-record.schema';
import { SessionRepository } from './sessions/session.repository';

/** The chat-actor process: owns chat sessions and applies their commands one at a time. */
@Module({})
export class ChatActorModule {
  static forRoot(config: ChatActorConfig): DynamicModule {
    return {
      module: ChatActorModule,
      imports: [
        ServiceModule.forService('chat-actor', config),
        ReferenceDataModule,
        MongooseModule.forFeature([
          { name: SessionRecord.name, schema: SessionRecordSchema },
          { name: SessionCommit.name, schema: SessionCommitSchema },
        ]),
      ],
      controllers: [OwnershipController],
      providers: [
        SessionRepository,
        SettingsCache,
        DecisionContextLoader,
        EventPublisher,
        CommandProcessor,
        CommandHost,
        OwnershipService,
      ],
    };
  }
}
