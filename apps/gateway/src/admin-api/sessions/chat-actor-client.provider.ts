import type { Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { ChatActorClient, NATS_CONNECTION, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import type { GatewayConfig } from '../../config';

/** Commands to the chat actors, routed by partition (CHAT_PARTITIONS must match the chat-actors'). */
export const chatActorClientProvider: Provider = {
  provide: ChatActorClient,
  inject: [NATS_CONNECTION, SUBJECTS, SERVICE_CONFIG],
  useFactory: (nc: NatsConnection, subjects: Subjects, config: GatewayConfig) =>
    new ChatActorClient(nc, subjects, { partitions: config.CHAT_PARTITIONS }),
};
