import type { OpeningHours } from '@switchboard/contracts';

/**
 * What an administrator sets per support queue (issue 14), besides its name
 * and description. A queue without a record of its own has the defaults.
 * The bounds are the admin contract's (`queuePolicySchema`).
 */
export interface QueuePolicy {
  /**
   * No first reply: an assigned chat whose agent has not written to the end
   * user within this many seconds goes back to its queue, never to that agent
   * again. 0: off (the default).
   */
  readonly firstReplySeconds: number;
  /**
   * Offers (with Agent Auto Accept on): a waiting chat is offered to one
   * agent at a time, who accepts or declines within this many seconds. 0:
   * direct assignment (the default).
   */
  readonly offerSeconds: number;
  /** Wrap-up: seconds an agent gets no new chat after ending or abandoning one of this queue. 0: none. */
  readonly wrapUpSeconds: number;
  /** Wrap-up lasts until the agent records a disposition code (at least `wrapUpSeconds`). */
  readonly dispositionRequired: boolean;
  /**
   * End-user inactivity (issue 15), each 0 or absent: off. While a chat is
   * assigned, an end user who leaves the agent's message unanswered this
   * many seconds is asked "Are you still there?".
   */
  readonly userInactivityWarnSeconds?: number;
  /** ...and this many seconds after that question (or, without one, after the agent's message), the chat closes (`userInactive`). */
  readonly userInactivityCloseSeconds?: number;
  /** R12: an end user marked as gone who is not back this many seconds later has the chat closed (`userLeft`). */
  readonly userLeftCloseSeconds?: number;
  /** Issue 15: when the queue takes chats (absent: always); outside them a start is refused (`QUEUE_CLOSED`). */
  readonly openingHours?: OpeningHours;
  /** Issue 15, maximum wait: seconds a queued chat waits for an agent before it overflows or its end user chooses. 0 or absent: off. */
  readonly maxWaitSeconds?: number;
  /** Issue 15: the queue a chat that waited `maxWaitSeconds` moves to (once); empty or absent: the end user chooses. */
  readonly overflowQueue?: string;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = Object.freeze({
  firstReplySeconds: 0,
  offerSeconds: 0,
  wrapUpSeconds: 0,
  dispositionRequired: false,
  userInactivityWarnSeconds: 0,
  userInactivityCloseSeconds: 0,
  userLeftCloseSeconds: 0,
});
