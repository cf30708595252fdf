import type { ChatEventMessage } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';

/**
 * The part of a session every consumer of its events needs (routing, lists,
 * pushes): the fields of `sessionSummarySchema` (a unit test checks that
 * none is left out).
 */
export function sessionSummary(state: SessionState): ChatEventMessage['session'] {
  return {
    sessionId: state.sessionId,
    version: state.version,
    status: state.status,
    queue: state.queue,
    companyId: state.companyId,
    endUserId: state.endUserId,
    ownerAgentId: state.ownerAgentId,
    transferTargetAgentId: state.transferTargetAgentId,
    queuedAt: state.queuedAt,
    cancelledByUser: state.cancelledByUser,
    userLeft: state.userLeft,
    // Issue 14: whom the router must pass over, and a pending offer (nothing to propose while it waits).
    excludedAgentIds: state.excludedAgentIds,
    offer: state.offer,
    passedOverAgentIds: state.passedOverAgentIds,
    // Issue 15: the router serves higher priority first; the Queue tab shows it.
    priority: state.priority,
    // Issue 16: the supervisors' alert of a chat whose agent asked for help.
    helpFlag: state.helpFlag,
    // Issue 16 (ADR 24): who else is in the chat and who is invited: the audiences of its events.
    guests: state.guests,
    invites: state.invites,
  };
}
