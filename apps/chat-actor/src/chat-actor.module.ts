import { Module, type DynamicModule } from '@nestjs/common';
import { AgentStateModule } from '@switchboard/agent-state';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { ServiceModule } from '@switchboard/service-kit';
import { SessionStoreModule } from '@switchboard/session-store';
import { CommandHost } from './actor/command-host';
import { CommandProcessor } from './actor/command-processor';
import { DecisionContextLoader } from './actor/decision-context.loader';
import { CLOCK, systemClock } from './deadlines/clock';
import { DeadlineTimers } from './deadlines/deadline-timers';
import type { ChatActorConfig } from './config';
import { EventPublisher } from './events/event-publisher';
import { Outbox } from './outbox/outbox';
import { OwnershipController } from './ownership/ownership.controller';
import { OwnershipService } from './ownership/ownership.service';

/** The chat-actor process: owns chat sessions and applies their commands one at a time. */
@Module({})
export class ChatActorModule {
  static forRoot(config: ChatActorConfig): DynamicModule {
    return {
      module: ChatActorModule,
      imports: [
        ServiceModule.forService('chat-actor', config),
        ReferenceDataModule,
        AgentStateModule,
        SessionStoreModule,
      ],
      controllers: [OwnershipController],
      providers: [
        DecisionContextLoader,
        Outbox,
        EventPublisher,
        { provide: CLOCK, useValue: systemClock },
        DeadlineTimers,
        CommandProcessor,
        CommandHost,
        OwnershipService,
      ],
    };
  }
}
