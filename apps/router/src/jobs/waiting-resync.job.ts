import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@switchboard/service-kit';
import type { RouterConfig } from '../config';
import { AssignmentInputs } from '../inputs/assignment-inputs';

/**
 * Every ROUTER_RESYNC_MS, everything assignment depends on is read again in
 * full. A safety net only: assignment is driven by events and wake-ups and
 * never waits for it (issue 12).
 */
@Injectable()
export class WaitingResyncJob {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly inputs: AssignmentInputs,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.inputs.resyncAll().finally(() => this.start()), this.config.ROUTER_RESYNC_MS);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
