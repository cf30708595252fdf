import type { MaskedKind } from '@switchboard/contracts';
import { domainError, type DomainError } from '../errors/domain-error';
import { maskText } from '../masking/masking';
import { authorizeCommand } from '../policies/authorization';
import { autoAssignProblem } from '../policies/auto-assign';
import { isEligibleAgent, isOnline } from '../policies/eligibility';
import { keepsPendingOffer, keepsPendingTransfer } from '../policies/presence';
import { remoteControlLink } from '../policies/remote-control';
import { startPriority } from '../policies/priority';
import { queueForStart, resolveStartTopic } from '../policies/start';
import { supervises } from '../policies/supervision';
import { transferTargetProblem } from '../policies/transfer-targets';
import { isOpen, nextOpening } from '../settings/opening-hours';
import { GENERAL_QUEUE, queueTransferAllowed } from '../settings/settings';
import type {
  AbandonSession,
  AcceptSession,
  AutoAssign,
  CancelByUser,
  AcceptOffer,
  DeadlineReached,
  KeepWaiting,
  LeaveMessage,
  DeclineOffer,
  RecordDisposition,
  RaisePriority,
  RecordWaitEstimate,
  RateChat,
  CreateTicket,
  EndChat,
  ForceClose,
  PostAttachment,
  PostMessage,
  RequestControl,
  SessionCommand,
  StartSession,
  TakeOver,
  Whisper,
  RaiseHelpFlag,
  LowerHelpFlag,
  InviteAgent,
  AcceptInvite,
  DeclineInvite,
  CancelInvite,
  BargeIn,
  Consult,
  LeaveChat,
  RemoveParticipant,
  TargetWentOffline,
  TransferToAgent,
  TransferToQueue,
} from './commands';
import { findAgent, type Asset, type DecisionContext } from './context';
import type { EventPayload, SessionEvent } from './events';
import { MAX_PARTICIPANTS, MAX_PENDING_INVITES, type SessionState } from './state';
import { isTerminalStatus, type Actor } from './types';

/**
 * How long a session can grow (every text a command carries is at most
 * `MAX_TEXT` characters, checked by the command contract at the edge, so this
 * also bounds its bytes). From `maxConversationEvents` on, no
 * message, side note, ticket or control request is accepted; from
 * `maxEvents` on, only what ends the session (end, abandon, cancel,
 * force-close), so a full session can always be closed (R17). One decision
 * emits at most `maxEventsPerCommand` events (readers of history pages rely on it).
 */
export const SESSION_LIMITS = { maxConversationEvents: 3000, maxEvents: 3100, maxEventsPerCommand: 4 } as const;

const CONVERSATION_COMMANDS: ReadonlySet<SessionCommand['type']> = new Set(['PostMessage', 'PostAttachment', 'AddSideNote', 'CreateTicket', 'RequestControl', 'Whisper', 'Consult']);
// A disposition comes after the end (once): a full session must still let its agent finish wrap-up.
// So does the end user's rating (issue 17).
const CLOSING_COMMANDS: ReadonlySet<SessionCommand['type']> = new Set(['EndChat', 'AbandonSession', 'CancelByUser', 'ForceClose', 'RecordDisposition', 'RateChat', 'LeaveMessage']);

export type Decision =
  | { readonly ok: true; readonly events: SessionEvent[]; readonly duplicate: boolean }
  | { readonly ok: false; readonly error: DomainError };

type Outcome = EventPayload[] | DomainError;

/**
 * Decides what a command does to a session: the events that follow, or a typed
 * refusal. Pure: no clock, no ids, no I/O; everything else comes in `ctx`.
 *
 * - `state` is undefined only before the session exists (StartSession).
 * - A command whose `commandId` was already applied returns the events it
 *   produced then, with `duplicate: true`; the caller must not apply them again.
 * - A refusal changes nothing (the caller has nothing to write).
 * - The events of one decision are meant to be applied together (`applyEvents`)
 *   and stored in one conditional write.
 *
 * Order of checks: session id, idempotency, existence, role (R19), terminal
 * status, then the rule of the command. The command's shape (ids, text
 * lengths, known type) was checked once at the edge that received it, by its
 * contract in `@switchboard/contracts` (ADR 7).
 */
export function decide(state: SessionState | undefined, command: SessionCommand, ctx: DecisionContext): Decision {
  if (state !== undefined && command.sessionId !== state.sessionId) {
    return refuse(
      domainError('VALIDATION', `Command for session ${command.sessionId} given to session ${state.sessionId}.`),
    );
  }

  const prior = ctx.earlier;
  if (prior !== undefined && prior.events.length > 0 && prior.events[0]!.commandId === command.commandId) {
    const by = prior.events[0]!.by;
    if (by.role !== command.actor.role || by.id !== command.actor.id) {
      return refuse(domainError('COMMAND_ID_REUSED', 'This command id was already used by someone else.'));
    }
    if (!prior.sameCommand) {
      return refuse(domainError('COMMAND_ID_REUSED', 'This command id was already used for another command; use a new id.'));
    }
    return { ok: true, events: [...prior.events], duplicate: true };
  }

  const forbidden = authorizeCommand(state, command);
  if (forbidden !== undefined) return refuse(forbidden);

  if (command.type === 'StartSession') return decideStart(state, command, ctx);

  if (state === undefined) {
    return refuse(domainError('SESSION_NOT_FOUND', `Chat session ${command.sessionId} does not exist.`));
  }
  // Issue 14: the one command of an ended session, its disposition during the agent's wrap-up.
  if (command.type === 'RecordDisposition') {
    const outcome = recordDisposition(state, command, ctx);
    return Array.isArray(outcome) ? { ok: true, events: stamp(state, command, ctx, outcome), duplicate: false } : refuse(outcome);
  }
  // Issue 17: the end user's rating, once the chat ended.
  if (command.type === 'RateChat') {
    const outcome = rateChat(state, command, ctx);
    return Array.isArray(outcome) ? { ok: true, events: stamp(state, command, ctx, outcome), duplicate: false } : refuse(outcome);
  }
  if (isTerminalStatus(state.status)) {
    return refuse(
      domainError('SESSION_CLOSED', `This chat session is ${state.status === 'CLOSED' ? 'closed' : 'abandoned'}.`, {
        status: state.status,
      }),
    );
  }

  const full = fullProblem(state, command);
  if (full !== undefined) return refuse(full);

  const outcome = decideOnOpenSession(state, command, ctx);
  if (!Array.isArray(outcome)) return refuse(outcome);
  return { ok: true, events: stamp(state, command, ctx, outcome), duplicate: false };
}

