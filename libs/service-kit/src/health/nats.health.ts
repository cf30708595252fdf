import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '../nats/nats.module';

/** NATS is ready when the connection is open and a round trip (`rtt`) answers in time. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'nats', timeoutMs = 1000) {
    const indicator = this.health.check(key);
    if (this.nc.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      const rtt = await Promise.race([
        this.nc.rtt(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ]);
      // No server address: readiness is public (issue 13).
      return indicator.up({ rttMs: rtt });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
