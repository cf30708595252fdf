import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';

/**
 * Tells every process that caches end users, topics or queues to drop its
 * copies (ADR 8), before the admin API answers: the next command reads the
 * change.
 */
export async function announceReferenceChange(nc: NatsConnection, subjects: Subjects): Promise<void> {
  nc.publish(subjects.referenceDataChanged);
  await nc.flush();
}
