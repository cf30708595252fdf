import type { SessionEventView } from '@switchboard/contracts';

/**
 * What a screen holds of a session's history: a window of its events, each
 * once and in seq order, from the oldest page loaded to the newest event.
 * Older pages are added below (`session.history` with `beforeSeq` = the
 * first held seq); live events and resumes add above.
 */

/** `held` and `more` together, each seq once (the later copy wins), sorted by seq. */
export function mergeBySeq(held: readonly SessionEventView[], more: readonly SessionEventView[]): SessionEventView[] {
  if (more.length === 0) return [...held];
  const bySeq = new Map(held.map((e) => [e.seq, e]));
  for (const e of more) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * A recent page as the new base of the window: what was held below its
 * first event is dropped (it would not join up with the page: the events
 * between are not held), what was held above it is kept (pushed meanwhile).
 */
export function withRecentPage(held: readonly SessionEventView[], page: readonly SessionEventView[]): SessionEventView[] {
  const first = page[0]?.seq;
  if (first === undefined) return [...held];
  return mergeBySeq(
    held.filter((e) => e.seq >= first),
    page,
  );
}

/** The seq to ask older events before: the first held one (undefined: nothing held yet). */
export function oldestSeq(held: readonly SessionEventView[]): number | undefined {
  return held[0]?.seq;
}
