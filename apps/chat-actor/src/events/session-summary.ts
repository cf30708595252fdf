import type { ChatEventMessage } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';

/** The part of a session every consumer of its events needs (routing, lists, pushes). */
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
  };
}
