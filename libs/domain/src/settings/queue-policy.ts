import { domainError, type DomainError } from '../errors/domain-error';

/**
 * What an administrator sets per support queue (issue 14), besides its name
 * and description. A queue without a record of its own has the defaults.
 */
export interface QueuePolicy {
  /**
   * No first reply: an assigned chat whose agent has not written to the end
   * user within this many seconds goes back to its queue, never to that agent
   * again. 0: off (the default).
   */
  readonly firstReplySeconds: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = Object.freeze({ firstReplySeconds: 0 });

/** Longest first-reply limit: a day. */
export const MAX_FIRST_REPLY_SECONDS = 86_400;

/** Checks an administrator's queue policy; undefined when valid. */
export function queuePolicyProblem(policy: { firstReplySeconds?: unknown }): DomainError | undefined {
  const seconds = policy.firstReplySeconds;
  if (seconds === undefined) return undefined;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_FIRST_REPLY_SECONDS) {
    return domainError('VALIDATION', `First reply limit must be a whole number of seconds from 0 (off) to ${MAX_FIRST_REPLY_SECONDS}.`, {
      field: 'firstReplySeconds',
    });
  }
  return undefined;
}
