import type { SessionEvent } from './events';
import type { SessionState } from './state';

/**
 * The events a command produced, if it was applied to this session; undefined
 * if not. Relies on the history carrying each event's commandId, and on one
 * command's events being contiguous (decide emits them together, and the actor
 * applies them in one conditional write).
 */
export function findCommandOutcome(state: SessionState | undefined, commandId: string): SessionEvent[] | undefined {
  if (state === undefined) return undefined;
  const h = state.history;
  // Search from the end: retries are almost always of a recent command.
  for (let i = h.length - 1; i >= 0; i--) {
    if (h[i]!.commandId !== commandId) continue;
    let first = i;
    while (first > 0 && h[first - 1]!.commandId === commandId) first--;
    return h.slice(first, i + 1);
  }
  return undefined;
}
