import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';

/**
 * Tells every process that caches end users, topics or queues to drop its
 * copies (ADR 8), before the admin API answers: the next command reads the
 * change.
 */
@Injectable()
export class ReferenceChanges {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  async announce(): Promise<void> {
    this.nc.publish(this.subjects.referenceDataChanged);
    await this.nc.flush();
  }
}
