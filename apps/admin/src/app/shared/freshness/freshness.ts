import type { RecordFreshness } from '@switchboard/contracts';

/** What the figures of a records read still miss, in words (the time itself is shown next to it). */
export function freshnessNote(freshness: RecordFreshness): string {
  const behind = freshness.eventsBehind;
  if (behind === 0) return 'every chat event counted';
  return behind === 1 ? '1 chat event not counted yet' : `${behind} chat events not counted yet`;
}
