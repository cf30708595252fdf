import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { encodeJson, NATS_CONNECTION, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import { AssignmentLoop } from '../assignment/assignment-loop';
import { RouterView } from '../assignment/router-view';
import type { RouterConfig } from '../config';

export interface RouterStatus {
  instanceId: string;
  partitions: number[];
  waiting: Record<string, number>;
  inFlight: number;
  assignments: number;
  /** Assignments per second over the last 10 s. */
  assignmentRate: number;
}

/** This router's partitions, waiting sessions and assignment rate: over HTTP (diagnostics) and NATS (`routerStatus`). */
@Injectable()
export class RouterStatusService {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly view: RouterView,
    private readonly loop: AssignmentLoop,
  ) {}

  start(): void {
    this.subscription = this.nc.subscribe(this.subjects.routerStatus, { callback: (err, msg) => void (err ? undefined : msg.respond(encodeJson(this.status()))) });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  status(): RouterStatus {
    const settings = this.view.settings;
    return {
      instanceId: this.config.INSTANCE_ID,
      partitions: [...this.view.owned].sort((a, b) => a - b),
      waiting: settings ? this.view.planner.waitingPerQueue(settings) : {},
      inFlight: this.view.planner.inFlightCount,
      ...this.loop.counts(),
    };
  }
}
