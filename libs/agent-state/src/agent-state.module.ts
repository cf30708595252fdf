import { Module } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { AgentStateStore } from './store/agent-state.store';

/** Provides the agents' live state store on the service's NATS connection. */
@Module({
  providers: [
    {
      provide: AgentStateStore,
      inject: [NATS_CONNECTION, SUBJECTS],
      useFactory: (nc: NatsConnection, subjects: Subjects) => AgentStateStore.open(nc, subjects.agentStateBucket),
    },
  ],
  exports: [AgentStateStore],
})
export class AgentStateModule {}
