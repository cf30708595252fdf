import type { SessionEvent } from './events';
import type { HistoryEntry } from './state';

export type HistoryEntryKind = 'message' | 'sideNote' | 'system';

export function historyEntryKind(entry: HistoryEntry): HistoryEntryKind {
  if (entry.type === 'MessagePosted') return 'message';
  if (entry.type === 'SideNoteAdded') return 'sideNote';
  return 'system';
}

/** Side notes are for agents only (R13); everything else may reach the end user. */
export function isVisibleToEndUser(event: SessionEvent): boolean {
  return event.type !== 'SideNoteAdded';
}

/**
 * The end user's view of the history (R13): messages and system events, never
 * side notes. Sequence numbers are kept, so the view has gaps where side notes
 * were; clients order by seq, they do not count on contiguity.
 */
export function endUserHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  return history.filter(isVisibleToEndUser);
}

/** The agent's view (R3.3): the whole history, side notes of earlier agents included. */
export function agentHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  return [...history];
}

/** Entries of a page after a given seq, for clients catching up after a reconnect. */
export function historySince(page: readonly HistoryEntry[], afterSeq: number): HistoryEntry[] {
  return page.filter((e) => e.seq > afterSeq);
}