function decideOnOpenSession(state: SessionState, command: Exclude<SessionCommand, StartSession | RecordDisposition | RateChat>, ctx: DecisionContext): Outcome {
  switch (command.type) {
    case 'AcceptSession':
      return accept(state, command, ctx);
    case 'AutoAssign':
      return autoAssign(state, command, ctx);
    case 'TransferToAgent':
      return transferToAgent(state, command, ctx);
    case 'TransferToQueue':
      return transferToQueue(state, command, ctx);
    case 'ReleaseSession':
      return ownerOnly(state, command.actor, { allowCancelled: false }) ?? [
        { type: 'SessionReleased', agentId: command.actor.id, agentName: agentName(state, command.actor.id, ctx), queue: state.queue },
      ];
    case 'EndChat':
      return endChat(state, command, ctx);
    case 'AbandonSession':
      return abandon(state, command, ctx);
    case 'CancelByUser':
      return cancelByUser(state, command);
    case 'MarkUserLeft':
      return state.userLeft
        ? domainError('INVALID_STATE', 'The end user is already marked as gone.')
        : [{ type: 'UserLeft', ...closesAfter(ctx, ctx.queuePolicy?.userLeftCloseSeconds) }];
    case 'MarkUserReturned':
      return state.userLeft
        ? [{ type: 'UserReturned' }]
        : domainError('INVALID_STATE', 'The end user is not marked as gone.');
    case 'PostMessage':
      return postMessage(state, command, ctx);
    case 'PostAttachment':
      return postAttachment(state, command, ctx);
    case 'AddSideNote':
      return (
        ownerOnly(state, command.actor, { allowCancelled: true }) ?? [
          { type: 'SideNoteAdded', authorId: command.actor.id, authorName: agentName(state, command.actor.id, ctx), ...masked(command.text, ctx) },
        ]
      );
    case 'CreateTicket':
      return createTicket(state, command, ctx);
    case 'RequestControl':
      return requestControl(state, command, ctx);
    case 'ForceClose':
      return forceClose(state, command);
    case 'TargetWentOffline':
      return targetWentOffline(state, command, ctx);
    case 'DeadlineReached':
      return deadlineReached(state, command, ctx);
    case 'AcceptOffer':
      return acceptOffer(state, command, ctx);
    case 'DeclineOffer':
      return declineOffer(state, command, ctx);
    case 'RaisePriority':
      return raisePriority(state, command, ctx);
    case 'RecordWaitEstimate':
      return recordWaitEstimate(state, command);
    case 'TakeOver':
      return takeOver(state, command, ctx);
    case 'Whisper':
      return whisper(state, command, ctx);
    case 'RaiseHelpFlag':
      return raiseHelpFlag(state, command, ctx);
    case 'LowerHelpFlag':
      return lowerHelpFlag(state, command, ctx);
    case 'InviteAgent':
      return inviteAgent(state, command, ctx);
    case 'AcceptInvite':
      return acceptInvite(state, command, ctx);
    case 'DeclineInvite':
      return declineInvite(state, command);
    case 'CancelInvite':
      return cancelInvite(state, command);
    case 'BargeIn':
      return bargeIn(state, command, ctx);
    case 'Consult':
      return consult(state, command, ctx);
    case 'LeaveChat':
      return leaveChat(state, command);
    case 'RemoveParticipant':
      return removeParticipant(state, command);
    case 'LeaveMessage':
      return leaveMessage(state, command, ctx);
    case 'KeepWaiting':
      return keepWaiting(state, command, ctx);
  }
}

/**
 * Issue 15: a waiting chat's priority is raised by an administrator or by an
 * agent who may see it (R2/R19: of its queue and, with Company filter on, its
 * company; away agents too), only upwards.
 */
function raisePriority(state: SessionState, command: RaisePriority, ctx: DecisionContext): Outcome {
  if (state.status !== 'QUEUED') {
    return domainError('INVALID_STATE', 'Only the priority of a waiting chat can be raised.', { status: state.status });
  }
  if (command.actor.role === 'agent') {
    const agent = findAgent(ctx, command.actor.id);
    if (agent === undefined) return incomplete('RaisePriority by an agent needs that agent in the context.');
    if (!isEligibleAgent(agent, state, ctx.settings)) return domainError('FORBIDDEN', 'This chat is not in your queues or companies.');
  }
  const from = state.priority ?? 0;
  if (command.priority <= from) {
    return domainError('VALIDATION', `The chat's priority is ${from} already: pick a higher one.`, { field: 'priority', priority: from });
  }
  return [{ type: 'PriorityRaised', from, to: command.priority }];
}

/** Issue 15: the router's estimate, once per stay in the queue (a repeat or a late one changes nothing). */
function recordWaitEstimate(state: SessionState, command: RecordWaitEstimate): Outcome {
  if (command.minSeconds > command.maxSeconds) {
    return domainError('VALIDATION', 'The shortest wait of an estimate must not exceed its longest.', { field: 'minSeconds' });
  }
  if (state.status !== 'QUEUED' || state.queuedAt !== command.queuedAt) {
    return domainError('INVALID_STATE', 'The chat is no longer waiting in the queue the estimate was made for.', { status: state.status });
  }
  if (state.waitEstimate?.queuedAt === state.queuedAt) {
    return domainError('INVALID_STATE', 'The wait of this stay in the queue is estimated already.', { queuedAt: state.queuedAt });
  }
  return [{ type: 'WaitEstimated', minSeconds: command.minSeconds, maxSeconds: command.maxSeconds, queuedAt: command.queuedAt }];
}


/** Issue 16: the owner asks the supervisors of the chat's queue for help; once until it is lowered. */
function raiseHelpFlag(state: SessionState, command: RaiseHelpFlag, ctx: DecisionContext): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  if (state.helpFlag !== undefined) return domainError('INVALID_STATE', 'You already asked for help on this chat.', { raisedAt: state.helpFlag.raisedAt });
  const note = command.note?.trim();
  return [{ type: 'HelpFlagRaised', agentId: command.actor.id, agentName: agentName(state, command.actor.id, ctx), queue: state.queue, ...(note ? { note: masked(note, ctx).text } : {}) }];
}

/** Issue 16: the agent who raised the flag, or a supervisor of the queue, lowers it. */
function lowerHelpFlag(state: SessionState, command: LowerHelpFlag, ctx: DecisionContext): Outcome {
  if (state.status !== 'ASSIGNED' || command.actor.id !== state.ownerAgentId) {
    const supervisor = supervisorOf(state, command.actor, ctx);
    if ('code' in supervisor) {
      return supervisor.code === 'NOT_SUPERVISOR' ? domainError('NOT_OWNER', 'Only the agent who has this chat or a supervisor of its queue can lower its help flag.') : supervisor;
    }
  }
  const flag = state.helpFlag;
  if (flag === undefined) return domainError('INVALID_STATE', 'No help flag is raised on this chat.');
  return [{ type: 'HelpFlagLowered', agentId: flag.agentId, queue: state.queue }];
}

/** Issue 16 (ADR 24): the agent's place in the chat besides its owner, if any. */
export function guestOf(state: Pick<SessionState, 'guests'>, agentId: string): NonNullable<SessionState['guests']>[number] | undefined {
  return state.guests?.find((g) => g.agentId === agentId);
}

function inviteOf(state: SessionState, agentId: string): NonNullable<SessionState['invites']>[number] | undefined {
  return state.invites?.find((i) => i.agentId === agentId);
}

/**
 * Issue 16 (ADR 24): the owner invites a colleague the R6 transfer rules allow
 * (online, serving the chat's queue and company). Every pending invitation
 * must be acceptable: participants and invitations together stay within
 * MAX_PARTICIPANTS, and at most MAX_PENDING_INVITES wait.
 */
