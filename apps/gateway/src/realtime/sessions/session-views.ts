import type { ChatEventMessage, ListItem, SessionDetail, SessionEventView, SessionSummary } from '@switchboard/contracts';
import { isVisibleToEndUser, type SessionEvent, type SessionState } from '@switchboard/domain';
import type { ViewerPage } from './history-pages';

export type Viewer = 'endUser' | 'agent' | 'admin';

/**
 * An event as a viewer may see it, or undefined when it may not (R13: side
 * notes never reach end users). End users see no command ids (they name
 * other people's commands) and no remote-control console link.
 */
export function eventFor(viewer: Viewer, event: SessionEvent): SessionEventView | undefined {
  if (viewer !== 'endUser') return { ...event };
  if (!isVisibleToEndUser(event)) return undefined;
  if (event.type === 'RemoteControlRequested') {
    const { commandId: _commandId, url: _url, deviceId: _deviceId, ...withoutLink } = event;
    return withoutLink;
  }
  const { commandId: _commandId, ...rest } = event;
  return rest;
}

export function eventsFor(viewer: Viewer, events: readonly SessionEvent[]): SessionEventView[] {
  return events.map((e) => eventFor(viewer, e)).filter((e): e is SessionEventView => e !== undefined);
}

export function summaryOf(state: SessionState): SessionSummary {
  return {
    sessionId: state.sessionId,
    version: state.version,
    status: state.status,
    queue: state.queue,
    companyId: state.companyId,
    endUserId: state.endUserId,
    ...(state.ownerAgentId === undefined ? {} : { ownerAgentId: state.ownerAgentId }),
    ...(state.transferTargetAgentId === undefined ? {} : { transferTargetAgentId: state.transferTargetAgentId }),
    ...(state.queuedAt === undefined ? {} : { queuedAt: state.queuedAt }),
    cancelledByUser: state.cancelledByUser,
    userLeft: state.userLeft,
    ...participantsOf(state),
  };
}

/** Issue 16 (ADR 24): who is in the chat besides its owner, and who is invited (agents only: `forEndUser` strips invitations). */
function participantsOf(session: Pick<SessionSummary, 'guests' | 'invites'>): Pick<SessionSummary, 'guests' | 'invites'> {
  return {
    ...(session.guests?.length ? { guests: session.guests.map((g) => ({ ...g })) } : {}),
    ...(session.invites?.length ? { invites: session.invites.map((i) => ({ ...i })) } : {}),
  };
}

/** The summary as the end user may see it: no priority (issue 15), no invitations and their notes, no help flag (issue 16). */
export function summaryForEndUser<S extends Partial<SessionSummary>>(session: S): Omit<S, 'priority' | 'invites' | 'helpFlag'> {
  const { priority: _priority, invites: _invites, helpFlag: _helpFlag, ...rest } = session;
  return rest;
}

/** The summary carried by a chat event, in the client's shape. */
export function summaryOfMessage(session: ChatEventMessage['session']): SessionSummary {
  return {
    sessionId: session.sessionId,
    version: session.version,
    status: session.status as SessionSummary['status'],
    queue: session.queue,
    companyId: session.companyId,
    endUserId: session.endUserId,
    ...(session.ownerAgentId === undefined ? {} : { ownerAgentId: session.ownerAgentId }),
    ...(session.transferTargetAgentId === undefined ? {} : { transferTargetAgentId: session.transferTargetAgentId }),
    ...(session.queuedAt === undefined ? {} : { queuedAt: session.queuedAt }),
    cancelledByUser: session.cancelledByUser,
    userLeft: session.userLeft,
    // Issue 15: agents' lists show it and order the Queue tab by it (never sent to end users).
    ...(session.priority ? { priority: session.priority } : {}),
    ...participantsOf(session),
    // Issue 16: agents see whether the chat's help flag is up (never sent to end users).
    ...(session.helpFlag ? { helpFlag: { agentId: session.helpFlag.agentId, raisedAt: session.helpFlag.raisedAt } } : {}),
  };
}

/**
 * The session with the most recent page of its history as `viewer` may see
 * it (R13), and the name of the agent who owns it (R3.2) when known.
 */
export function detailFor(viewer: Viewer, state: SessionState, page: ViewerPage): SessionDetail {
  const ownerName = state.ownerAgentId === undefined ? undefined : state.agentNames?.find((a) => a.id === state.ownerAgentId)?.name;
  return {
    ...(viewer === 'endUser' ? summaryForEndUser(summaryOf(state)) : summaryOf(state)),
    description: state.description,
    ...(state.topic === undefined ? {} : { topic: state.topic }),
    ...(state.endUserName === undefined ? {} : { endUserName: state.endUserName }),
    ...(ownerName === undefined ? {} : { ownerAgentName: ownerName }),
    createdAt: state.createdAt,
    ...(state.ticket === undefined ? {} : { ticket: { ...state.ticket } }),
    history: page.events,
    hasOlder: page.hasOlder,
  };
}

export function listItemOf(state: SessionState): ListItem {
  return {
    ...summaryOf(state),
    ...(state.priority ? { priority: state.priority } : {}),
    ...(state.endUserName === undefined ? {} : { endUserName: state.endUserName }),
    description: state.description,
    ...(state.topic === undefined ? {} : { topic: state.topic }),
    createdAt: state.createdAt,
  };
}
