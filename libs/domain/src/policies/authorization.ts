import { domainError, type DomainError } from '../errors/domain-error';
import type { SessionCommand, SessionCommandType } from '../session/commands';
import type { SessionState } from '../session/state';
import type { Actor, ActorRole } from '../session/types';

/**
 * R19, first gate: which role may issue which command. The finer checks
 * (owner only, transfer target only, may see the queued session) depend on the
 * session's status and are made by `decide`, because their refusals have their
 * own codes (NOT_OWNER, NOT_TRANSFER_TARGET, ALREADY_TAKEN...).
 * The gateway's WebSocket table takes the roles of its session-command frames
 * from here (ADR 7): this is the only place they are written.
 */
export const COMMAND_ROLES: Readonly<Record<SessionCommandType, readonly ActorRole[]>> = {
  StartSession: ['endUser'],
  AcceptSession: ['agent'],
  AutoAssign: ['system'],
  TransferToAgent: ['agent'],
  TransferToQueue: ['agent'],
  ReleaseSession: ['agent'],
  EndChat: ['agent'],
  AbandonSession: ['agent'],
  CancelByUser: ['endUser'],
  LeaveMessage: ['endUser'],
  KeepWaiting: ['endUser'],
  // R12: the gateway decides that the end user left (grace period elapsed); a
  // return may also be reported by the end user's own client on reconnect.
  MarkUserLeft: ['system'],
  MarkUserReturned: ['system', 'endUser'],
  PostMessage: ['endUser', 'agent'],
  PostAttachment: ['endUser', 'agent'],
  AddSideNote: ['agent'],
  CreateTicket: ['agent'],
  RequestControl: ['agent'],
  ForceClose: ['admin'],
  TargetWentOffline: ['system'],
  DeadlineReached: ['system'],
  AcceptOffer: ['agent'],
  DeclineOffer: ['agent'],
  RecordDisposition: ['agent'],
  // Issue 15: an agent who may see the waiting chat (checked by decide) or an administrator.
  RaisePriority: ['agent', 'admin'],
  RecordWaitEstimate: ['system'],
  // Issue 16: supervisors sign in as agents; `decide` checks they supervise the chat's queue (NOT_SUPERVISOR).
  TakeOver: ['agent'],
  Whisper: ['agent'],
  RaiseHelpFlag: ['agent'],
  LowerHelpFlag: ['agent'],
  // Issue 16 (ADR 24): `decide` checks owner, invitee, participant or supervisor.
  InviteAgent: ['agent'],
  AcceptInvite: ['agent'],
  DeclineInvite: ['agent'],
  CancelInvite: ['agent'],
  BargeIn: ['agent'],
  Consult: ['agent'],
  LeaveChat: ['agent'],
  RemoveParticipant: ['agent'],
  // Issue 17: only the chat's own end user rates it (authorizeCommand checks the end user is the session's).
  RateChat: ['endUser'],
};

/**
 * R19: the role may issue the command, and an end user acts only on their own
 * session. Undefined when allowed.
 */
export function authorizeCommand(state: SessionState | undefined, command: SessionCommand): DomainError | undefined {
  const { actor } = command;
  if (!COMMAND_ROLES[command.type].includes(actor.role)) {
    return domainError('FORBIDDEN', `A ${roleName(actor.role)} may not ${describeCommand(command.type)}.`, {
      role: actor.role,
      command: command.type,
    });
  }
  if (actor.role === 'endUser' && state !== undefined && state.endUserId !== actor.id) {
    return domainError('FORBIDDEN', 'You can only act on your own chat session.');
  }
  return undefined;
}

/**
 * R15 (with R3.3): the customer information and resources tabs are for the
 * agent who has the session (owner while ASSIGNED) and for administrators.
 * A transfer target receives them when it accepts.
 */
export function canViewCustomerInfo(state: SessionState, actor: Actor): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'agent' && state.status === 'ASSIGNED' && state.ownerAgentId === actor.id;
}

function roleName(role: ActorRole): string {
  return { endUser: 'end user', agent: 'agent', admin: 'administrator', system: 'system process' }[role];
}

/** Human words for a command type, used in refusal messages. */
export function describeCommand(type: SessionCommandType): string {
  const names: Record<SessionCommandType, string> = {
    StartSession: 'start a chat',
    AcceptSession: 'accept a chat',
    AutoAssign: 'assign a chat automatically',
    TransferToAgent: 'transfer a chat to an agent',
    TransferToQueue: 'transfer a chat to a queue',
    ReleaseSession: 'release a chat',
    EndChat: 'end a chat',
    AbandonSession: 'abandon a chat',
    CancelByUser: 'cancel a chat as its end user',
    LeaveMessage: 'leave a message instead of a chat',
    KeepWaiting: 'keep waiting for an agent',
    MarkUserLeft: 'mark the end user as gone',
    MarkUserReturned: 'mark the end user as back',
    PostMessage: 'post a message',
    PostAttachment: 'send a file',
    AddSideNote: 'add a side note',
    CreateTicket: 'create a ticket',
    RequestControl: 'request remote control',
    ForceClose: 'force-close a chat',
    TargetWentOffline: 'report an agent offline',
    DeadlineReached: 'fire a deadline',
    AcceptOffer: 'accept an offered chat',
    DeclineOffer: 'decline an offered chat',
    RecordDisposition: 'record the disposition of a chat',
    RaisePriority: 'raise the priority of a chat',
    RecordWaitEstimate: 'record a wait estimate',
    TakeOver: 'take a chat over',
    Whisper: 'whisper to the agent of a chat',
    RaiseHelpFlag: 'ask for help on a chat',
    LowerHelpFlag: 'lower the help flag of a chat',
    InviteAgent: 'invite a colleague into a chat',
    AcceptInvite: 'accept an invitation into a chat',
    DeclineInvite: 'decline an invitation into a chat',
    CancelInvite: 'cancel an invitation into a chat',
    BargeIn: 'join a chat as its supervisor',
    Consult: 'consult the agents of a chat',
    LeaveChat: 'leave a chat',
    RemoveParticipant: 'remove a participant from a chat',
    RateChat: 'rate a chat',
  };
  return names[type];
}