function inviteAgent(state: SessionState, command: InviteAgent, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  if (command.agentId === me || guestOf(state, command.agentId) !== undefined) {
    return domainError('ALREADY_PARTICIPANT', command.agentId === me ? 'You have this chat yourself.' : 'This agent is in the chat already.', { agentId: command.agentId });
  }
  if (inviteOf(state, command.agentId) !== undefined) {
    return domainError('ALREADY_PARTICIPANT', 'This agent is invited already; wait for their answer or cancel the invitation.', { agentId: command.agentId });
  }
  const guests = state.guests?.length ?? 0;
  const invites = state.invites?.length ?? 0;
  if (invites >= MAX_PENDING_INVITES || guests + invites >= MAX_PARTICIPANTS) {
    return domainError('TOO_MANY_PARTICIPANTS', `A chat has at most ${MAX_PARTICIPANTS} agents besides its owner and ${MAX_PENDING_INVITES} invitations waiting.`, {
      limit: MAX_PARTICIPANTS,
      participants: guests,
      invites,
    });
  }
  const target = findAgent(ctx, command.agentId);
  const problem = transferTargetProblem(state, me, command.agentId, ctx.agents ?? [], ctx.settings);
  if (problem !== undefined || target === undefined) {
    const messages = {
      self: 'You cannot invite yourself.',
      unknown: `Agent ${command.agentId} does not exist.`,
      offline: `${target?.displayName ?? command.agentId} is not online.`,
      notEligible: `${target?.displayName ?? command.agentId} does not serve this chat's queue or company.`,
    };
    const reason = problem ?? 'unknown';
    return domainError('TRANSFER_TARGET_NOT_ELIGIBLE', messages[reason], { reason, targetAgentId: command.agentId });
  }
  const note = command.note?.trim();
  const maskedNote = note ? masked(note, ctx) : undefined;
  return [
    {
      type: 'AgentInvited',
      agentId: target.id,
      agentName: target.displayName,
      fromAgentId: me,
      fromAgentName: agentName(state, me, ctx),
      ...(maskedNote ? { note: maskedNote.text, ...(maskedNote.masked ? { masked: maskedNote.masked } : {}) } : {}),
    },
  ];
}

/** Issue 16: the invited agent joins (their invitation is used up). */
function acceptInvite(state: SessionState, command: AcceptInvite, ctx: DecisionContext): Outcome {
  const invite = inviteOf(state, command.actor.id);
  if (invite === undefined || state.status !== 'ASSIGNED') return domainError('INVITE_NOT_FOUND', 'No invitation into this chat waits for you.');
  if ((state.guests?.length ?? 0) >= MAX_PARTICIPANTS) {
    return domainError('TOO_MANY_PARTICIPANTS', `A chat has at most ${MAX_PARTICIPANTS} agents besides its owner.`, { limit: MAX_PARTICIPANTS });
  }
  return [{ type: 'ParticipantJoined', agentId: command.actor.id, agentName: agentName(state, command.actor.id, ctx), via: 'invite' }];
}

function declineInvite(state: SessionState, command: DeclineInvite): Outcome {
  const invite = inviteOf(state, command.actor.id);
  if (invite === undefined) return domainError('INVITE_NOT_FOUND', 'No invitation into this chat waits for you.');
  return [{ type: 'InviteEnded', agentId: invite.agentId, agentName: invite.agentName, reason: 'declined' }];
}

function cancelInvite(state: SessionState, command: CancelInvite): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  const invite = inviteOf(state, command.agentId);
  if (invite === undefined) return domainError('INVITE_NOT_FOUND', 'No invitation of this agent waits.', { agentId: command.agentId });
  return [{ type: 'InviteEnded', agentId: invite.agentId, agentName: invite.agentName, reason: 'cancelled' }];
}

/** Issue 16: a supervisor of the queue joins visibly; a raised help flag is answered, so it goes down. */
function bargeIn(state: SessionState, command: BargeIn, ctx: DecisionContext): Outcome {
  const supervisor = supervisorOf(state, command.actor, ctx);
  if ('code' in supervisor) return supervisor;
  if (state.status !== 'ASSIGNED' || state.ownerAgentId === undefined) {
    return domainError('INVALID_STATE', 'Only a chat an agent has can be joined.', { status: state.status });
  }
  if (state.ownerAgentId === command.actor.id || guestOf(state, command.actor.id) !== undefined) {
    return domainError('ALREADY_PARTICIPANT', 'You are in this chat already.');
  }
  if ((state.guests?.length ?? 0) >= MAX_PARTICIPANTS) {
    return domainError('TOO_MANY_PARTICIPANTS', `A chat has at most ${MAX_PARTICIPANTS} agents besides its owner.`, { limit: MAX_PARTICIPANTS });
  }
  const joined: EventPayload = { type: 'ParticipantJoined', agentId: command.actor.id, agentName: supervisor.name, via: 'bargeIn' };
  const flag = state.helpFlag;
  return flag === undefined ? [joined] : [joined, { type: 'HelpFlagLowered', agentId: flag.agentId, queue: state.queue }];
}

/** Issue 16: a message between the owner and the participants, never to the end user. */
function consult(state: SessionState, command: Consult, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  const isOwner = state.status === 'ASSIGNED' && state.ownerAgentId === me;
  if (!isOwner && guestOf(state, me) === undefined) return domainError('NOT_PARTICIPANT', 'Only the agents in this chat can consult in it.');
  if (isOwner && (state.guests?.length ?? 0) === 0) return domainError('INVALID_STATE', 'No other agent is in this chat: write a side note instead.');
  return [{ type: 'ConsultAdded', authorId: me, authorName: agentName(state, me, ctx), ...masked(command.text, ctx) }];
}

function leaveChat(state: SessionState, command: LeaveChat): Outcome {
  const guest = guestOf(state, command.actor.id);
  if (guest === undefined) return domainError('NOT_PARTICIPANT', 'You are not a participant of this chat.');
  return [{ type: 'ParticipantLeft', agentId: guest.agentId, agentName: guest.agentName, reason: 'left' }];
}

function removeParticipant(state: SessionState, command: RemoveParticipant): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  const guest = guestOf(state, command.agentId);
  if (guest === undefined) return domainError('NOT_PARTICIPANT', 'This agent is not a participant of this chat.', { agentId: command.agentId });
  return [{ type: 'ParticipantLeft', agentId: guest.agentId, agentName: guest.agentName, reason: 'removed' }];
}

/** Issue 16: the acting supervisor, if they supervise the chat's queue; else the refusal. */
function supervisorOf(state: SessionState, actor: Actor, ctx: DecisionContext): DomainError | { readonly name: string } {
  const me = findAgent(ctx, actor.id);
  if (me === undefined) return incomplete('A supervisor command needs the acting agent in the context.');
  if (!supervises(me, state, ctx.settings)) {
    return domainError('NOT_SUPERVISOR', "Only a supervisor of this chat's queue can do that.", { queue: state.queue });
  }
  return { name: me.displayName };
}

/**
 * Issue 16: a supervisor takes the chat over from the owner they saw. The
 * chat actor decides one command of a session at a time, so of two
 * supervisors at once the second finds the chat moved and is refused:
 * ownership moves exactly once.
 */
