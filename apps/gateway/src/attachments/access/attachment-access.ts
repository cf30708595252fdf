import type { Principal } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';

type Participants = Pick<SessionState, 'endUserId' | 'ownerAgentId' | 'transferTargetAgentId' | 'participants'>;

/**
 * Who may fetch a chat's files (issue 17): its end user, the agents who hold
 * it or held it (owner, transfer target, every earlier owner: `participants`),
 * and administrators (supervisors sign in as administrators, ADR 9). Not
 * agents who merely see it waiting in their queue, nor anyone else.
 */
export function mayFetchAttachments(principal: Pick<Principal, 'role' | 'id'>, session: Participants): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'endUser':
      return session.endUserId === principal.id;
    case 'agent':
      return (
        session.ownerAgentId === principal.id || session.transferTargetAgentId === principal.id || session.participants.includes(principal.id)
      );
    default:
      return false;
  }
}

/**
 * Who may send a file before its bytes are read (the chat actor decides
 * again): the chat's end user, or the agent who owns it. Saves storing a
 * file only to refuse its message.
 */
export function maySendAttachment(principal: Pick<Principal, 'role' | 'id'>, session: Pick<SessionState, 'endUserId' | 'ownerAgentId'>): boolean {
  if (principal.role === 'endUser') return session.endUserId === principal.id;
  if (principal.role === 'agent') return session.ownerAgentId === principal.id;
  return false;
}
