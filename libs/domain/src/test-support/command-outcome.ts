import type { SessionEvent } from '../session/events';

/**
 * Tests' stand-in for the chat actor's lookup of a command's first outcome
 * (A3: its session's recent commands, then the commit of that command id):
 * the events a command produced, if it is in this event log; undefined if
 * not. Relies on each event carrying its commandId, and on one command's
 * events being contiguous (decide emits them together, and the actor stores
 * them in one commit).
 */
export function findCommandOutcome(log: readonly SessionEvent[], commandId: string): SessionEvent[] | undefined {
  // Search from the end: retries are almost always of a recent command.
  for (let i = log.length - 1; i >= 0; i--) {
    if (log[i]!.commandId !== commandId) continue;
    let first = i;
    while (first > 0 && log[first - 1]!.commandId === commandId) first--;
    return log.slice(first, i + 1);
  }
  return undefined;
}