function takeOver(state: SessionState, command: TakeOver, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  const supervisor = supervisorOf(state, command.actor, ctx);
  if ('code' in supervisor) return supervisor;
  if (state.status !== 'ASSIGNED' || state.ownerAgentId === undefined) {
    return domainError('INVALID_STATE', 'Only a chat an agent has can be taken over.', { status: state.status });
  }
  if (state.ownerAgentId === me) return domainError('ALREADY_TAKEN', 'You already have this chat.', { ownerAgentId: me });
  if (state.ownerAgentId !== command.fromAgentId) {
    const owner = agentName(state, state.ownerAgentId, ctx);
    return domainError('ALREADY_TAKEN', `The chat is no longer with the agent you saw: ${owner} has it now.`, { ownerAgentId: state.ownerAgentId });
  }
  return [
    { type: 'SessionTakenOver', fromAgentId: state.ownerAgentId, fromAgentName: agentName(state, state.ownerAgentId, ctx), agentId: me, agentName: supervisor.name },
  ];
}

/** Issue 16: a supervisor's note to the owning agent, never to the end user. */
function whisper(state: SessionState, command: Whisper, ctx: DecisionContext): Outcome {
  const supervisor = supervisorOf(state, command.actor, ctx);
  if ('code' in supervisor) return supervisor;
  if (state.status !== 'ASSIGNED' || state.ownerAgentId === undefined) {
    return domainError('INVALID_STATE', 'A whisper is for the agent who has the chat; no agent has it now.', { status: state.status });
  }
  if (state.ownerAgentId === command.actor.id) return domainError('INVALID_STATE', 'You have this chat yourself: write a side note instead.');
  return [{ type: 'WhisperAdded', authorId: command.actor.id, authorName: supervisor.name, toAgentId: state.ownerAgentId, ...masked(command.text, ctx) }];
}

function recordDisposition(state: SessionState, command: RecordDisposition, ctx: DecisionContext): Outcome {
  if (!isTerminalStatus(state.status) || state.endedByAgentId !== command.actor.id) {
    return domainError('DISPOSITION_NOT_OPEN', 'Only the agent who ended or abandoned a chat records its disposition, after the end.', { status: state.status });
  }
  if (state.disposition !== undefined) {
    return domainError('DISPOSITION_NOT_OPEN', `The disposition of this chat is already recorded: ${state.disposition.code}.`, { code: state.disposition.code });
  }
  const code = command.code.trim();
  if (!ctx.settings.dispositionCodes.includes(code)) {
    return domainError('VALIDATION', 'Pick one of the disposition codes your administrator set.', { field: 'code' });
  }
  return [{ type: 'DispositionRecorded', agentId: command.actor.id, code }];
}

/**
 * Issue 17: the end user rates their chat after it ended (closed or
 * abandoned), once. The score's range and the comment's length were checked
 * at the edge (`rateChatSchema`); the comment is masked like a message and
 * left out when empty.
 */
function rateChat(state: SessionState, command: RateChat, ctx: DecisionContext): Outcome {
  if (!isTerminalStatus(state.status)) {
    return domainError('RATING_NOT_OPEN', 'A chat is rated once it has ended.', { status: state.status });
  }
  if (state.rating !== undefined) {
    return domainError('ALREADY_RATED', 'This chat is rated already.', { score: state.rating.score });
  }
  const comment = command.comment?.trim();
  return [{ type: 'ChatRated', endUserId: command.actor.id, score: command.score, ...(comment ? maskedComment(comment, ctx) : {}) }];
}

/** Issue 14: the queue's wrap-up, on the event that ends an agent's chat. */
function wrapUpOf(ctx: DecisionContext): { wrapUpUntil?: string; dispositionRequired?: boolean } {
  const seconds = ctx.queuePolicy?.wrapUpSeconds ?? 0;
  const required = ctx.queuePolicy?.dispositionRequired ?? false;
  if (seconds <= 0 && !required) return {};
  return { wrapUpUntil: new Date(Date.parse(ctx.now) + seconds * 1000).toISOString(), dispositionRequired: required };
}

// R1. A start for an existing session with the same request id returns the
// first outcome (R1.1); the cross-session part of R1.1/R1.2 (another session
// id) is `existingSessionForStart`, applied by the service before this.
function decideStart(state: SessionState | undefined, command: StartSession, ctx: DecisionContext): Decision {
  if (state !== undefined) {
    if (state.requestId === command.requestId && state.endUserId === command.actor.id) {
      return { ok: true, events: [...(ctx.earlier?.events ?? [])], duplicate: true };
    }
    return refuse(domainError('SESSION_EXISTS', `Chat session ${state.sessionId} already exists.`));
  }
  const endUser = ctx.endUser;
  if (endUser === undefined) return refuse(incomplete('StartSession needs the end user in the context.'));
  if (endUser.id !== command.actor.id) {
    return refuse(domainError('FORBIDDEN', 'You can only start a chat for yourself.'));
  }
  const topic = resolveStartTopic(ctx.settings, command.topic, ctx.topics);
  if (!topic.ok) return refuse(topic.error);
  const queue = queueForStart(ctx.settings, topic.topic);
  const hours = ctx.queuePolicy?.openingHours;
  const leaveMessage = command.leaveMessage === true;
  // Issue 15: outside the queue's opening hours no chat starts; the end user may leave a message instead.
  if (!leaveMessage && !isOpen(hours, new Date(ctx.now))) {
    const opens = nextOpening(hours, new Date(ctx.now));
    return refuse(
      domainError('QUEUE_CLOSED', opens === undefined ? 'We are closed. Leave us a message and we will get back to you.' : `We are closed until ${opens.toISOString()}. Leave us a message and we will get back to you.`, {
        queue,
        ...(opens !== undefined ? { nextOpeningAt: opens.toISOString() } : {}),
        ...(hours !== undefined ? { timeZone: hours.timeZone } : {}),
      }),
    );
  }
  const description = maskedDescription(command.description.trim(), ctx);
  const priority = startPriority(endUser, topic.topic);
  const payload: EventPayload = {
    type: 'SessionStarted',
    endUserId: endUser.id,
    ...(endUser.displayName !== undefined ? { endUserName: endUser.displayName } : {}),
    companyId: endUser.companyId,
    requestId: command.requestId,
    ...description,
    queue,
    ...(topic.topic !== undefined ? { topic: topic.topic.id } : {}),
    ...(priority > 0 ? { priority } : {}),
    ...(leaveMessage ? {} : maxWaitDue(ctx)),
  };
  if (!leaveMessage) return { ok: true, events: stamp(undefined, command, ctx, [payload]), duplicate: false };
  const ticketId = ctx.newIds?.ticketId;
  if (ticketId === undefined || ticketId === '') return refuse(incomplete('Leaving a message needs newIds.ticketId in the context.'));
  const left: EventPayload[] = [
    {
      type: 'MessageLeft',
      ticketId,
      summary: description.description,
      ...(description.masked !== undefined ? { masked: description.masked } : {}),
      endUserId: endUser.id,
      companyId: endUser.companyId,
      queue,
      reason: 'afterHours',
    },
    { type: 'SessionClosed', reason: 'messageLeft', previousStatus: 'QUEUED', queue },
  ];
  return { ok: true, events: stamp(undefined, command, ctx, [payload, ...left]), duplicate: false };
}

/** Issue 15: the queue's maximum wait arms the session's `maxWait` deadline while it waits. */
function maxWaitDue(ctx: DecisionContext): { maxWaitDueAt?: string } {
  const seconds = ctx.queuePolicy?.maxWaitSeconds ?? 0;
  return seconds > 0 ? { maxWaitDueAt: new Date(Date.parse(ctx.now) + seconds * 1000).toISOString() } : {};
}

