import type { DeadlineKind, SessionStateMessage } from '@switchboard/contracts';
import type { SessionEvent } from './events';
import { isVisibleToEndUser } from './history';
import { MAX_EXCLUDED_AGENTS, RECENT_COMMANDS, type SessionState } from './state';

/**
 * Thrown by `evolve` only when the event stream itself is corrupt (a gap in
 * seq, an event for another session, a second start). `decide` never produces
 * such streams; seeing this error means stored data is broken, not that a user
 * did something wrong.
 */
export class EventStreamError extends Error {
  override readonly name = 'EventStreamError';
}

/**
 * Applies one event. Pure: returns a new state, never mutates the given one.
 * `version` is the seq of the last event applied; the events themselves are
 * the history, kept by whoever stores them, never in the state.
 */
export function evolve(state: SessionState | undefined, event: SessionEvent): SessionState {
  const next = withoutGuestsIfMoved(state, evolveOne(state, event));
  // Issue 16: a help flag is its agent's while they have the chat: it goes when the chat leaves them (taken over, transferred, ended...).
  return next.helpFlag !== undefined && (next.status !== 'ASSIGNED' || next.ownerAgentId !== next.helpFlag.agentId) ? withoutHelpFlag(next) : next;
}

/**
 * Issue 16 (ADR 24): participants and invitations belong to the owner who had
 * them: they go when the chat leaves that owner (transfer, back to the queue,
 * taken over, ended), so nobody stays in a chat its new owner did not ask for.
 */
function withoutGuestsIfMoved(before: SessionState | undefined, next: SessionState): SessionState {
  if (next.guests === undefined && next.invites === undefined) return next;
  if (next.status === 'ASSIGNED' && next.ownerAgentId === before?.ownerAgentId) return next;
  const copy: SessionStateMessage = { ...next };
  delete copy.guests;
  delete copy.invites;
  return copy;
}

function withoutHelpFlag(state: SessionState): SessionState {
  if (state.helpFlag === undefined) return state;
  const copy = { ...state };
  delete copy.helpFlag;
  return copy;
}

function evolveOne(state: SessionState | undefined, event: SessionEvent): SessionState {
  const next = evolveStatus(state, event);
  // A first-reply deadline holds only while the session stays ASSIGNED to the agent it was armed for,
  // an offer (and its deadline) only while the session waits in its queue;
  // the end user's inactivity (issue 15) counts only while ASSIGNED and not cancelled, a gone end user's only while open;
  // the maximum wait (issue 15, and the end user's choice after it) only while it waits, too.
  const waited = next.status === 'QUEUED' ? next : withoutLongWait(withoutDeadline(next, 'maxWait'));
  if (waited.status === 'ASSIGNED') return withoutOffer(waited.cancelledByUser ? withoutInactivity(waited) : waited);
  const unassigned = withoutInactivity(withoutDeadline(waited, 'firstReply'));
  if (waited.status === 'QUEUED') return unassigned;
  const ended = withoutOffer(unassigned);
  return waited.status === 'PENDING_TRANSFER' ? ended : withoutDeadline(ended, 'userLeft');
}

function withoutLongWait(state: SessionState): SessionState {
  if (state.longWaitSince === undefined) return state;
  const copy: SessionStateMessage = { ...state };
  delete copy.longWaitSince;
  return copy;
}

