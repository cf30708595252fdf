import type { ChatReceipts, ReceiptMark } from '@switchboard/contracts';
import { RECEIPT_COALESCE_MS, receiptOf, ReceiptTracker, RECEIPT_SESSIONS_MAX } from './receipts';

const S = 'ab-0123456789';
const marks = (endUser: Partial<ReceiptMark>, agent: Partial<ReceiptMark> = {}): ChatReceipts => ({
  endUser: { delivered: 0, seen: 0, ...endUser },
  agent: { delivered: 0, seen: 0, ...agent },
});
/** The time a tracker gathers receipts, passed on the fake clock (and the replies' promises settled). */
const tick = () => jest.advanceTimersByTimeAsync(RECEIPT_COALESCE_MS);

function tracker(answer: (mark: Partial<ReceiptMark>) => ChatReceipts | undefined = (m) => marks({ delivered: m.delivered ?? 0, seen: m.seen ?? 0 })) {
  const sent: Array<Partial<ReceiptMark>> = [];
  const typed: string[] = [];
  const changes: ChatReceipts[] = [];
  let now = 0;
  const t = new ReceiptTracker({
    send: async (_id, mark) => {
      sent.push(mark);
      const r = answer(mark);
      return r ? { ok: true, data: { receipts: r } } : { ok: false, error: { code: 'UNAVAILABLE' } };
    },
    typing: (id) => typed.push(id),
    changed: (_id, r) => changes.push(r),
    now: () => now,
  });
  return { t, sent, typed, changes, advance: (ms: number) => (now += ms) };
}

describe('client receipts (issue 17)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('receipts: delivered and seen go out once per RECEIPT_COALESCE_MS per chat, only when they went further than what was sent', async () => {
    const { t, sent } = tracker();
    t.side(S, 'endUser');
    t.delivered(S, 3);
    t.delivered(S, 5);
    t.seen(S, 4);
    await tick();
    expect(sent).toEqual([{ delivered: 5, seen: 4 }]);
    t.delivered(S, 5);
    t.seen(S, 2);
    await tick();
    expect(sent).toHaveLength(1);
  });

  it('receipts: a burst of events gathered over RECEIPT_COALESCE_MS costs one frame, not one per event', async () => {
    const { t, sent } = tracker();
    t.side(S, 'endUser');
    // 20 events 20 ms apart: the first frame goes RECEIPT_COALESCE_MS after the first event, the second gathers the rest.
    for (let seq = 1; seq <= 20; seq++) {
      t.delivered(S, seq);
      await jest.advanceTimersByTimeAsync(20);
    }
    expect(sent).toEqual([{ delivered: 13 }]);
    await tick();
    expect(sent).toEqual([{ delivered: 13 }, { delivered: 20 }]);
  });

  it('receipts: a client on neither side of the chat (previewing, administrator) sends none', async () => {
    const { t, sent } = tracker();
    t.delivered(S, 3);
    t.seen(S, 3);
    await tick();
    expect(sent).toEqual([]);
  });

  it('receipts: pushed and answered marks are merged by max and told only when they changed', () => {
    const { t, changes } = tracker();
    t.merge(S, marks({ delivered: 4 }, { seen: 2 }));
    t.merge(S, marks({ delivered: 3 }, { seen: 1 }));
    t.merge(S, marks({ delivered: 4 }, { seen: 2 }));
    expect(t.receipts(S)).toEqual(marks({ delivered: 4 }, { delivered: 2, seen: 2 }));
    expect(changes).toHaveLength(1);
  });

  it('receipts: after a resume whose stored marks are lower than this side reached (a receipt lost with the socket), they are sent again', async () => {
    let down = true;
    const { t, sent } = tracker((m) => (down ? undefined : marks({ delivered: m.delivered ?? 0, seen: m.seen ?? 0 })));
    t.side(S, 'endUser');
    t.delivered(S, 7);
    t.seen(S, 7);
    await tick();
    expect(sent).toEqual([{ delivered: 7, seen: 7 }]);
    // The store never got it: the resume says so.
    down = false;
    t.merge(S, marks({ delivered: 5, seen: 2 }), { resumed: true });
    await tick();
    await tick();
    expect(sent.at(-1)).toEqual({ delivered: 7, seen: 7 });
    expect(t.receipts(S).endUser).toEqual({ delivered: 7, seen: 7 });
  });

  it('typing: at most one typing frame per chat every TYPING_THROTTLE_MS, and only from a side of the chat', () => {
    const { t, typed, advance } = tracker();
    expect(t.typing(S)).toBe(false);
    t.side(S, 'agent');
    expect(t.typing(S)).toBe(true);
    advance(1000);
    expect(t.typing(S)).toBe(false);
    advance(1000);
    expect(t.typing(S)).toBe(true);
    expect(typed).toEqual([S, S]);
  });

  it(`receipts: at most ${RECEIPT_SESSIONS_MAX} chats are held; the least recently touched is forgotten`, () => {
    const { t } = tracker();
    for (let i = 0; i <= RECEIPT_SESSIONS_MAX; i++) t.merge(`s-${i}`, marks({ delivered: 1 }));
    expect(t.receipts('s-0')).toEqual(marks({}));
    expect(t.receipts(`s-${RECEIPT_SESSIONS_MAX}`)).toEqual(marks({ delivered: 1 }));
  });

  it('receipts: a line shows seen, delivered or sent by the other side\'s marks', () => {
    expect(receiptOf(5, { delivered: 6, seen: 5 })).toBe('seen');
    expect(receiptOf(6, { delivered: 6, seen: 5 })).toBe('delivered');
    expect(receiptOf(7, { delivered: 6, seen: 5 })).toBe('sent');
    expect(receiptOf(1, undefined)).toBe('sent');
  });
});