/** Issue 15: on a chat still waiting, the end user leaves a message instead (an open ticket) and the chat closes. */
function leaveMessage(state: SessionState, command: LeaveMessage, ctx: DecisionContext): Outcome {
  if (state.cancelledByUser) return domainError('USER_CANCELLED', 'You cancelled this chat.');
  if (state.status !== 'QUEUED') {
    return domainError('INVALID_STATE', 'An agent has your chat already: write to them here.', { status: state.status });
  }
  if (state.ticket !== undefined) {
    return domainError('TICKET_EXISTS', `This chat already has ticket ${state.ticket.ticketId}.`, { ticketId: state.ticket.ticketId });
  }
  const ticketId = ctx.newIds?.ticketId;
  if (ticketId === undefined || ticketId === '') return incomplete('LeaveMessage needs newIds.ticketId in the context.');
  const summary = command.text !== undefined ? masked(command.text, ctx) : { text: state.description };
  return [
    {
      type: 'MessageLeft',
      ticketId,
      summary: summary.text,
      ...(summary.masked !== undefined ? { masked: summary.masked } : {}),
      endUserId: state.endUserId,
      companyId: state.companyId,
      queue: state.queue,
      reason: state.longWaitSince !== undefined ? 'longWait' : 'afterHours',
    },
    { type: 'SessionClosed', reason: 'messageLeft', previousStatus: 'QUEUED', queue: state.queue },
  ];
}

/** Issue 15: after `LongWaitOffered`, the end user keeps waiting; the maximum wait starts again. */
function keepWaiting(state: SessionState, _command: KeepWaiting, ctx: DecisionContext): Outcome {
  if (state.status !== 'QUEUED' || state.longWaitSince === undefined) {
    return domainError('INVALID_STATE', 'Your chat is not waiting for your choice.', { status: state.status });
  }
  return [{ type: 'KeptWaiting', ...maxWaitDue(ctx) }];
}

/**
 * Issue 15, maximum wait: a chat that waited its queue's `maxWaitSeconds`
 * overflows once to the queue's overflow queue (where the same maximum
 * applies), else its end user is offered to leave a message or keep waiting.
 */
function maxWaitReached(state: SessionState, ctx: DecisionContext): Outcome {
  if (state.status !== 'QUEUED') return domainError('DEADLINE_NOT_ARMED', 'The chat no longer waits in a queue.', { status: state.status });
  const waitedSeconds = Math.max(0, Math.floor((Date.parse(ctx.now) - Date.parse(state.queuedAt ?? state.createdAt)) / 1000));
  const overflow = ctx.queuePolicy?.overflowQueue ?? '';
  if (overflow !== '' && overflow !== state.queue && state.overflowedFrom === undefined) {
    const withdrawn: EventPayload[] = state.offer !== undefined ? [{ type: 'OfferWithdrawn', agentId: state.offer.agentId, agentName: state.offer.agentName }] : [];
    return [...withdrawn, { type: 'QueueOverflowed', fromQueue: state.queue, toQueue: overflow, waitedSeconds, ...maxWaitDue(ctx) }];
  }
  return [{ type: 'LongWaitOffered', queue: state.queue, waitedSeconds }];
}

// R3.
function accept(state: SessionState, command: AcceptSession, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  if (state.status === 'ASSIGNED') {
    return state.ownerAgentId === me
      ? domainError('ALREADY_TAKEN', 'You already have this chat.', { ownerAgentId: me })
      : domainError('ALREADY_TAKEN', 'Another agent has already taken this chat.');
  }
  if (state.status === 'PENDING_TRANSFER') {
    if (state.transferTargetAgentId !== me) {
      return domainError('NOT_TRANSFER_TARGET', 'This chat is being transferred to another agent; only that agent can accept it.');
    }
    // R4.2: accepting a transfer is always manual and ignores the cap.
    return [
      {
        type: 'SessionAssigned',
        agentId: me,
        agentName: agentName(state, me, ctx),
        via: 'transfer',
        ...(state.transferFromAgentId !== undefined ? { fromAgentId: state.transferFromAgentId } : {}),
        ...firstReplyDue(ctx),
      },
    ];
  }
  // QUEUED
  const agent = findAgent(ctx, me);
  if (agent === undefined) return incomplete('AcceptSession needs the accepting agent in the context.');
  if (ctx.settings.agentAutoAccept) {
    return domainError('MANUAL_ACCEPT_DISABLED', 'Chats are assigned automatically; they cannot be picked from the queue.');
  }
  if (!isOnline(agent)) {
    return domainError('AGENT_UNAVAILABLE', 'Set yourself online to accept chats from the queue.', { presence: agent.presence });
  }
  if (isExcluded(state, me)) {
    return domainError('AGENT_NOT_ELIGIBLE', 'This chat went back to the queue because you did not reply in time; another agent will take it.', {
      agentId: me,
    });
  }
  if (!isEligibleAgent(agent, state, ctx.settings)) {
    return domainError('FORBIDDEN', 'This chat is not in your queues or companies.');
  }
  return [{ type: 'SessionAssigned', agentId: me, agentName: agent.displayName, via: 'accept', ...firstReplyDue(ctx) }];
}

// R4: the router proposes an agent; this is the last word.
function autoAssign(state: SessionState, command: AutoAssign, ctx: DecisionContext): Outcome {
  if (!ctx.settings.agentAutoAccept) {
    return domainError('AUTO_ACCEPT_OFF', 'Agent Auto Accept is off; chats are accepted manually.');
  }
  if (state.status === 'ASSIGNED') return domainError('ALREADY_TAKEN', 'The chat is already assigned.');
  if (state.status !== 'QUEUED') {
    return domainError('INVALID_STATE', 'Only a queued chat can be assigned automatically.', { status: state.status });
  }
  if (state.offer !== undefined) return offerPending(state.offer);
  const agent = findAgent(ctx, command.agentId);
  if (agent === undefined) return incomplete('AutoAssign needs the proposed agent in the context.');
  if (isExcluded(state, agent.id)) {
    return domainError('AGENT_NOT_ELIGIBLE', `${agent.displayName} let this chat go without a first reply and is not given it again.`, {
      agentId: agent.id,
    });
  }
  switch (autoAssignProblem(agent, state, ctx.settings, command.capacityReserved === true)) {
    case 'offline':
      return domainError('AGENT_UNAVAILABLE', `${agent.displayName} is not online.`, { agentId: agent.id, presence: agent.presence });
    case 'notEligible':
      return domainError('AGENT_NOT_ELIGIBLE', `${agent.displayName} does not serve this chat's queue or company.`, { agentId: agent.id });
    case 'atCapacity':
      return domainError('AGENT_AT_CAPACITY', `${agent.displayName} has reached the maximum number of concurrent chats.`, {
        agentId: agent.id,
        load: agent.load,
      });
    case undefined: {
      // Issue 14: a queue that offers chats gives the agent the choice, until the offer's time is up.
      const offerSeconds = ctx.queuePolicy?.offerSeconds ?? 0;
      if (offerSeconds > 0) {
        return [{ type: 'ChatOffered', agentId: agent.id, agentName: agent.displayName, expiresAt: new Date(Date.parse(ctx.now) + offerSeconds * 1000).toISOString() }];
      }
      return [{ type: 'SessionAssigned', agentId: agent.id, agentName: agent.displayName, via: 'autoAssign', ...firstReplyDue(ctx) }];
    }
  }
}

