import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AssignmentLoop } from './assignment/assignment-loop';
import { AssignmentInputs } from './inputs/assignment-inputs';
import { LoadSweepJob } from './jobs/load-sweep.job';
import { WaitingResyncJob } from './jobs/waiting-resync.job';
import { RouterPartitions } from './ownership/router-partitions';
import { RouterStatusService } from './status/router-status';

/**
 * Starts the router's parts in the order they depend on each other: the
 * inputs first (so the view is current before any partition is served),
 * the status responder, then the partitions (each taken one triggers a full
 * read of the waiting sessions), then the periodic jobs; stops them in
 * reverse.
 */
@Injectable()
export class RouterLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly inputs: AssignmentInputs,
    private readonly loop: AssignmentLoop,
    private readonly partitions: RouterPartitions,
    private readonly status: RouterStatusService,
    private readonly resyncJob: WaitingResyncJob,
    private readonly loadSweep: LoadSweepJob,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.inputs.start();
    this.status.start();
    await this.partitions.start(() => this.inputs.requestResync());
    this.resyncJob.start();
    this.loadSweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.loadSweep.stop();
    this.resyncJob.stop();
    this.loop.stop();
    this.status.stop();
    await this.partitions.stop();
    await this.inputs.stop();
  }
}
