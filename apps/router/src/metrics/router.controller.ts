import { Controller, Get, Header } from '@nestjs/common';
import { RouterStatusService, type RouterStatus } from '../status/router-status';
import { RouterMetrics } from './router-metrics';

@Controller()
export class RouterController {
  constructor(
    private readonly metrics: RouterMetrics,
    private readonly routerStatus: RouterStatusService,
  ) {}

  /** Prometheus scrape: waiting sessions per queue, time to assign, assignments. */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  /** This router's partitions, waiting sessions per queue and assignment rate. */
  @Get('diagnostics/router')
  status(): RouterStatus {
    return this.routerStatus.status();
  }
}
