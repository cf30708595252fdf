import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AgentStateModule } from '@switchboard/agent-state';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { SessionStoreModule } from '@switchboard/session-store';
import { FeedsModule } from '../feeds/feeds.module';
import { AgentsController } from './agents/agents.controller';
import { AgentsService } from './agents/agents.service';
import { CompaniesController } from './companies/companies.controller';
import { CompaniesService } from './companies/companies.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { RecordFreshnessTracker } from './freshness/record-freshness';
import { EndUsersController } from './end-users/end-users.controller';
import { EndUsersService } from './end-users/end-users.service';
import { KnowledgeArticlesController } from './knowledge-articles/knowledge-articles.controller';
import { KnowledgeArticlesService } from './knowledge-articles/knowledge-articles.service';
import { OutagesController } from './outages/outages.controller';
import { OutagesService } from './outages/outages.service';
import { QueuesController } from './queues/queues.controller';
import { QueuesService } from './queues/queues.service';
import { ResponseTemplatesController } from './response-templates/response-templates.controller';
import { ResponseTemplatesService } from './response-templates/response-templates.service';
import { HistoryPages } from '../realtime/sessions/history-pages';
import { AdminErrorsFilter } from './shared/admin-errors.filter';
import { ReferenceChanges } from './shared/reference-changes';
import { chatActorClientProvider } from './sessions/chat-actor-client.provider';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';
import { TopicsController } from './topics/topics.controller';
import { TopicsService } from './topics/topics.service';

/** The admin REST API under /api/admin: one folder per resource (R19: administrators only). */
@Module({
  imports: [ReferenceDataModule, SessionStoreModule, AgentStateModule, FeedsModule],
  controllers: [
    SettingsController,
    QueuesController,
    TopicsController,
    AgentsController,
    CompaniesController,
    EndUsersController,
    KnowledgeArticlesController,
    ResponseTemplatesController,
    OutagesController,
    SessionsController,
    DashboardController,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AdminErrorsFilter },
    ReferenceChanges,
    SettingsService,
    QueuesService,
    TopicsService,
    AgentsService,
    CompaniesService,
    EndUsersService,
    KnowledgeArticlesService,
    ResponseTemplatesService,
    OutagesService,
    SessionsService,
    RecordFreshnessTracker,
    HistoryPages,
    chatActorClientProvider,
    DashboardService,
  ],
})
export class AdminApiModule {}
