import { Module, type DynamicModule } from '@nestjs/common';
import { AgentStateModule } from '@switchboard/agent-state';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { ServiceModule } from '@switchboard/service-kit';
import { SessionStoreModule } from '@switchboard/session-store';
import { AssignmentLoop } from './assignment/assignment-loop';
import { RouterView } from './assignment/router-view';
import { AssignmentInputs } from './inputs/assignment-inputs';
import { LoadSweepJob } from './jobs/load-sweep.job';
import { WaitingResyncJob } from './jobs/waiting-resync.job';
import { RouterPartitions } from './ownership/router-partitions';
import { RouterLifecycle } from './router-lifecycle';
import { RouterStatusService } from './status/router-status';
import type { RouterConfig } from './config';
import { RouterController } from './metrics/router.controller';
import { RouterMetrics } from './metrics/router-metrics';

/** The router process: assigns waiting sessions to agents by load (R4) and reverts stale transfers (R5.4). */
@Module({})
export class RouterModule {
  static forRoot(config: RouterConfig): DynamicModule {
    return {
      module: RouterModule,
      imports: [ServiceModule.forService('router', config), ReferenceDataModule, SessionStoreModule, AgentStateModule],
      controllers: [RouterController],
      providers: [
        RouterMetrics,
        RouterView,
        RouterPartitions,
        AssignmentInputs,
        AssignmentLoop,
        RouterStatusService,
        WaitingResyncJob,
        LoadSweepJob,
        RouterLifecycle,
      ],
    };
  }
}