function acceptOffer(state: SessionState, command: AcceptOffer, ctx: DecisionContext): Outcome {
  const offer = offerTo(state, command.actor.id);
  if (offer === undefined) return noOffer(state);
  return [{ type: 'SessionAssigned', agentId: offer.agentId, agentName: agentName(state, offer.agentId, ctx), via: 'offer', ...firstReplyDue(ctx) }];
}

function declineOffer(state: SessionState, command: DeclineOffer, ctx: DecisionContext): Outcome {
  const offer = offerTo(state, command.actor.id);
  if (offer === undefined) return noOffer(state);
  const reason = command.reason.trim();
  if (!ctx.settings.offerDeclineReasons.includes(reason)) {
    return domainError('VALIDATION', 'Pick one of the decline reasons your administrator set.', { field: 'reason' });
  }
  return [{ type: 'OfferDeclined', agentId: offer.agentId, agentName: offer.agentName, reason }];
}

function offerTo(state: SessionState, agentId: string): SessionState['offer'] {
  return state.status === 'QUEUED' && state.offer?.agentId === agentId ? state.offer : undefined;
}

function noOffer(state: SessionState): DomainError {
  if (state.status === 'ASSIGNED') return domainError('ALREADY_TAKEN', 'This chat has already been taken.');
  return domainError('OFFER_NOT_FOUND', 'No offer of this chat is waiting for you: it lapsed, or went to another agent.');
}

function offerPending(offer: NonNullable<SessionState['offer']>): DomainError {
  return domainError('OFFER_PENDING', `The chat is offered to ${offer.agentName} until ${offer.expiresAt}.`, { agentId: offer.agentId, expiresAt: offer.expiresAt });
}

/** Issue 14: the queue's first-reply limit arms the session's `firstReply` deadline at assignment. */
function firstReplyDue(ctx: DecisionContext): { firstReplyDueAt?: string } {
  const seconds = ctx.queuePolicy?.firstReplySeconds ?? 0;
  return seconds > 0 ? { firstReplyDueAt: new Date(Date.parse(ctx.now) + seconds * 1000).toISOString() } : {};
}

/**
 * Issue 15: a message or file from the agent who has the chat waits for the
 * end user's answer: the queue's inactivity warning, or without one its
 * close, counts from it.
 */
function awaitsAnswer(ctx: DecisionContext): { inactivityWarnAt?: string; inactivityCloseAt?: string } {
  const warn = closesAfter(ctx, ctx.queuePolicy?.userInactivityWarnSeconds).closesAt;
  if (warn !== undefined) return { inactivityWarnAt: warn };
  const close = closesAfter(ctx, ctx.queuePolicy?.userInactivityCloseSeconds).closesAt;
  return close !== undefined ? { inactivityCloseAt: close } : {};
}

/** `seconds` from now, when on (more than 0). */
function closesAfter(ctx: DecisionContext, seconds = 0): { closesAt?: string } {
  return seconds > 0 ? { closesAt: new Date(Date.parse(ctx.now) + seconds * 1000).toISOString() } : {};
}

/**
 * Issue 15: the session's deadline closes it, whatever its open status (as
 * an administrator's force-close does); a linked ticket is left as it is,
 * and the agent who had it is told (and their capacity freed).
 */
function systemClose(state: SessionState, reason: 'userInactive' | 'userLeft'): EventPayload {
  return {
    type: 'SessionClosed',
    reason,
    previousStatus: state.status as 'QUEUED' | 'ASSIGNED' | 'PENDING_TRANSFER',
    ...(state.ownerAgentId !== undefined ? { agentId: state.ownerAgentId } : {}),
    ...(state.transferTargetAgentId !== undefined ? { transferTargetAgentId: state.transferTargetAgentId } : {}),
    queue: state.queue,
  };
}

function isExcluded(state: SessionState, agentId: string): boolean {
  return state.excludedAgentIds?.includes(agentId) ?? false;
}

/**
 * ADR 13: a deadline fires only as armed (same kind, same seq) and once due;
 * anything else is a late or early firing and changes nothing.
 */
function deadlineReached(state: SessionState, command: DeadlineReached, ctx: DecisionContext): Outcome {
  const deadline = state.deadlines?.find((d) => d.kind === command.kind && d.armedAtSeq === command.armedAtSeq);
  if (deadline === undefined) {
    return domainError('DEADLINE_NOT_ARMED', `The session holds no ${command.kind} deadline armed at seq ${command.armedAtSeq}.`, {
      kind: command.kind,
      armedAtSeq: command.armedAtSeq,
    });
  }
  if (Date.parse(ctx.now) < Date.parse(deadline.dueAt)) {
    return domainError('DEADLINE_NOT_DUE', `The ${command.kind} deadline is due at ${deadline.dueAt}.`, { dueAt: deadline.dueAt });
  }
  if (command.kind === 'maxWait') return maxWaitReached(state, ctx);
  if (command.kind === 'userLeft') {
    // R12, issue 15: armed only while the end user is marked as gone (evolve clears it when they come back).
    if (!state.userLeft) return domainError('DEADLINE_NOT_ARMED', 'The end user is back.');
    return [systemClose(state, 'userLeft')];
  }
  if (command.kind === 'userInactivityWarn' || command.kind === 'userInactive') {
    // Issue 15: armed only while ASSIGNED and not cancelled (evolve clears them otherwise, and on the end user's word).
    if (state.status !== 'ASSIGNED' || state.cancelledByUser) {
      return domainError('DEADLINE_NOT_ARMED', 'The chat is no longer assigned.', { status: state.status });
    }
    if (command.kind === 'userInactive') return [systemClose(state, 'userInactive')];
    return [{ type: 'UserInactivityWarned', ...closesAfter(ctx, ctx.queuePolicy?.userInactivityCloseSeconds) }];
  }
  if (command.kind === 'offer') {
    // Armed only while the offer waits (evolve clears it with the offer): nobody answered in time.
    const offer = state.offer;
    if (offer === undefined) return domainError('DEADLINE_NOT_ARMED', 'No offer is waiting.', { status: state.status });
    return [{ type: 'OfferLapsed', agentId: offer.agentId, agentName: offer.agentName, presence: ctx.settings.offerLapsePresence }];
  }
  // Armed only while ASSIGNED (evolve clears it on leaving): the owner did not write in time.
  const owner = state.ownerAgentId;
  if (state.status !== 'ASSIGNED' || owner === undefined) {
    return domainError('DEADLINE_NOT_ARMED', 'The chat is no longer assigned.', { status: state.status });
  }
  return [{ type: 'FirstReplyMissed', agentId: owner, agentName: agentName(state, owner, ctx), queue: state.queue }];
}

