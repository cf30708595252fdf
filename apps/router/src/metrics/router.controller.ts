import { Controller, Get, Header } from '@nestjs/common';
import { AssignmentService, type RouterStatus } from '../assignment/assignment.service';
import { RouterMetrics } from './router-metrics';

@Controller()
export class RouterController {
  constructor(
    private readonly metrics: RouterMetrics,
    private readonly assignment: AssignmentService,
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
    return this.assignment.status();
  }
}
