import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createSubjects } from '@switchboard/contracts';
import { JETSTREAM_STORAGE, type JetStreamStorage } from './jetstream-storage';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/** The deployment's subjects (`createSubjects(prefix)`). */
export const SUBJECTS = Symbol('SUBJECTS');

@Injectable()
class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    // drain() lets in-flight handlers reply before the connection closes.
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

/** One raw NATS connection per process, reconnecting forever. */
@Global()
@Module({})
export class NatsModule {
  static forRoot(options: { url: string; name: string; subjectPrefix: string; storage: JetStreamStorage; pingIntervalMs?: number; connectTimeoutMs?: number }): DynamicModule {
    return {
      module: NatsModule,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connect({
              servers: options.url.split(','),
              name: options.name,
              maxReconnectAttempts: -1,
              reconnectTimeWait: 250,
              waitOnFirstConnect: true,
              // A server behind a partition answers nothing and resets nothing: two missed
              // pings move the connection to another server (ADR 2, amended in issue 18).
              pingInterval: options.pingIntervalMs ?? 5000,
              maxPingOut: 2,
              // Each attempt on a server that drops packets waits this long before the next server.
              timeout: options.connectTimeoutMs ?? 5000,
              // Every request would otherwise capture a stack trace up front for its possible
              // error (about a fifth of a chat-actor's own CPU time under load); failures are
              // logged with the command and session they belong to instead.
              noAsyncTraces: true,
            }),
        },
        { provide: SUBJECTS, useValue: createSubjects(options.subjectPrefix) },
        { provide: JETSTREAM_STORAGE, useValue: options.storage },
        NatsConnectionCloser,
      ],
      exports: [NATS_CONNECTION, SUBJECTS, JETSTREAM_STORAGE],
    };
  }
}