// R5, R6.
function transferToAgent(state: SessionState, command: TransferToAgent, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  const target = findAgent(ctx, command.targetAgentId);
  const problem = transferTargetProblem(state, me, command.targetAgentId, ctx.agents ?? [], ctx.settings);
  if (problem !== undefined) {
    const messages = {
      self: 'You cannot transfer a chat to yourself.',
      unknown: `Agent ${command.targetAgentId} does not exist.`,
      offline: `${target?.displayName ?? command.targetAgentId} is not online.`,
      notEligible: `${target?.displayName ?? command.targetAgentId} does not serve this chat's queue or company.`,
    };
    return domainError('TRANSFER_TARGET_NOT_ELIGIBLE', messages[problem], { reason: problem, targetAgentId: command.targetAgentId });
  }
  const myName = agentName(state, me, ctx);
  return [
    ...sideNote(command.sideNote, me, myName, ctx),
    { type: 'TransferRequested', fromAgentId: me, fromAgentName: myName, toAgentId: target!.id, toAgentName: target!.displayName },
  ];
}

// R7.
function transferToQueue(state: SessionState, command: TransferToQueue, ctx: DecisionContext): Outcome {
  const me = command.actor.id;
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  if (!queueTransferAllowed(ctx.settings)) {
    return domainError('QUEUE_TRANSFER_DISABLED', 'Transfer to a support queue needs both Support Queues and Use Topics to be on.');
  }
  const queue = command.queue.trim();
  if (queue !== GENERAL_QUEUE) {
    if (ctx.queues === undefined) return incomplete('TransferToQueue needs the existing queues in the context.');
    if (!ctx.queues.includes(queue)) return domainError('QUEUE_NOT_FOUND', `Support queue "${queue}" does not exist.`, { queue });
  }
  const myName = agentName(state, me, ctx);
  return [
    ...sideNote(command.sideNote, me, myName, ctx),
    { type: 'TransferredToQueue', fromAgentId: me, fromAgentName: myName, fromQueue: state.queue, toQueue: queue },
  ];
}

// R9.
function endChat(state: SessionState, command: EndChat, ctx: DecisionContext): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  const closed: EventPayload = {
    type: 'SessionClosed',
    reason: 'agentEnded',
    previousStatus: 'ASSIGNED',
    agentId: command.actor.id,
    queue: state.queue,
    ...wrapUpOf(ctx),
  };
  const ticket = state.ticket;
  if (ticket === undefined || ticket.status !== 'Open') {
    if (command.resolveTicket === true) {
      return ticket === undefined
        ? domainError('NO_TICKET', 'This chat has no ticket to resolve.')
        : domainError('INVALID_STATE', `The ticket is already ${ticket.status.toLowerCase()}.`, { ticketStatus: ticket.status });
    }
    return [closed];
  }
  if (command.resolveTicket === undefined) {
    return domainError('TICKET_CHOICE_REQUIRED', 'This chat has a ticket: choose whether to resolve it when ending the chat.', {
      ticketId: ticket.ticketId,
    });
  }
  return command.resolveTicket ? [{ type: 'TicketResolved', ticketId: ticket.ticketId }, closed] : [closed];
}

// R10: the ticket is cancelled first, then the session is abandoned.
function abandon(state: SessionState, command: AbandonSession, ctx: DecisionContext): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  const abandoned: EventPayload = {
    type: 'SessionAbandoned',
    agentId: command.actor.id,
    agentName: agentName(state, command.actor.id, ctx),
    ...wrapUpOf(ctx),
  };
  return state.ticket?.status === 'Open' ? [{ type: 'TicketCancelled', ticketId: state.ticket.ticketId }, abandoned] : [abandoned];
}

// R11.
function cancelByUser(state: SessionState, _command: CancelByUser): Outcome {
  if (state.cancelledByUser) return domainError('USER_CANCELLED', 'You have already cancelled this chat.');
  if (state.status === 'QUEUED') {
    return [
      { type: 'UserCancelled' },
      { type: 'SessionClosed', reason: 'userCancelled', previousStatus: 'QUEUED', queue: state.queue },
    ];
  }
  return [{ type: 'UserCancelled' }];
}

function postMessage(state: SessionState, command: PostMessage, ctx: DecisionContext): Outcome {
  if (command.actor.role === 'endUser') {
    if (state.cancelledByUser) return domainError('USER_CANCELLED', 'You cancelled this chat; it no longer takes messages.');
    return [
      {
        type: 'MessagePosted',
        from: 'endUser',
        authorId: command.actor.id,
        ...(state.endUserName !== undefined ? { authorName: state.endUserName } : {}),
        ...masked(command.text, ctx),
      },
    ];
  }
  // Issue 16 (ADR 24): a participant answers the end user too; the owner stays the one the deadlines wait for.
  const guest = guestOf(state, command.actor.id);
  if (guest !== undefined) {
    if (state.cancelledByUser) return domainError('USER_CANCELLED', 'The end user has cancelled this chat.');
    return [{ type: 'MessagePosted', from: 'agent', authorId: guest.agentId, authorName: guest.agentName, ...masked(command.text, ctx) }];
  }
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  return [
    {
      type: 'MessagePosted',
      from: 'agent',
      authorId: command.actor.id,
      authorName: agentName(state, command.actor.id, ctx),
      ...masked(command.text, ctx),
      ...awaitsAnswer(ctx),
    },
  ];
}

// Files and screenshots: who may post a message may send a file; its name is masked like a message.
function postAttachment(state: SessionState, command: PostAttachment, ctx: DecisionContext): Outcome {
  const { text: name, masked: maskedKinds } = masked(command.attachment.name, ctx);
  const attachment = { ...command.attachment, name };
  const mask = maskedKinds !== undefined ? { masked: maskedKinds } : {};
  if (command.actor.role === 'endUser') {
    if (state.cancelledByUser) return domainError('USER_CANCELLED', 'You cancelled this chat; it no longer takes files.');
    return [
      {
        type: 'AttachmentPosted',
        from: 'endUser',
        authorId: command.actor.id,
        ...(state.endUserName !== undefined ? { authorName: state.endUserName } : {}),
        attachment,
        ...mask,
      },
    ];
  }
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  return [
    { type: 'AttachmentPosted', from: 'agent', authorId: command.actor.id, authorName: agentName(state, command.actor.id, ctx), attachment, ...mask, ...awaitsAnswer(ctx) },
  ];
}

// R14.
function createTicket(state: SessionState, command: CreateTicket, ctx: DecisionContext): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: true });
  if (notOwner !== undefined) return notOwner;
  if (state.ticket !== undefined) {
    return domainError('TICKET_EXISTS', `This chat already has ticket ${state.ticket.ticketId}.`, { ticketId: state.ticket.ticketId });
  }
  const ticketId = ctx.newIds?.ticketId;
  if (ticketId === undefined || ticketId === '') return incomplete('CreateTicket needs newIds.ticketId in the context.');
  return [
    {
      type: 'TicketCreated',
      ticketId,
      summary: command.summary.trim(),
      endUserId: state.endUserId,
      companyId: state.companyId,
      agentId: command.actor.id,
    },
  ];
}

