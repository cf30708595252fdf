import type { ChatReceipts, ReceiptMark, ReceiptSide } from '@switchboard/contracts';
import { domainError, type DomainError } from '../errors/domain-error';

/**
 * Issue 17, receipts (ADR 19): per side of a chat, two high-water marks over
 * the session's seq. Each only grows, so merging is a max per mark:
 * idempotent, commutative and associative. Duplicates, reorderings and
 * replays after a reconnect change nothing, and any two copies that saw the
 * same marks (in any order) are equal.
 */

export const NO_RECEIPTS: ChatReceipts = { endUser: { delivered: 0, seen: 0 }, agent: { delivered: 0, seen: 0 } };

/** The greater of each mark; `seen` implies `delivered` (what was on screen has arrived). */
export function mergeMark(a: ReceiptMark, b: Partial<ReceiptMark>): ReceiptMark {
  const seen = Math.max(a.seen, b.seen ?? 0);
  return { delivered: Math.max(a.delivered, b.delivered ?? 0, seen), seen };
}

export function mergeReceipts(a: ChatReceipts, b: ChatReceipts): ChatReceipts {
  return { endUser: mergeMark(a.endUser, b.endUser), agent: mergeMark(a.agent, b.agent) };
}

/** Which side of a chat a receipt or typing of this principal speaks for; undefined when it is on neither side. */
export function receiptSideOf(
  principal: { readonly role: string; readonly id: string },
  session: { readonly endUserId: string; readonly ownerAgentId?: string },
): ReceiptSide | undefined {
  if (principal.role === 'endUser' && session.endUserId === principal.id) return 'endUser';
  if (principal.role === 'agent' && session.ownerAgentId === principal.id) return 'agent';
  return undefined;
}

/**
 * A side's new marks, checked: at least one mark, none beyond the session's
 * latest seq (`lastSeq`: nobody can have an event that does not exist yet).
 */
export function receiptProblem(mark: Partial<ReceiptMark>, lastSeq: number): DomainError | undefined {
  if (mark.delivered === undefined && mark.seen === undefined) {
    return domainError('VALIDATION', 'A receipt names delivered or seen (or both).', { field: 'delivered' });
  }
  for (const field of ['delivered', 'seen'] as const) {
    const value = mark[field];
    if (value !== undefined && value > lastSeq) {
      return domainError('VALIDATION', `${field} ${value} is beyond the chat's latest event (${lastSeq}).`, { field, lastSeq });
    }
  }
  return undefined;
}
