import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { jetStreamStorageOf, NATS_CONNECTION, PartitionLeases, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import { RouterView } from '../assignment/router-view';
import type { RouterConfig } from '../config';
import { partitionOfQueue } from './queue-ownership';

/**
 * The router partitions this process holds (leases in JetStream KV, ADR 3):
 * queues are spread over them, so any number of routers share the queues
 * and a dead router's queues move to another within the lease TTL.
 */
@Injectable()
export class RouterPartitions {
  private readonly logger = new Logger(RouterPartitions.name);
  private leases?: PartitionLeases;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly view: RouterView,
  ) {}

  serves = (queue: string): boolean => this.view.owned.has(partitionOfQueue(queue, this.config.ROUTER_PARTITIONS));

  /** Starts holding partitions; `acquired` runs (not awaited) for each one taken. */
  async start(acquired: (partition: number) => void): Promise<void> {
    this.leases = new PartitionLeases(this.nc, {
      bucketPrefix: this.subjects.bucketPrefix,
      group: 'router',
      instanceId: this.config.INSTANCE_ID,
      partitions: this.config.ROUTER_PARTITIONS,
      timings: { leaseTtlMs: this.config.ROUTER_LEASE_TTL_MS, tickMs: this.config.ROUTER_LEASE_TICK_MS },
      storage: jetStreamStorageOf(this.config),
      events: {
        acquired: (partition) => {
          this.view.owned.add(partition);
          this.logger.log({ partition }, 'router partition acquired');
          // Not awaited: lease renewals must not wait for a database read.
          acquired(partition);
        },
        released: (partition, reason) => {
          this.view.owned.delete(partition);
          this.logger.log({ partition, reason }, 'router partition released');
        },
      },
      onError: (error) => this.logger.warn({ err: error }, 'router lease renewal failed'),
    });
    await this.leases.start();
  }

  async stop(): Promise<void> {
    await this.leases?.stop();
  }
}
