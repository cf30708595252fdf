import type { ChaosEvent, CommandRecord, Violation } from './evidence';

/**
 * Refusals that say the command was not applied (the domain's typed
 * answers). TIMEOUT, UNAVAILABLE and the like say nothing either way and
 * are not listed.
 */
export const DEFINITE_REFUSALS: ReadonlySet<string> = new Set([
  'ALREADY_TAKEN',
  'NOT_OWNER',
  'NOT_TRANSFER_TARGET',
  'SESSION_CLOSED',
  'SESSION_NOT_FOUND',
  'MANUAL_ACCEPT_DISABLED',
  'INVALID_STATE',
  'USER_CANCELLED',
  'TRANSFER_TARGET_NOT_ELIGIBLE',
  'QUEUE_TRANSFER_DISABLED',
  'QUEUE_NOT_FOUND',
  'AGENT_UNAVAILABLE',
  'FORBIDDEN',
  'VALIDATION',
]);

/**
 * A5: every acknowledged command is in the event stream and in the
 * database (its events carry its command id); a start answered as a
 * repeat names a session that exists in both. And the converse for typed
 * refusals: a command refused with a definite answer left no event.
 */
export function checkAcknowledged(commands: readonly CommandRecord[], streamEvents: readonly ChaosEvent[], storedEvents: readonly ChaosEvent[]): Violation[] {
  const violations: Violation[] = [];
  const inStream = new Set(streamEvents.map((e) => e.commandId));
  const inStore = new Set(storedEvents.map((e) => e.commandId));
  const streamSessions = new Set(streamEvents.map((e) => e.sessionId));
  const storedSessions = new Set(storedEvents.map((e) => e.sessionId));
  for (const c of commands) {
    const what = `${c.type} ${c.commandId} by ${c.principal.role} ${c.principal.id}${c.sessionId ? ` on ${c.sessionId}` : ''}`;
    if (c.outcome === 'ok') {
      if (c.type === 'session.start' && c.duplicate) {
        // R1.2: the open session was returned; this request id made no event of its own.
        if (!c.sessionId || !streamSessions.has(c.sessionId)) violations.push({ check: 'acknowledged-missing', message: `${what}: the session it returned is not in the stream` });
        if (!c.sessionId || !storedSessions.has(c.sessionId)) violations.push({ check: 'acknowledged-missing', message: `${what}: the session it returned is not in the database` });
        continue;
      }
      if (!inStream.has(c.commandId)) violations.push({ check: 'acknowledged-missing', message: `acknowledged ${what} is not in the event stream` });
      if (!inStore.has(c.commandId)) violations.push({ check: 'acknowledged-missing', message: `acknowledged ${what} is not in the database` });
    } else if (c.outcome === 'refused' && c.code !== undefined && DEFINITE_REFUSALS.has(c.code)) {
      if (inStream.has(c.commandId) || inStore.has(c.commandId)) {
        violations.push({ check: 'refused-applied', message: `${what} was refused with ${c.code}, yet its events are ${inStream.has(c.commandId) ? 'in the stream' : 'in the database'}` });
      }
    }
  }
  return violations;
}