function evolveStatus(state: SessionState | undefined, event: SessionEvent): SessionState {
  if (state === undefined) {
    if (event.type !== 'SessionStarted') {
      throw new EventStreamError(`first event of session ${event.sessionId} must be SessionStarted, got ${event.type}`);
    }
    if (event.seq !== 1) throw new EventStreamError(`SessionStarted must have seq 1, got ${event.seq}`);
    return {
      sessionId: event.sessionId,
      version: 1,
      status: 'QUEUED',
      queue: event.queue,
      ...(event.topic !== undefined ? { topic: event.topic } : {}),
      companyId: event.companyId,
      endUserId: event.endUserId,
      ...(event.endUserName !== undefined ? { endUserName: event.endUserName } : {}),
      requestId: event.requestId,
      description: event.description,
      cancelledByUser: false,
      userLeft: false,
      participants: [],
      recentCommands: [{ id: event.commandId, firstSeq: event.seq }],
      lastVisibleSeq: event.seq,
      createdAt: event.at,
      queuedAt: event.at,
      ...(event.priority !== undefined && event.priority > 0 ? { priority: event.priority } : {}),
      ...(event.maxWaitDueAt !== undefined ? { deadlines: [{ kind: 'maxWait', dueAt: event.maxWaitDueAt, armedAtSeq: event.seq }] } : {}),
    };
  }
  if (event.sessionId !== state.sessionId) {
    throw new EventStreamError(`event for session ${event.sessionId} applied to session ${state.sessionId}`);
  }
  if (event.seq !== state.version + 1) {
    throw new EventStreamError(`session ${state.sessionId}: expected seq ${state.version + 1}, got ${event.seq}`);
  }
  const base: SessionState = {
    ...state,
    version: event.seq,
    recentCommands: withRecentCommand(state.recentCommands, event),
    lastVisibleSeq: isVisibleToEndUser(event) ? event.seq : (state.lastVisibleSeq ?? 0),
  };

  switch (event.type) {
    case 'SessionStarted':
      throw new EventStreamError(`session ${state.sessionId} started twice`);
    case 'MessagePosted':
    case 'AttachmentPosted':
      // Issue 15: the end user's word answers the agent (no inactivity counts until the agent writes again).
      if (event.from === 'endUser') return withoutInactivity(base);
      // The owner's first word (or file) to the end user: the first-reply deadline is met.
      // Issue 15: the end user is to answer it, by the queue's inactivity times.
      return event.authorId === base.ownerAgentId
        ? withDeadline(withDeadline(withoutDeadline(base, 'firstReply'), 'userInactivityWarn', event.inactivityWarnAt, event.seq), 'userInactive', event.inactivityCloseAt, event.seq)
        : base;
    case 'UserInactivityWarned':
      return withDeadline(withoutDeadline(base, 'userInactivityWarn'), 'userInactive', event.closesAt, event.seq);
    case 'HelpFlagRaised':
      return { ...base, helpFlag: { agentId: event.agentId, raisedAt: event.at } };
    case 'HelpFlagLowered':
      return withoutHelpFlag(base);
    case 'AgentInvited':
      return {
        ...base,
        invites: [
          ...(base.invites ?? []).filter((i) => i.agentId !== event.agentId),
          { agentId: event.agentId, agentName: event.agentName, fromAgentId: event.fromAgentId, fromAgentName: event.fromAgentName, ...(event.note !== undefined ? { note: event.note } : {}), at: event.at },
        ],
        agentNames: withAgentName(base.agentNames, event.agentId, event.agentName),
      };
    case 'InviteEnded':
      return withList(base, 'invites', (base.invites ?? []).filter((i) => i.agentId !== event.agentId));
    case 'ParticipantJoined':
      return withList(
        {
          ...withList(base, 'invites', (base.invites ?? []).filter((i) => i.agentId !== event.agentId)),
          agentNames: withAgentName(base.agentNames, event.agentId, event.agentName),
        },
        'guests',
        [...(base.guests ?? []).filter((g) => g.agentId !== event.agentId), { agentId: event.agentId, agentName: event.agentName, via: event.via, joinedAt: event.at }],
      );
    case 'ParticipantLeft':
      return withList(base, 'guests', (base.guests ?? []).filter((g) => g.agentId !== event.agentId));
    case 'SideNoteAdded':
    case 'ConsultAdded':
    case 'WhisperAdded':
    case 'RemoteControlRequested':
      return base;
    case 'SessionAssigned':
      return withDeadline(withoutRouting({
        ...withWaitMeasured(base, event.at),
        status: 'ASSIGNED',
        ownerAgentId: event.agentId,
        assignedAt: event.at,
        participants: base.participants.includes(event.agentId)
          ? base.participants
          : [...base.participants, event.agentId],
        agentNames: withAgentName(base.agentNames, event.agentId, event.agentName),
      }, ['transferTargetAgentId', 'transferFromAgentId', 'queuedAt']), 'firstReply', event.firstReplyDueAt, event.seq);
    case 'FirstReplyMissed':
      return { ...requeue(base, event.queue, event.at), excludedAgentIds: withExcluded(base.excludedAgentIds, event.agentId) };
    case 'ChatOffered':
      return withDeadline({ ...base, offer: { agentId: event.agentId, agentName: event.agentName, expiresAt: event.expiresAt } }, 'offer', event.expiresAt, event.seq);
    case 'OfferDeclined':
    case 'OfferLapsed':
      return { ...withoutOffer(base), passedOverAgentIds: withExcluded(base.passedOverAgentIds, event.agentId) };
    case 'OfferWithdrawn':
      // The agent left; it did not pass on the chat.
      return withoutOffer(base);
    case 'TransferRequested':
      return withoutRouting(
        {
          ...base,
          status: 'PENDING_TRANSFER',
          transferTargetAgentId: event.toAgentId,
          transferFromAgentId: event.fromAgentId,
          agentNames: withAgentName(base.agentNames, event.toAgentId, event.toAgentName),
        },
        ['ownerAgentId', 'assignedAt'],
      );
    case 'TransferredToQueue':
      return requeue(base, event.toQueue, event.at);
    case 'SessionReleased':
      return requeue(base, event.queue, event.at);
    case 'TransferReverted':
      return requeue(base, event.queue, event.at);
    case 'UserCancelled':
      // R11: a cancelled chat is the agent's to end, never to go back to the queue: no first-reply deadline.
      return withoutDeadline({ ...base, cancelledByUser: true }, 'firstReply');
    case 'UserLeft':
      return withDeadline({ ...base, userLeft: true }, 'userLeft', event.closesAt, event.seq);
    case 'UserReturned':
      return withoutDeadline({ ...base, userLeft: false }, 'userLeft');
    case 'TicketCreated':
      return { ...base, ticket: { ticketId: event.ticketId, status: 'Open', summary: event.summary } };
    case 'TicketResolved':
      return base.ticket ? { ...base, ticket: { ...base.ticket, status: 'Resolved' } } : base;
    case 'TicketCancelled':
      return base.ticket ? { ...base, ticket: { ...base.ticket, status: 'Cancelled' } } : base;
    case 'SessionClosed': {
      const closed = terminate(base, 'CLOSED', event.at);
      return event.reason === 'agentEnded' && event.agentId !== undefined ? { ...closed, endedByAgentId: event.agentId } : closed;
    }
    case 'SessionAbandoned':
      return { ...terminate(base, 'ABANDONED', event.at), endedByAgentId: event.agentId };
    case 'DispositionRecorded':
      return { ...base, disposition: { code: event.code, agentId: event.agentId } };
    case 'PriorityRaised':
      return { ...base, priority: event.to };
    case 'WaitEstimated':
      return { ...base, waitEstimate: { minSeconds: event.minSeconds, maxSeconds: event.maxSeconds, queuedAt: event.queuedAt } };
    case 'SessionTakenOver':
      // Issue 16: the supervisor owns the chat now; the first-reply limit was the former owner's, not theirs.
      return withoutDeadline({
        ...base,
        ownerAgentId: event.agentId,
        assignedAt: event.at,
        participants: base.participants.includes(event.agentId) ? base.participants : [...base.participants, event.agentId],
        agentNames: withAgentName(base.agentNames, event.agentId, event.agentName),
      }, 'firstReply');
    case 'QueueOverflowed':
      // Still waiting, since the same time (it keeps its place by wait time), in the overflow queue.
      return withDeadline({ ...withoutOffer(base), queue: event.toQueue, overflowedFrom: event.fromQueue }, 'maxWait', event.maxWaitDueAt, event.seq);
    case 'LongWaitOffered':
      return { ...withoutDeadline(base, 'maxWait'), longWaitSince: event.at };
    case 'KeptWaiting':
      return withDeadline(withoutLongWait(base), 'maxWait', event.maxWaitDueAt, event.seq);
    case 'MessageLeft':
      return { ...base, ticket: { ticketId: event.ticketId, status: 'Open', summary: event.summary } };
    case 'ChatRated':
      return { ...base, rating: { score: event.score, ...(event.comment === undefined ? {} : { comment: event.comment }), at: event.at } };
  }
}

