import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health';

/** What a public probe may say: up or down per dependency, no addresses or error texts (issue 13). */
function statusOnly(result: HealthIndicatorResult): HealthIndicatorResult {
  return Object.fromEntries(Object.entries(result).map(([key, value]) => [key, { status: value.status }]));
}

/** Liveness: the process answers. Readiness: NATS and the database answer too. Both public and minimal. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(NatsHealthIndicator) private readonly nats: NatsHealthIndicator,
    @Inject(MongooseHealthIndicator) private readonly mongo: MongooseHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => statusOnly(await this.nats.isHealthy()),
      async () => statusOnly(await this.mongo.pingCheck('mongodb', { timeout: 1500 })),
    ]);
  }
}
