import type { ChatCommandResult, CommandAck, SessionEventView } from '@switchboard/contracts';
import { eventsFor, type Viewer } from './session-views';

export function ackOf(result: ChatCommandResult, viewer: Viewer): CommandAck {
  return { sessionId: result.sessionId, seq: result.version, duplicate: result.duplicate, events: eventsFor(viewer, result.events as unknown as SessionEventView[]) };
}
