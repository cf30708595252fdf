import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { roundTripRequestSchema, type RoundTripResult, type ServiceName, type Subjects } from '@switchboard/contracts';
import type { Model } from 'mongoose';
import { NATS_CONNECTION, SUBJECTS } from '../nats/nats.module';
import { serveRequests } from '../nats/nats-json';
import { DiagnosticProbe } from './diagnostic-probe.schema';

export const DIAGNOSTICS_IDENTITY = Symbol('DIAGNOSTICS_IDENTITY');
export interface DiagnosticsIdentity {
  service: ServiceName;
  instanceId: string;
}

/**
 * Answers `sb.diag.<service>.roundtrip`: writes a document through mongoose,
 * reads it back and deletes it, proving the whole path NATS -> service ->
 * database works without leaving anything behind.
 */
@Injectable()
export class DiagnosticsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DiagnosticsService.name);
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @InjectModel(DiagnosticProbe.name) private readonly probes: Model<DiagnosticProbe>,
    @Inject(DIAGNOSTICS_IDENTITY) private readonly identity: DiagnosticsIdentity,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = serveRequests(
      this.nc,
      {
        subject: this.subjects.diagnosticsRoundTrip(this.identity.service),
        queue: this.subjects.queueGroup(this.identity.service),
        schema: roundTripRequestSchema,
        onError: (error) => this.logger.error({ err: error }, 'round trip failed'),
      },
      (request) => this.roundTrip(request.nonce),
    );
  }

  async roundTrip(nonce: string): Promise<RoundTripResult> {
    const created = await this.probes.create({ ...this.identity, nonce });
    try {
      const stored = await this.probes.findById(created._id).lean().orFail();
      return {
        service: stored.service,
        instanceId: stored.instanceId,
        nonce: stored.nonce,
        documentId: String(stored._id),
        storedAt: stored.storedAt.toISOString(),
      };
    } finally {
      // Nothing stays behind (issue 13): FerretDB 1.x has no TTL indexes, so the probe deletes its own document.
      await this.probes.deleteOne({ _id: created._id });
    }
  }

  beforeApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
