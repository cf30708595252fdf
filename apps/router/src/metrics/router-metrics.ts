import { Injectable } from '@nestjs/common';
import { registerProcessFailureMetrics } from '@switchboard/service-kit';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The router's figures in Prometheus form (GET /metrics). */
@Injectable()
export class RouterMetrics {
  readonly registry = new Registry();
  readonly waiting = new Gauge({ name: 'switchboard_router_waiting_sessions', help: 'Sessions waiting for assignment, per queue (queues this router serves)', labelNames: ['queue'], registers: [this.registry] });
  readonly timeToAssign = new Histogram({
    name: 'switchboard_router_time_to_assign_seconds',
    help: 'From a session entering the queue to its automatic assignment',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly assignments = new Counter({ name: 'switchboard_router_assignments_total', help: 'Automatic assignments made', registers: [this.registry] });
  readonly refusals = new Counter({ name: 'switchboard_router_refusals_total', help: 'Proposals the session actor refused, by code', labelNames: ['code'], registers: [this.registry] });
  readonly reverts = new Counter({ name: 'switchboard_router_transfer_reverts_total', help: 'Pending transfers returned to the queue because the target went offline (R5.4)', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_router_' });
    // Unhandled rejections and uncaught exceptions the process survived (ADR 0005).
    registerProcessFailureMetrics(this.registry);
  }
}