/** Sets a list of the summary, removing the field when the list is empty (the state stays clean JSON). */
function withList<K extends 'guests' | 'invites'>(state: SessionState, key: K, list: NonNullable<SessionStateMessage[K]>): SessionState {
  const copy: SessionStateMessage = { ...state };
  if (list.length === 0) delete copy[key];
  else copy[key] = list;
  return copy;
}

export function applyEvents(state: SessionState, events: readonly SessionEvent[]): SessionState;
export function applyEvents(state: SessionState | undefined, events: readonly SessionEvent[]): SessionState | undefined;
export function applyEvents(state: SessionState | undefined, events: readonly SessionEvent[]): SessionState | undefined {
  let s = state;
  for (const e of events) s = evolve(s, e);
  return s;
}

/** A command's events are contiguous: its first event adds its id, the oldest id leaves past RECENT_COMMANDS. */
function withRecentCommand(recent: SessionState['recentCommands'], event: SessionEvent): NonNullable<SessionState['recentCommands']> {
  const list = recent ?? [];
  if (list.at(-1)?.id === event.commandId) return list;
  return [...list, { id: event.commandId, firstSeq: event.seq }].slice(-RECENT_COMMANDS);
}

/** One entry per agent, the latest name last: bounded by the agents the session ever reached. */
function withAgentName(names: SessionState['agentNames'], id: string, name: string): NonNullable<SessionState['agentNames']> {
  const others = (names ?? []).filter((n) => n.id !== id);
  return [...others, { id, name }];
}

