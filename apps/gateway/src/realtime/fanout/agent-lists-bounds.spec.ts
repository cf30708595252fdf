import { AGENT_LIST_MAX_ITEMS, LIST_DESCRIPTION_PREVIEW, LISTS_FRAME_MAX_BYTES, type ListItem } from '@switchboard/contracts';
import { boundedLists, descriptionPreview, listChanges, signatureOf } from './agent-lists';

const row = (n: number, over: Partial<ListItem> = {}): ListItem => ({
  sessionId: `s${n}`, version: 1, status: 'QUEUED', queue: 'Network', companyId: 'acme', endUserId: `u${n}`, cancelledByUser: false, userLeft: false, ...over,
});
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify({ type: 'lists.snapshot', ...(value as object) }));

describe('bounded agent lists (issue 12)', () => {
  it('issue 12: each list carries at most AGENT_LIST_MAX_ITEMS rows from the oldest, with totals and truncated', () => {
    const queue = Array.from({ length: 250 }, (_, i) => row(i));
    const { lists, shown } = boundedLists({ queue, transferred: [row(1000)], myChats: [] });
    expect(lists.queue).toHaveLength(AGENT_LIST_MAX_ITEMS);
    expect(lists.queue[0]!.sessionId).toBe('s0');
    expect(lists.totals).toEqual({ queue: 250, transferred: 1, myChats: 0 });
    expect(lists.truncated).toBe(true);
    expect(shown.size).toBe(AGENT_LIST_MAX_ITEMS + 1);
    const rest = boundedLists({ queue, transferred: [row(1000)], myChats: [] }, 200).lists;
    expect([rest.queue.length, rest.queue[0]!.sessionId, rest.transferred.length, rest.truncated]).toEqual([50, 's200', 0, false]);
    expect(boundedLists({ queue: queue.slice(0, 3), transferred: [], myChats: [] }).lists.truncated).toBe(false);
  });

  it('issue 12: rows of the largest size still fit LISTS_FRAME_MAX_BYTES: the longest list gives up rows', () => {
    // Every text at its limit, in 3-byte characters: ids of 128, a name of 200, a preview description.
    const big = (n: number, list: string): ListItem =>
      row(n, {
        sessionId: `${list}-${n}`,
        queue: '€'.repeat(128),
        companyId: '€'.repeat(128),
        endUserId: '€'.repeat(128),
        ownerAgentId: '€'.repeat(128),
        topic: '€'.repeat(128),
        endUserName: '€'.repeat(200),
        description: descriptionPreview('€'.repeat(4000)),
      });
    const all = { queue: Array.from({ length: 300 }, (_, i) => big(i, 'q')), transferred: Array.from({ length: 300 }, (_, i) => big(i, 't')), myChats: Array.from({ length: 300 }, (_, i) => big(i, 'm')) };
    const { lists } = boundedLists(all);
    expect(bytesOf(lists)).toBeLessThanOrEqual(LISTS_FRAME_MAX_BYTES);
    expect(lists.truncated).toBe(true);
    // Left out evenly: no list is emptied for another.
    const lengths = [lists.queue.length, lists.transferred.length, lists.myChats.length];
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    expect(Math.min(...lengths)).toBeGreaterThan(10);
  });

  it('issue 12: a description preview is at most LIST_DESCRIPTION_PREVIEW characters, one line, never half a surrogate pair', () => {
    expect(descriptionPreview('short')).toBe('short');
    expect(descriptionPreview('line one\nline two\t!')).toBe('line one line two !');
    const cut = descriptionPreview('x'.repeat(4000));
    expect(cut).toHaveLength(LIST_DESCRIPTION_PREVIEW);
    expect(cut.endsWith('…')).toBe(true);
    const emoji = descriptionPreview('a' + '😀'.repeat(2000));
    expect(emoji.length).toBeLessThanOrEqual(LIST_DESCRIPTION_PREVIEW);
    expect(Buffer.from(emoji, 'utf8').toString('utf8')).toBe(emoji);
    expect(emoji).not.toContain('\uFFFD');
  });

  it('issue 12: a session left out of the snapshot is told only when it leaves its list', () => {
    const queued = row(1);
    const held = { list: 'queue' as const, version: 1, signature: signatureOf(queued) };
    expect(listChanges('s1', held, 'queue', row(1, { version: 2, userLeft: true }), 2, true)).toEqual([]);
    expect(listChanges('s1', held, undefined, undefined, 3, true)).toEqual([{ op: 'remove', list: 'queue', sessionId: 's1', version: 3 }]);
    const mine = row(1, { version: 3, status: 'ASSIGNED', ownerAgentId: 'a1' });
    expect(listChanges('s1', held, 'myChats', mine, 3, true)).toEqual([
      { op: 'remove', list: 'queue', sessionId: 's1', version: 3 },
      { op: 'upsert', list: 'myChats', item: mine },
    ]);
  });
});
