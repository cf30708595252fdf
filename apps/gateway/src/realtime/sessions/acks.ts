import type { CommandAck } from '@switchboard/contracts';
import type { CommandOutcome } from './chat-commands.service';
import { eventsFor, type Viewer } from './session-views';

/** What a session command answers: the seq after it and its events as the viewer may see them (R13). */
export function ackOf(result: CommandOutcome, viewer: Viewer): CommandAck {
  return { sessionId: result.sessionId, seq: result.version, duplicate: result.duplicate, events: eventsFor(viewer, result.events) };
}
