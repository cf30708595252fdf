import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentStateModule } from '@switchboard/agent-state';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { SessionStoreModule } from '@switchboard/session-store';
import { FeedsModule } from '../feeds/feeds.module';
import { AgentConsoleSettingsService } from './agent/agent-console-settings.service';
import { AgentDirectory } from './agent/agent-directory.service';
import { AgentPresenceService } from './agent/agent-presence.service';
import { AgentHandlers } from './agent/agent.handlers';
import { CustomerDirectory } from './agent/customer-info/customer-directory';
import { ResourcesRepository } from './agent/resources/resources.repository';
import { CommandDispatcher } from './connection/command-dispatcher';
import { ConnectionRegistry } from './connection/connection-registry';
import { PrincipalLimits } from './connection/principal-limits';
import { RealtimeServer } from './connection/realtime.server';
import { EndUserPresenceService } from './end-user/end-user-presence.service';
import { EndUserHandlers } from './end-user/end-user.handlers';
import { FanoutService } from './fanout/fanout.service';
import { BoardService } from './board/board.service';
import { GatewayPresence } from './presence/gateway-presence.service';
import { PresenceSweep } from './presence/presence-sweep.service';
import { CONNECTION_POLICY, type ConnectionPolicy } from './connection/connection-policy';
import { REALTIME_CONFIG, type RealtimeConfig } from './realtime.config';
import { ChatCommands } from './sessions/chat-commands.service';
import { HistoryPages } from './sessions/history-pages';
import { LiveSettings } from './sessions/live-settings.service';
import { OpenSessionsProjection } from './sessions/open-sessions.projection';
import { SessionAccess } from './sessions/session-access.service';
import { SessionHandlers } from './sessions/session.handlers';
import { ChatSignals } from './conversation/chat-signals';
import { ConversationHandlers } from './conversation/conversation.handlers';
import { ChatReceiptRecord, ChatReceiptRecordSchema, ReceiptsStore } from './conversation/receipts-store';

/** The WebSocket API for agents and end users (docs/protocol/websocket.md). */
@Module({})
export class RealtimeModule {
  static forRoot(config: RealtimeConfig & ConnectionPolicy): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [
        ReferenceDataModule,
        SessionStoreModule,
        AgentStateModule,
        FeedsModule,
        MongooseModule.forFeature([{ name: ChatReceiptRecord.name, schema: ChatReceiptRecordSchema }]),
      ],
      providers: [
        { provide: REALTIME_CONFIG, useValue: config },
        { provide: CONNECTION_POLICY, useValue: config },
        ConnectionRegistry,
        PrincipalLimits,
        LiveSettings,
        AgentDirectory,
        OpenSessionsProjection,
        BoardService,
        FanoutService,
        GatewayPresence,
        ChatCommands,
        SessionAccess,
        HistoryPages,
        CustomerDirectory,
        ResourcesRepository,
        AgentPresenceService,
        AgentConsoleSettingsService,
        EndUserPresenceService,
        PresenceSweep,
        SessionHandlers,
        EndUserHandlers,
        AgentHandlers,
        ReceiptsStore,
        ChatSignals,
        ConversationHandlers,
        CommandDispatcher,
        RealtimeServer,
      ],
      exports: [RealtimeServer, ConnectionRegistry, OpenSessionsProjection],
    };
  }
}
