import fc from 'fast-check';
import type { ChatReceipts } from '@switchboard/contracts';
import { mergeMark, mergeReceipts, NO_RECEIPTS, receiptProblem, receiptSideOf } from './receipts';

const mark = fc.record({ delivered: fc.nat(500), seen: fc.nat(500) }).map((m) => mergeMark({ delivered: 0, seen: 0 }, m));
const receipts = fc.record({ endUser: mark, agent: mark });

describe('receipts (issue 17)', () => {
  it('receipts: a mark only grows; a lower or repeated one changes nothing', () => {
    const m = mergeMark({ delivered: 7, seen: 5 }, { delivered: 3, seen: 2 });
    expect(m).toEqual({ delivered: 7, seen: 5 });
    expect(mergeMark(m, m)).toEqual(m);
    expect(mergeMark(m, { delivered: 9 })).toEqual({ delivered: 9, seen: 5 });
  });

  it('receipts: seen implies delivered', () => {
    expect(mergeMark(NO_RECEIPTS.endUser, { seen: 4 })).toEqual({ delivered: 4, seen: 4 });
  });

  it('receipts: merging in any order, with duplicates, converges on the same marks (max per mark)', () => {
    fc.assert(
      fc.property(fc.array(receipts, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (updates, picks) => {
        const inOrder = updates.reduce(mergeReceipts, NO_RECEIPTS);
        // Another copy: the same updates shuffled, some twice.
        const shuffled: ChatReceipts[] = [...updates].reverse();
        for (const p of picks) if (updates.length > 0) shuffled.push(updates[p % updates.length]!);
        const other = shuffled.reduce(mergeReceipts, NO_RECEIPTS);
        expect(other).toEqual(inOrder);
      }),
    );
  });

  it('receipts: a mark beyond the chat\'s latest seq, or no mark at all, is refused with VALIDATION', () => {
    expect(receiptProblem({ delivered: 11 }, 10)).toMatchObject({ code: 'VALIDATION', details: { field: 'delivered' } });
    expect(receiptProblem({ seen: 11 }, 10)).toMatchObject({ code: 'VALIDATION', details: { field: 'seen' } });
    expect(receiptProblem({}, 10)).toMatchObject({ code: 'VALIDATION' });
    expect(receiptProblem({ delivered: 10, seen: 9 }, 10)).toBeUndefined();
  });

  it('receipts: the end user of the chat and the agent holding it are its two sides; nobody else is', () => {
    const session = { endUserId: 'u1', ownerAgentId: 'a1' };
    expect(receiptSideOf({ role: 'endUser', id: 'u1' }, session)).toBe('endUser');
    expect(receiptSideOf({ role: 'agent', id: 'a1' }, session)).toBe('agent');
    expect(receiptSideOf({ role: 'agent', id: 'a2' }, session)).toBeUndefined();
    expect(receiptSideOf({ role: 'endUser', id: 'u2' }, session)).toBeUndefined();
    expect(receiptSideOf({ role: 'admin', id: 'u1' }, session)).toBeUndefined();
    expect(receiptSideOf({ role: 'agent', id: 'a1' }, { endUserId: 'u1' })).toBeUndefined();
  });
});
