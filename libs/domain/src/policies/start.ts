import { domainError, type DomainError } from '../errors/domain-error';
import type { TopicInfo } from '../session/context';
import type { SessionState } from '../session/state';
import { isOpenStatus } from '../session/types';
import { GENERAL_QUEUE, type Settings } from '../settings/settings';

/** R1: with Support Queues on, the topic's queue; otherwise `General`. */
export function queueForStart(settings: Settings, topic?: Pick<TopicInfo, 'queue'>): string {
  return settings.supportQueues && topic !== undefined ? topic.queue : GENERAL_QUEUE;
}

/**
 * R1, issue 15: the queue a start goes to, before it is decided (whose policy,
 * opening hours among it, the start needs): the topic's queue when Support
 * Queues and Use Topics are on and the topic exists, else `General`.
 */
export function queueOfStart(settings: Settings, topicId: string | undefined, topics: readonly TopicInfo[] | undefined): string {
  const topic = resolveStartTopic(settings, topicId, topics);
  return queueForStart(settings, topic.ok ? topic.topic : undefined);
}

/**
 * R1: the topic of a new session. Use Topics on: the topic is required and must
 * exist. Use Topics off: any topic sent by a stale widget is ignored.
 */
export function resolveStartTopic(
  settings: Settings,
  topicId: string | undefined,
  topics: readonly TopicInfo[] | undefined,
): { ok: true; topic?: TopicInfo } | { ok: false; error: DomainError } {
  if (!settings.useTopics) return { ok: true };
  if (topicId === undefined || topicId.trim() === '') {
    return { ok: false, error: domainError('TOPIC_REQUIRED', 'Please pick a topic for your request.') };
  }
  if (topics === undefined) {
    return { ok: false, error: domainError('CONTEXT_INCOMPLETE', 'Starting a session with Use Topics on needs the topics in the context.') };
  }
  const topic = topics.find((t) => t.id === topicId);
  if (topic === undefined) {
    return { ok: false, error: domainError('TOPIC_NOT_FOUND', `Topic "${topicId}" does not exist.`, { topic: topicId }) };
  }
  return { ok: true, topic };
}

/**
 * R1.1 / R1.2, across sessions: given the sessions found for this start (by
 * request id and the end user's open ones, fetched by the service), the one to
 * return instead of creating a new session, if any. A session with the same
 * request id wins (a retry returns the first session, whatever its status);
 * otherwise the end user's open session. The unique indexes of A2 back this up
 * under concurrency.
 */
export function existingSessionForStart<S extends Pick<SessionState, 'endUserId' | 'requestId' | 'status'>>(
  candidates: readonly S[],
  start: { readonly endUserId: string; readonly requestId: string },
): S | undefined {
  const sameRequest = candidates.find((s) => s.endUserId === start.endUserId && s.requestId === start.requestId);
  if (sameRequest !== undefined) return sameRequest;
  return candidates.find((s) => s.endUserId === start.endUserId && isOpenStatus(s.status));
}
