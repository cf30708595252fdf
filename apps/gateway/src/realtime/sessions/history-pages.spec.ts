import type { SessionEvent } from '@switchboard/domain';
import { HistoryPages, type HistorySource } from './history-pages';

const at = '2026-11-29T10:00:00.000Z';
const sessionId = 'ab-0123456789';
const by = { role: 'agent' as const, id: 'alice' };

/** A session log: `kinds[i]` is the event of seq i + 1 ('m' message, 'n' side note). */
function logOf(kinds: string): SessionEvent[] {
  return [...kinds].map((kind, i): SessionEvent => {
    const seq = i + 1;
    const base = { seq, at, sessionId, commandId: `c.${seq}`, by };
    if (kind === 'n') return { ...base, type: 'SideNoteAdded', authorId: 'alice', authorName: 'Alice', text: `note ${seq}` };
    return { ...base, type: 'MessagePosted', from: 'agent', authorId: 'alice', text: `message ${seq}` };
  });
}

/** The session store's contract: events before beforeSeq, the newest `limit`, oldest first. */
function sourceOf(log: SessionEvent[]) {
  const reads: Array<{ beforeSeq?: number; limit: number }> = [];
  const source: HistorySource = {
    async history(_id, page) {
      reads.push(page);
      const below = log.filter((e) => page.beforeSeq === undefined || e.seq < page.beforeSeq);
      const events = below.slice(Math.max(0, below.length - page.limit));
      return { events, hasOlder: below.length > events.length };
    },
  };
  return { source, reads };
}

const seqs = (page: { events: Array<{ seq: number }> }) => page.events.map((e) => e.seq);

describe('history pages', () => {
  it('R13 an agent pages back to the start: each page oldest first, hasOlder until the first event', async () => {
    const { source } = sourceOf(logOf('mmmmmnmmmm'));
    const pages = new HistoryPages(source);
    const newest = await pages.page('agent', sessionId, { limit: 4 });
    expect([seqs(newest), newest.hasOlder]).toEqual([[7, 8, 9, 10], true]);
    const middle = await pages.page('agent', sessionId, { beforeSeq: 7, limit: 4 });
    expect([seqs(middle), middle.hasOlder]).toEqual([[3, 4, 5, 6], true]);
    const first = await pages.page('agent', sessionId, { beforeSeq: 3, limit: 4 });
    expect([seqs(first), first.hasOlder]).toEqual([[1, 2], false]);
    expect(middle.events.find((e) => e.type === 'SideNoteAdded')).toMatchObject({ seq: 6, commandId: 'c.6' });
  });

  it('R13 end users: side notes are skipped and the page is still full; no command ids', async () => {
    const { source } = sourceOf(logOf('mmnnnmnnm'));
    const pages = new HistoryPages(source);
    const newest = await pages.page('endUser', sessionId, { limit: 2 });
    expect([seqs(newest), newest.hasOlder]).toEqual([[6, 9], true]);
    const older = await pages.page('endUser', sessionId, { beforeSeq: 6, limit: 2 });
    expect([seqs(older), older.hasOlder]).toEqual([[1, 2], false]);
    expect(newest.events.every((e) => e.type === 'MessagePosted' && !('commandId' in e))).toBe(true);
  });

  it('R13 hasOlder says whether an older event the viewer may see exists: side notes alone do not count', async () => {
    // (A real log starts with SessionStarted, which end users see; the pager answers exactly anyway.)
    const { source } = sourceOf(logOf('nnnm'));
    const page = await new HistoryPages(source).page('endUser', sessionId, { limit: 1 });
    expect([seqs(page), page.hasOlder]).toEqual([[4], false]);
  });

  it('R12 after afterSeq: at most limit of the newest, hasOlder when more were missed', async () => {
    const { source } = sourceOf(logOf('mmmmmmmmmm'));
    const pages = new HistoryPages(source);
    const all = await pages.page('agent', sessionId, { beforeSeq: 11, afterSeq: 7, limit: 5 });
    expect([seqs(all), all.hasOlder]).toEqual([[8, 9, 10], false]);
    const bounded = await pages.page('agent', sessionId, { beforeSeq: 11, afterSeq: 2, limit: 5 });
    expect([seqs(bounded), bounded.hasOlder]).toEqual([[6, 7, 8, 9, 10], true]);
    const exact = await pages.page('agent', sessionId, { beforeSeq: 11, afterSeq: 5, limit: 5 });
    expect([seqs(exact), exact.hasOlder]).toEqual([[6, 7, 8, 9, 10], false]);
    const nothing = await pages.page('agent', sessionId, { beforeSeq: 11, afterSeq: 10, limit: 5 });
    expect([seqs(nothing), nothing.hasOlder]).toEqual([[], false]);
  });

  it('reads bounded pages only: never more than HISTORY_PAGE_MAX events at a time, never below afterSeq', async () => {
    const { source, reads } = sourceOf(logOf('m'.repeat(500)));
    const pages = new HistoryPages(source);
    await pages.page('agent', sessionId, { beforeSeq: 501, limit: 100 });
    await pages.page('agent', sessionId, { beforeSeq: 501, afterSeq: 495, limit: 100 });
    await pages.page('agent', sessionId, { limit: 1000 });
    await pages.page('endUser', sessionId, { beforeSeq: 501, limit: 100 });
    expect(reads).toEqual([
      { beforeSeq: 501, limit: 100 },
      { beforeSeq: 501, limit: 5 },
      { limit: 100 },
      // End users: one more than asked says whether older ones exist; no read is over the page maximum.
      { beforeSeq: 501, limit: 100 },
      { beforeSeq: 401, limit: 1 },
    ]);
  });
});
