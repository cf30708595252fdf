import { jetstream } from '@nats-io/jetstream';
import { chatEventMessageSchema, type ChatEventMessage } from '@switchboard/contracts';
import type { ChatCluster } from '@switchboard/testing';

/** Reads a session's events back from the JetStream stream, as a consumer would. */
export function consumerOpts(cluster: ChatCluster) {
  return {
    async readSession(sessionId: string, atLeast: number, timeoutMs = 5000): Promise<ChatEventMessage[]> {
      const js = jetstream(cluster.nc);
      const consumer = await js.consumers.get(cluster.subjects.chatEventsStream, {
        filter_subjects: cluster.subjects.chatEvent(sessionId),
      });
      const messages: ChatEventMessage[] = [];
      const deadline = Date.now() + timeoutMs;
      while (messages.length < atLeast && Date.now() < deadline) {
        const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
        for await (const m of batch) messages.push(chatEventMessageSchema.parse(m.json()));
      }
      await consumer.delete().catch(() => undefined);
      return messages;
    },
  };
}
