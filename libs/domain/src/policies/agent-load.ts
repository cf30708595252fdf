import type { SessionEvent } from '../session/events';

/** How a session's events change agents' loads: a session counts against its owner while ASSIGNED. */
export interface LoadChange {
  readonly agentId: string;
  readonly sessionId: string;
  readonly change: 'assigned' | 'unassigned';
}

/**
 * R4.1: an agent's load is the number of sessions ASSIGNED to it, and (issue
 * 14, A6) the chats offered to it that wait for its answer. Which
 * events move a session onto or off an agent, in event order. Applying them
 * in order to a set of sessions per agent keeps every load exact through
 * accept, automatic assignment, transfer, release, end, abandon and
 * force-close.
 */
export function loadChangesOf(events: readonly SessionEvent[]): LoadChange[] {
  const changes: LoadChange[] = [];
  const push = (agentId: string | undefined, sessionId: string, change: LoadChange['change']) => {
    if (agentId !== undefined) changes.push({ agentId, sessionId, change });
  };
  for (const e of events) {
    switch (e.type) {
      case 'SessionAssigned':
        // An accepted offer was counted when it was made.
        if (e.via !== 'offer') push(e.agentId, e.sessionId, 'assigned');
        break;
      case 'ChatOffered':
        push(e.agentId, e.sessionId, 'assigned');
        break;
      case 'OfferDeclined':
      case 'OfferLapsed':
      case 'OfferWithdrawn':
        push(e.agentId, e.sessionId, 'unassigned');
        break;
      case 'TransferRequested':
      case 'TransferredToQueue':
        push(e.fromAgentId, e.sessionId, 'unassigned');
        break;
      case 'SessionReleased':
      case 'SessionAbandoned':
        push(e.agentId, e.sessionId, 'unassigned');
        break;
      case 'SessionTakenOver':
        // Issue 16: the chat moves from its owner to the supervisor who took it over.
        push(e.fromAgentId, e.sessionId, 'unassigned');
        push(e.agentId, e.sessionId, 'assigned');
        break;
      case 'SessionClosed':
        if (e.previousStatus === 'ASSIGNED') push(e.agentId, e.sessionId, 'unassigned');
        break;
      default:
        break;
    }
  }
  return changes;
}
