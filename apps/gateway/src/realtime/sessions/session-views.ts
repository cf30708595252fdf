import type { ChatEventMessage, ListItem, SessionDetail, SessionEventView, SessionSummary } from '@switchboard/contracts';
import { isVisibleToEndUser, type SessionEvent, type SessionState } from '@switchboard/domain';

export type Viewer = 'endUser' | 'agent' | 'admin';

/**
 * An event as a viewer may see it, or undefined when it may not (R13: side
 * notes never reach end users). End users see no command ids (they name
 * other people's commands) and no remote-control console link.
 */
export function eventFor(viewer: Viewer, event: SessionEvent | SessionEventView): SessionEventView | undefined {
  if (viewer !== 'endUser') return event as SessionEventView;
  if (!isVisibleToEndUser(event as SessionEvent)) return undefined;
  const { commandId: _commandId, ...rest } = event as SessionEvent;
  if (rest.type === 'RemoteControlRequested') {
    const { url: _url, deviceId: _deviceId, ...withoutLink } = rest;
    return withoutLink as unknown as SessionEventView;
  }
  return rest as unknown as SessionEventView;
}

export function eventsFor(viewer: Viewer, events: readonly (SessionEvent | SessionEventView)[]): SessionEventView[] {
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
  };
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
  };
}

export function detailFor(viewer: Viewer, state: SessionState): SessionDetail {
  return {
    ...summaryOf(state),
    description: state.description,
    ...(state.topic === undefined ? {} : { topic: state.topic }),
    ...(state.endUserName === undefined ? {} : { endUserName: state.endUserName }),
    createdAt: state.createdAt,
    ...(state.ticket === undefined ? {} : { ticket: { ...state.ticket } }),
    history: eventsFor(viewer, state.history),
  };
}

export function listItemOf(state: SessionState): ListItem {
  return {
    ...summaryOf(state),
    ...(state.endUserName === undefined ? {} : { endUserName: state.endUserName }),
    description: state.description,
    ...(state.topic === undefined ? {} : { topic: state.topic }),
    createdAt: state.createdAt,
  };
}
