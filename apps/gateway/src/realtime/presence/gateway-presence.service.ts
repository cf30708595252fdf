import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { fromNatsSafeKey, NATS_CONNECTION, natsSafeKey, SUBJECTS } from '@switchboard/service-kit';
import { ConnectionRegistry } from '../connection/connection-registry';

const QUERY_TIMEOUT_MS = 300;

/**
 * "Is this end user / agent connected to any gateway?", asked when a grace
 * period ends (R12, R18). Each instance answers for its own sockets only; no
 * instance keeps a list of the others' (A8).
 */
@Injectable()
export class GatewayPresence implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.subjects.gatewayPresenceAll, {
      callback: (err, msg) => {
        if (err || !msg.reply) return;
        const parts = msg.subject.split('.');
        const role = parts[parts.length - 2];
        const id = fromNatsSafeKey(parts[parts.length - 1]!);
        if ((role === 'endUser' || role === 'agent') && id !== undefined && this.registry.has(role, id)) msg.respond('1');
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** True when some gateway (this one included) holds a socket of the principal. */
  async isConnected(role: 'endUser' | 'agent', id: string): Promise<boolean> {
    if (this.registry.has(role, id)) return true;
    try {
      await this.nc.request(this.subjects.gatewayPresence(role, natsSafeKey(id)), '', { timeout: QUERY_TIMEOUT_MS });
      return true;
    } catch {
      // No responders or nobody answered: not connected anywhere.
      return false;
    }
  }
}
