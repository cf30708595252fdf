import { Module } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { JETSTREAM_STORAGE, NATS_CONNECTION, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { AgentStateStore } from './store/agent-state.store';

/** Provides the agents' live state store on the service's NATS connection. */
@Module({
  providers: [
    {
      provide: AgentStateStore,
      inject: [NATS_CONNECTION, SUBJECTS, JETSTREAM_STORAGE],
      useFactory: (nc: NatsConnection, subjects: Subjects, storage: JetStreamStorage) => AgentStateStore.open(nc, subjects.agentStateBucket, storage),
    },
  ],
  exports: [AgentStateStore],
})
export class AgentStateModule {}
