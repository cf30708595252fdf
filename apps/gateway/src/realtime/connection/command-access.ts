import { PRINCIPAL_ROLES, type CommandType, type PrincipalRole } from '@switchboard/contracts';
import { COMMAND_ROLES, type SessionCommandType } from '@switchboard/domain';

/**
 * The session command each frame becomes. Who may send such a frame is the
 * domain's R19 table (`COMMAND_ROLES`) for that command, so the WebSocket and
 * the chat actor cannot disagree; `command-access.spec.ts` checks that each
 * handler sends the command named here.
 */
export const FRAME_SESSION_COMMANDS = {
  'session.start': 'StartSession',
  'session.post': 'PostMessage',
  'session.cancel': 'CancelByUser',
  'session.leaveMessage': 'LeaveMessage',
  'session.keepWaiting': 'KeepWaiting',
  'session.accept': 'AcceptSession',
  'session.acceptOffer': 'AcceptOffer',
  'session.declineOffer': 'DeclineOffer',
  'session.disposition': 'RecordDisposition',
  'session.raisePriority': 'RaisePriority',
  'session.sideNote': 'AddSideNote',
  'session.transferToAgent': 'TransferToAgent',
  'session.transferToQueue': 'TransferToQueue',
  'session.release': 'ReleaseSession',
  'session.end': 'EndChat',
  'session.abandon': 'AbandonSession',
  'session.createTicket': 'CreateTicket',
  'session.requestControl': 'RequestControl',
  'session.whisper': 'Whisper',
  'session.takeOver': 'TakeOver',
  'session.raiseHelp': 'RaiseHelpFlag',
  'session.lowerHelp': 'LowerHelpFlag',
  'session.invite': 'InviteAgent',
  'session.acceptInvite': 'AcceptInvite',
  'session.declineInvite': 'DeclineInvite',
  'session.cancelInvite': 'CancelInvite',
  'session.bargeIn': 'BargeIn',
  'session.consult': 'Consult',
  'session.leave': 'LeaveChat',
  'session.removeParticipant': 'RemoveParticipant',
  'session.rate': 'RateChat',
} as const satisfies Partial<Record<CommandType, SessionCommandType>>;

type SessionCommandFrame = keyof typeof FRAME_SESSION_COMMANDS;

/** Frames that are no session command (reads, presence, search): their roles are written here, once. */
const OTHER_FRAME_ROLES = {
  ping: ['endUser', 'agent', 'admin'],
  'session.current': ['endUser'],
  'session.resume': ['endUser', 'agent', 'admin'],
  'session.history': ['endUser', 'agent', 'admin'],
  'agent.lists': ['agent'],
  'session.transferTargets': ['agent'],
  'session.declineReasons': ['agent'],
  'session.dispositionCodes': ['agent'],
  'session.customerInfo': ['agent'],
  'session.resources': ['agent'],
  'knowledge.search': ['agent'],
  'presence.set': ['agent'],
  'presence.get': ['agent'],
  'topics.list': ['endUser', 'agent'],
  // Issue 16: supervisors are agents; SessionAccess lets only a supervisor of the chat's queue monitor.
  'session.monitor': ['agent'],
  'session.unmonitor': ['agent'],
  // Issue 16 (ADR 24): the invitations waiting for the agent (from the open sessions in memory).
  'invites.list': ['agent'],
  // Issue 16: the board is a supervisor's (BoardService refuses other agents NOT_SUPERVISOR).
  'board.follow': ['agent'],
  'board.unfollow': ['agent'],
  'session.typing': ['endUser', 'agent'],
  'session.receipt': ['endUser', 'agent'],
} as const satisfies Record<Exclude<CommandType, SessionCommandFrame>, readonly PrincipalRole[]>;

function sessionCommandRoles(frame: SessionCommandFrame): readonly PrincipalRole[] {
  // `system` is the services' own role: no socket has it.
  return PRINCIPAL_ROLES.filter((role) => COMMAND_ROLES[FRAME_SESSION_COMMANDS[frame]].includes(role));
}

function deriveAccess(): Readonly<Record<CommandType, readonly PrincipalRole[]>> {
  const access: Partial<Record<CommandType, readonly PrincipalRole[]>> = { ...OTHER_FRAME_ROLES };
  for (const frame of Object.keys(FRAME_SESSION_COMMANDS) as SessionCommandFrame[]) access[frame] = sessionCommandRoles(frame);
  return access as Readonly<Record<CommandType, readonly PrincipalRole[]>>;
}

/** R19's first gate for every frame: who may send it (anything else is FORBIDDEN). The one table of the WebSocket. */
export const COMMAND_ACCESS = deriveAccess();
