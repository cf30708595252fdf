import type { SessionEventView } from '@switchboard/contracts';
import { mergeBySeq, oldestSeq, withRecentPage } from './history-window';

const e = (seq: number, text = `m${seq}`): SessionEventView => ({ seq, type: 'MessagePosted', at: '2026-11-29T10:00:00.000Z', sessionId: 's', text });
const seqs = (events: readonly SessionEventView[]) => events.map((x) => x.seq);

describe('history window', () => {
  it('merges pages and live events: each seq once, in order, the later copy wins', () => {
    const merged = mergeBySeq([e(3), e(4)], [e(1), e(2), e(4, 'again')]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4]);
    expect(merged[3]).toMatchObject({ text: 'again' });
  });

  it('a recent page drops what was held below it (a hole), keeps what was pushed above it', () => {
    expect(seqs(withRecentPage([e(1), e(2), e(140), e(151)], [e(101), e(150)]))).toEqual([101, 140, 150, 151]);
    expect(seqs(withRecentPage([e(5)], []))).toEqual([5]);
  });

  it('older pages are asked before the first held seq', () => {
    expect(oldestSeq([e(51), e(52)])).toBe(51);
    expect(oldestSeq([])).toBeUndefined();
  });
});
