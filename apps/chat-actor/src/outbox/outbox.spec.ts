import type { OutboxMarks } from '@switchboard/session-store';
import { MAX_ORPHANED_ENTRIES, Outbox } from './outbox';

const NO_MARKS = {} as OutboxMarks;

describe('Outbox: entries of a partition handed to another owner (A5)', () => {
  it('A5 a commit stored but not yet published when its partition moves is still published, by the upkeep, after the move', async () => {
    const outbox = new Outbox(NO_MARKS);
    const published: string[] = [];
    let natsUp = false;
    outbox.track(3, 's1@4', new Date());
    outbox.failed(3, 's1@4', async () => natsUp && (published.push('s1@4'), true));
    outbox.forget(3);
    expect(await outbox.retryOrphans()).toBe(0);
    expect(outbox.orphanCounts()).toEqual({ waiting: 1, dropped: 0 });
    natsUp = true;
    expect(await outbox.retryOrphans()).toBe(1);
    expect(published).toEqual(['s1@4']);
    expect(outbox.orphanCounts()).toEqual({ waiting: 0, dropped: 0 });
  });

  it('A5 a command still in flight when its partition moves keeps its entry: a failed publish afterwards is retried, a done one leaves', async () => {
    const outbox = new Outbox(NO_MARKS);
    outbox.track(1, 'a@1', new Date());
    outbox.track(1, 'b@1', new Date());
    outbox.forget(1);
    // Both finish after the move: one publishes, one fails to.
    outbox.done(1, 'a@1');
    let tries = 0;
    outbox.failed(1, 'b@1', async () => ++tries > 1);
    expect(outbox.orphanCounts().waiting).toBe(1);
    expect(await outbox.retryOrphans()).toBe(0);
    expect(await outbox.retryOrphans()).toBe(1);
    expect(outbox.orphanCounts().waiting).toBe(0);
    // The partition's own entries are gone: the new owner's watermark is not held back by them.
    expect(outbox.size(1)).toBe(0);
  });

  it('A5 a start stored but not published stays in the outbox when its end user sends it again and the repeat stores nothing', async () => {
    const outbox = new Outbox(NO_MARKS);
    const published: string[] = [];
    let natsUp = false;
    outbox.track(2, 'start:s1', new Date(1000));
    outbox.failed(2, 'start:s1', async () => natsUp && (published.push('start:s1'), true));
    // The repeat: tracked before its insert, refused as a duplicate by the store.
    outbox.track(2, 'start:s1', new Date(2000));
    outbox.notStored(2, 'start:s1');
    expect(outbox.size(2)).toBe(1);
    natsUp = true;
    expect(await outbox.retryFailed(2)).toBe(1);
    expect(published).toEqual(['start:s1']);
    expect(outbox.size(2)).toBe(0);
  });

  it('A5 an attempt that stored nothing and has nothing waiting frees its entry', () => {
    const outbox = new Outbox(NO_MARKS);
    outbox.track(2, 's1@3', new Date());
    outbox.notStored(2, 's1@3');
    expect(outbox.size(2)).toBe(0);
  });

  it(`keeps at most ${MAX_ORPHANED_ENTRIES} orphans, giving up the oldest beyond the bound`, () => {
    const outbox = new Outbox(NO_MARKS);
    for (let i = 0; i < MAX_ORPHANED_ENTRIES + 5; i++) outbox.track(i % 7, `s${i}@1`, new Date(i));
    for (let p = 0; p < 7; p++) outbox.forget(p);
    expect(outbox.orphanCounts()).toEqual({ waiting: MAX_ORPHANED_ENTRIES, dropped: 5 });
  });
});
