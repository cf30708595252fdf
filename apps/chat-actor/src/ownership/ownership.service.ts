import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { encodeJson, jetStreamStorageOf, NATS_CONNECTION, PartitionLeases, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import { CommandHost } from '../actor/command-host';
import { CommandProcessor } from '../actor/command-processor';
import type { ChatActorConfig } from '../config';

export interface OwnershipReport {
  instanceId: string;
  partitions: number;
  members: string[];
  /** `epoch`: the fencing epoch its writes carry (once served); `leaseEpoch`: the lease's KV revision. */
  owned: Array<{ partition: number; epoch: number; leaseEpoch: number }>;
  counters: CommandProcessor['counters'];
}

/**
 * Joins the cluster of chat-actors: holds partition leases and opens or
 * closes the command subscriptions as partitions come and go (A1, A4).
 */
@Injectable()
export class OwnershipService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OwnershipService.name);
  private leases!: PartitionLeases;
  private diagnostics?: Subscription;
  private outboxTimer?: NodeJS.Timeout;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: ChatActorConfig,
    private readonly host: CommandHost,
    private readonly processor: CommandProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.leases = new PartitionLeases(this.nc, {
      bucketPrefix: this.config.CHAT_LEASE_BUCKET_PREFIX ?? this.subjects.bucketPrefix,
      group: 'chat',
      instanceId: this.config.INSTANCE_ID,
      partitions: this.config.CHAT_PARTITIONS,
      timings: { leaseTtlMs: this.config.CHAT_LEASE_TTL_MS, tickMs: this.config.CHAT_LEASE_TICK_MS },
      storage: jetStreamStorageOf(this.config),
      events: {
        acquired: async (partition, leaseEpoch) => {
          this.logger.log({ partition, leaseEpoch }, 'partition acquired');
          await this.host.open(partition, leaseEpoch);
        },
        released: async (partition, reason) => {
          this.logger.log({ partition, reason }, 'partition released');
          await this.host.close(partition);
        },
      },
      onError: (error) => this.logger.warn({ err: error }, 'partition lease upkeep failed'),
    });
    this.host.useLeaseCheck((partition, epoch) => this.leases.holds(partition, epoch));
    await this.leases.start();
    // Every chat-actor answers, so a caller can collect the whole cluster's view.
    this.diagnostics = this.nc.subscribe(this.subjects.chatOwnership, {
      callback: (_err, msg) => {
        msg.respond(encodeJson(this.report()));
      },
    });
    this.outboxTimer = setInterval(() => void this.host.outboxTick().catch((error) => this.logger.warn({ err: error }, 'outbox upkeep failed')), 1000);
  }

  report(): OwnershipReport {
    return {
      instanceId: this.config.INSTANCE_ID,
      partitions: this.config.CHAT_PARTITIONS,
      members: this.leases.knownMembers(),
      owned: this.leases.owned().map(({ partition, epoch }) => ({ partition, epoch: this.host.fencingEpochOf(partition) ?? epoch, leaseEpoch: epoch })),
      counters: { ...this.processor.counters },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.outboxTimer);
    this.diagnostics?.unsubscribe();
    // Hand every partition over before the connection closes (others take over at once).
    await this.leases?.stop();
    await this.host.closeAll();
  }
}