type RoutingField = 'ownerAgentId' | 'transferTargetAgentId' | 'transferFromAgentId' | 'queuedAt' | 'assignedAt';

// Removes fields instead of setting them to undefined, so the state stays a
// clean JSON object (MongoDB would otherwise store explicit nulls).
function withoutRouting(state: SessionState, fields: readonly RoutingField[]): SessionState {
  const copy: SessionStateMessage = { ...state };
  for (const f of fields) delete copy[f];
  return copy;
}

/** Arms (or, without a time, clears) the deadline of `kind`: at most one per kind. */
function withDeadline(state: SessionState, kind: DeadlineKind, dueAt: string | undefined, seq: number): SessionState {
  const cleared = withoutDeadline(state, kind);
  if (dueAt === undefined) return cleared;
  return { ...cleared, deadlines: [...(cleared.deadlines ?? []), { kind, dueAt, armedAtSeq: seq }] };
}

function withoutDeadline(state: SessionState, kind: DeadlineKind): SessionState {
  if (!state.deadlines?.some((d) => d.kind === kind)) return state;
  const rest = state.deadlines.filter((d) => d.kind !== kind);
  if (rest.length > 0) return { ...state, deadlines: rest };
  const copy: SessionStateMessage = { ...state };
  delete copy.deadlines;
  return copy;
}

/** Issue 15: no end-user inactivity counts (the end user answered, or the chat is not assigned). */
function withoutInactivity(state: SessionState): SessionState {
  return withoutDeadline(withoutDeadline(state, 'userInactivityWarn'), 'userInactive');
}

function withoutOffer(state: SessionState): SessionState {
  const cleared = withoutDeadline(state, 'offer');
  if (cleared.offer === undefined) return cleared;
  const copy: SessionStateMessage = { ...cleared };
  delete copy.offer;
  return copy;
}

/** The agent goes last; past MAX_EXCLUDED_AGENTS the oldest is forgotten (the state stays bounded). */
function withExcluded(excluded: SessionState['excludedAgentIds'], agentId: string): string[] {
  return [...(excluded ?? []).filter((id) => id !== agentId), agentId].slice(-MAX_EXCLUDED_AGENTS);
}

/** The earliest deadline the session holds, if any (what its owner's timer waits for). */
export function nextDeadline(state: SessionState): NonNullable<SessionState['deadlines']>[number] | undefined {
  let first: NonNullable<SessionState['deadlines']>[number] | undefined;
  for (const d of state.deadlines ?? []) if (first === undefined || Date.parse(d.dueAt) < Date.parse(first.dueAt)) first = d;
  return first;
}

/**
 * Issue 15: the real wait of the stay in the queue the estimate was made
 * for, once an agent takes the chat (the first assignment of that stay).
 */
function withWaitMeasured(state: SessionState, at: string): SessionState {
  const estimate = state.waitEstimate;
  if (estimate === undefined || estimate.waitedSeconds !== undefined || state.status !== 'QUEUED' || estimate.queuedAt !== state.queuedAt) return state;
  const waited = Math.max(0, Math.round((Date.parse(at) - Date.parse(estimate.queuedAt)) / 1000));
  return Number.isFinite(waited) ? { ...state, waitEstimate: { ...estimate, waitedSeconds: waited } } : state;
}

function requeue(state: SessionState, queue: string, at: string): SessionState {
  return withoutRouting({ ...state, status: 'QUEUED', queue, queuedAt: at }, [
    'ownerAgentId',
    'transferTargetAgentId',
    'transferFromAgentId',
    'assignedAt',
  ]);
}

function terminate(state: SessionState, status: 'CLOSED' | 'ABANDONED', at: string): SessionState {
  return withoutRouting({ ...state, status, closedAt: at }, [
    'ownerAgentId',
    'transferTargetAgentId',
    'transferFromAgentId',
    'queuedAt',
  ]);
}
