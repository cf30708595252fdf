import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health';

/** Liveness: the process answers. Readiness: NATS and the database answer too. */
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
    return this.health.check([() => this.nats.isHealthy(), () => this.mongo.pingCheck('mongodb', { timeout: 1500 })]);
  }
}