// R16.
function requestControl(state: SessionState, command: RequestControl, ctx: DecisionContext): Outcome {
  const notOwner = ownerOnly(state, command.actor, { allowCancelled: false });
  if (notOwner !== undefined) return notOwner;
  const consoleUrl = ctx.settings.remoteControlConsoleUrl.trim();
  if (consoleUrl === '') {
    return domainError('REMOTE_CONTROL_NOT_CONFIGURED', 'Remote control is not configured: an administrator must set the remote control console URL.');
  }
  const endUser = ctx.endUser;
  if (endUser === undefined || endUser.id !== state.endUserId) {
    return incomplete("RequestControl needs the session's end user (with assets) in the context.");
  }
  let asset: Asset | undefined;
  if (command.assetId !== undefined) {
    asset = endUser.assets.find((a) => a.id === command.assetId);
    if (asset === undefined) {
      return domainError('ASSET_NOT_FOUND', `The end user has no device ${command.assetId}.`, { assetId: command.assetId });
    }
  } else if (endUser.assets.length === 1) {
    asset = endUser.assets[0]!;
  } else if (endUser.assets.length === 0) {
    return domainError('ASSET_NOT_FOUND', 'The end user has no device on record.');
  } else {
    return domainError('VALIDATION', 'The end user has several devices: choose one.', { field: 'assetId' });
  }
  const deviceId = asset.deviceId ?? asset.id;
  return [
    {
      type: 'RemoteControlRequested',
      agentId: command.actor.id,
      assetId: asset.id,
      deviceId,
      url: remoteControlLink(consoleUrl, deviceId, state.sessionId),
    },
  ];
}

// R17: an administrator closes a stuck session whatever its (open) status; a
// linked ticket is left as it is.
function forceClose(state: SessionState, command: ForceClose): Outcome {
  const comment = command.comment?.trim();
  return [
    {
      type: 'SessionClosed',
      reason: 'forceClosed',
      previousStatus: state.status as 'QUEUED' | 'ASSIGNED' | 'PENDING_TRANSFER',
      ...(state.ownerAgentId !== undefined ? { agentId: state.ownerAgentId } : {}),
      ...(state.transferTargetAgentId !== undefined ? { transferTargetAgentId: state.transferTargetAgentId } : {}),
      queue: state.queue,
      ...(comment ? { comment } : {}),
    },
  ];
}

// R5.4: back to the queue. A session the end user already cancelled is not
// re-queued but closed, as an unassigned cancelled session is (R11.1).
function targetWentOffline(state: SessionState, command: TargetWentOffline, ctx: DecisionContext): Outcome {
  // Issue 14: an offer waiting for an agent who is no longer online is withdrawn at once (not left to lapse).
  if (state.status === 'QUEUED' && state.offer?.agentId === command.agentId) {
    const offered = findAgent(ctx, command.agentId);
    if (offered === undefined) return incomplete('TargetWentOffline needs the offered agent in the context.');
    if (keepsPendingOffer(offered.presence)) return domainError('INVALID_STATE', `${offered.displayName} is online.`, { presence: offered.presence });
    return [{ type: 'OfferWithdrawn', agentId: offered.id, agentName: state.offer.agentName }];
  }
  if (state.status !== 'PENDING_TRANSFER' || state.transferTargetAgentId !== command.agentId) {
    return domainError('INVALID_STATE', `The chat is not waiting for agent ${command.agentId} to accept a transfer.`);
  }
  const agent = findAgent(ctx, command.agentId);
  if (agent === undefined) return incomplete('TargetWentOffline needs the target agent in the context.');
  if (keepsPendingTransfer(agent.presence)) {
    return domainError('INVALID_STATE', `${agent.displayName} is not offline.`, { presence: agent.presence });
  }
  const reverted: EventPayload = {
    type: 'TransferReverted',
    reason: 'targetOffline',
    targetAgentId: command.agentId,
    ...(state.transferFromAgentId !== undefined ? { fromAgentId: state.transferFromAgentId } : {}),
    queue: state.queue,
  };
  if (!state.cancelledByUser) return [reverted];
  return [reverted, { type: 'SessionClosed', reason: 'userCancelled', previousStatus: 'QUEUED', queue: state.queue }];
}

/**
 * R19: only the owning agent of an ASSIGNED session. R11.2: after the end user
 * cancelled, the agent may still end, abandon, note and ticket, nothing else.
 */
function ownerOnly(state: SessionState, actor: Actor, opts: { allowCancelled: boolean }): DomainError | undefined {
  if (state.status === 'PENDING_TRANSFER' && state.transferTargetAgentId === actor.id) {
    return domainError('INVALID_STATE', 'Accept the transfer first.');
  }
  if (state.status !== 'ASSIGNED' || state.ownerAgentId !== actor.id) {
    const message =
      state.status === 'PENDING_TRANSFER' && state.transferFromAgentId === actor.id
        ? 'You transferred this chat; it is waiting for the other agent.'
        : 'Only the agent who has this chat can do that.';
    return domainError('NOT_OWNER', message);
  }
  if (!opts.allowCancelled && state.cancelledByUser) {
    return domainError('USER_CANCELLED', 'The end user has cancelled this chat: end it or abandon it.');
  }
  return undefined;
}

function sideNote(text: string | undefined, authorId: string, authorName: string, ctx: DecisionContext): EventPayload[] {
  const t = text?.trim();
  return t ? [{ type: 'SideNoteAdded', authorId, authorName, ...masked(t, ctx) }] : [];
}

/**
 * A text as stored: card numbers and the administrator's patterns masked, and
 * `masked` saying what was, so the sender sees that the text changed. The
 * unmasked text goes no further than this.
 */
function masked(text: string, ctx: DecisionContext): { text: string; masked?: MaskedKind[] } {
  const result = maskText(text, ctx.settings.maskPatterns);
  return result.masked.length > 0 ? { text: result.text, masked: [...result.masked] } : { text: result.text };
}

function maskedComment(comment: string, ctx: DecisionContext): { comment: string; masked?: MaskedKind[] } {
  const { text, ...rest } = masked(comment, ctx);
  return { comment: text, ...rest };
}

function maskedDescription(description: string, ctx: DecisionContext): { description: string; masked?: MaskedKind[] } {
  const { text, ...rest } = masked(description, ctx);
  return { description: text, ...rest };
}

/** The agent's display name: from the context if given, else as recorded at assignment. */
function agentName(state: SessionState, agentId: string, ctx: DecisionContext): string {
  const fromCtx = findAgent(ctx, agentId)?.displayName;
  if (fromCtx !== undefined) return fromCtx;
  return state.agentNames?.find((n) => n.id === agentId)?.name ?? agentId;
}

/** SESSION_LIMITS: a full session takes nothing but what ends it. */
function fullProblem(state: SessionState, command: SessionCommand): DomainError | undefined {
  if (CLOSING_COMMANDS.has(command.type)) return undefined;
  const limit = CONVERSATION_COMMANDS.has(command.type) ? SESSION_LIMITS.maxConversationEvents : SESSION_LIMITS.maxEvents;
  if (state.version < limit) return undefined;
  return domainError('SESSION_FULL', `This chat has reached its maximum length (${limit} entries): end it and start a new one.`, { limit });
}

function stamp(state: SessionState | undefined, command: SessionCommand, ctx: DecisionContext, payloads: EventPayload[]): SessionEvent[] {
  const first = (state?.version ?? 0) + 1;
  const by: Actor = { role: command.actor.role, id: command.actor.id };
  return payloads.map(
    (p, i) => ({ ...p, seq: first + i, at: ctx.now, sessionId: command.sessionId, commandId: command.commandId, by }) as SessionEvent,
  );
}

function refuse(error: DomainError): Decision {
  return { ok: false, error };
}

function incomplete(message: string): DomainError {
  return domainError('CONTEXT_INCOMPLETE', message);
}
