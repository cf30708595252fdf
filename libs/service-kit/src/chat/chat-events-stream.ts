import { RetentionPolicy, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { ensureStream, SINGLE_NODE_STORAGE, type JetStreamStorage } from '../nats/jetstream-storage';

const SECOND_NS = 1_000_000_000;

/** The JetStream stream of every chat event (A5): one definition for every service that may create it. */
export function chatEventsStreamConfig(subjects: Subjects): Partial<StreamConfig> & { name: string } {
  return {
    name: subjects.chatEventsStream,
    subjects: [subjects.chatEventsAll],
    retention: RetentionPolicy.Limits,
    max_age: 7 * 24 * 3600 * SECOND_NS,
    // Republished outbox entries within this window are dropped by `Nats-Msg-Id`.
    duplicate_window: 120 * SECOND_NS,
  };
}

/**
 * Creates the chat events stream unless it exists (with the deployment's
 * storage and replicas; an existing one is brought to the replica count).
 * The chat actors publish into it and the gateways consume it from "now" on:
 * whichever starts first creates it, so a consumer never waits for a
 * publisher to come up, and no event falls between a late stream and a late
 * consumer.
 */
export async function ensureChatEventsStream(nc: NatsConnection, subjects: Subjects, storage: JetStreamStorage = SINGLE_NODE_STORAGE): Promise<void> {
  await ensureStream(nc, chatEventsStreamConfig(subjects), storage);
}
