import { TYPING_THROTTLE_MS, type ChatReceipts, type ReceiptMark, type ReceiptSide } from '@switchboard/contracts';
import { mergeReceipts, NO_RECEIPTS } from '@switchboard/domain';

/**
 * How long a client gathers its receipts of a chat before it sends them: a
 * burst of events (a resume, a busy chat) costs one frame, not one each, of
 * the connection's frame budget (20 per second).
 */
export const RECEIPT_COALESCE_MS = 250;

/** Chats whose receipts a client keeps at once; past it the least recently touched is forgotten (read again on its next resume). */
export const RECEIPT_SESSIONS_MAX = 200;

interface Held {
  receipts: ChatReceipts;
  /** This client's side of the chat; undefined while it is on neither (an agent previewing, an administrator). */
  side?: ReceiptSide;
  /** The greatest marks this client reached, and the greatest it sent. */
  want: ReceiptMark;
  sent: ReceiptMark;
  flushing?: ReturnType<typeof setTimeout>;
  typingAt: number;
}

export interface ReceiptIo {
  send(sessionId: string, mark: Partial<ReceiptMark>): Promise<{ ok: true; data: { receipts: ChatReceipts } } | { ok: false; error: { code: string } }>;
  typing(sessionId: string): void;
  /** The receipts of a chat changed (merged: only ever greater). */
  changed(sessionId: string, receipts: ChatReceipts): void;
  now(): number;
}

/**
 * Issue 17, a client's receipts (ADR 19): what its side reached of each chat
 * (`delivered` when events arrive, `seen` when the screen shows them), sent
 * at most once per RECEIPT_COALESCE_MS per chat and only when greater than what was sent;
 * and the receipts both sides reached, merged by max from replies, pushed
 * frames and resumes, so every client converges on what the store holds.
 * A receipt lost with a dropped socket is sent again after the resume that
 * follows (the stored marks are then lower than this client's).
 */
export class ReceiptTracker {
  private readonly held = new Map<string, Held>();

  constructor(private readonly io: ReceiptIo) {}

  /** This client's side of a chat (from the session summary it holds). */
  side(sessionId: string, side: ReceiptSide | undefined): void {
    // A side once known is kept when the summary names none: the agent who ended a chat is still its agent side.
    if (side) this.entry(sessionId).side = side;
  }

  delivered(sessionId: string, seq: number): void {
    const h = this.entry(sessionId);
    if (seq <= h.want.delivered) return;
    h.want = { ...h.want, delivered: seq };
    this.schedule(sessionId, h);
  }

  seen(sessionId: string, seq: number): void {
    const h = this.entry(sessionId);
    if (seq <= h.want.seen) return;
    h.want = { delivered: Math.max(h.want.delivered, seq), seen: seq };
    this.schedule(sessionId, h);
  }

  /** Receipts from the gateway (a reply, a `session.receipts` frame, a resume). */
  merge(sessionId: string, receipts: ChatReceipts, options: { resumed?: boolean } = {}): void {
    const h = this.entry(sessionId);
    const merged = mergeReceipts(h.receipts, receipts);
    const changed = JSON.stringify(merged) !== JSON.stringify(h.receipts);
    h.receipts = merged;
    if (options.resumed && h.side) {
      // What the store holds of this side is what arrived: send again whatever went further.
      h.sent = { ...receipts[h.side] };
      this.schedule(sessionId, h);
    }
    if (changed) this.io.changed(sessionId, merged);
  }

  receipts(sessionId: string): ChatReceipts {
    return this.held.get(sessionId)?.receipts ?? NO_RECEIPTS;
  }

  /** The user types: at most one `session.typing` per TYPING_THROTTLE_MS per chat. True when one went out. */
  typing(sessionId: string): boolean {
    const h = this.entry(sessionId);
    if (!h.side) return false;
    const now = this.io.now();
    if (now - h.typingAt < TYPING_THROTTLE_MS) return false;
    h.typingAt = now;
    this.io.typing(sessionId);
    return true;
  }

  forget(sessionId: string): void {
    const h = this.held.get(sessionId);
    if (h?.flushing) clearTimeout(h.flushing);
    this.held.delete(sessionId);
  }

  private entry(sessionId: string): Held {
    let h = this.held.get(sessionId);
    if (h) {
      // Most recently touched last: the first is the one to forget.
      this.held.delete(sessionId);
      this.held.set(sessionId, h);
      return h;
    }
    h = { receipts: NO_RECEIPTS, want: { delivered: 0, seen: 0 }, sent: { delivered: 0, seen: 0 }, typingAt: Number.NEGATIVE_INFINITY };
    this.held.set(sessionId, h);
    while (this.held.size > RECEIPT_SESSIONS_MAX) this.forget(this.held.keys().next().value!);
    return h;
  }

  private schedule(sessionId: string, h: Held): void {
    if (h.flushing || !h.side) return;
    h.flushing = setTimeout(() => {
      h.flushing = undefined;
      void this.flush(sessionId, h);
    }, RECEIPT_COALESCE_MS);
  }

  private async flush(sessionId: string, h: Held): Promise<void> {
    if (this.held.get(sessionId) !== h || !h.side) return;
    const mark: Partial<ReceiptMark> = {};
    if (h.want.delivered > h.sent.delivered) mark.delivered = h.want.delivered;
    if (h.want.seen > h.sent.seen) mark.seen = h.want.seen;
    if (mark.delivered === undefined && mark.seen === undefined) return;
    const before = h.sent;
    h.sent = { delivered: Math.max(h.sent.delivered, mark.delivered ?? 0), seen: Math.max(h.sent.seen, mark.seen ?? 0) };
    const result = await this.io.send(sessionId, mark);
    if (result.ok) this.merge(sessionId, result.data.receipts);
    // Not taken (the connection dropped, a timeout): the next resume sends it again.
    else h.sent = before;
  }
}

/** What a line of one side shows: sent (stored), delivered (the other side's client has it), seen (it was on their screen). */
export type MessageReceipt = 'sent' | 'delivered' | 'seen';

/** The mark of the line at `seq`, by the other side's receipts. */
export function receiptOf(seq: number, other: ReceiptMark | undefined): MessageReceipt {
  if (other && other.seen >= seq) return 'seen';
  if (other && other.delivered >= seq) return 'delivered';
  return 'sent';
}

export const RECEIPT_LABELS: Readonly<Record<MessageReceipt, string>> = { sent: 'Sent', delivered: 'Delivered', seen: 'Seen' };
