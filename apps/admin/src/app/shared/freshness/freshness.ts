import type { RecordFreshness } from '@switchboard/contracts';

/** What the figures of a records read still miss, in words (the time itself is shown next to it). */
export function freshnessNote(freshness: RecordFreshness): string {
  const missing = freshness.eventsBehind + freshness.recordsBehind;
  if (missing === 0) return 'every chat event counted';
  return missing === 1 ? '1 chat change not counted yet' : `${missing} chat changes not counted yet`;
}
