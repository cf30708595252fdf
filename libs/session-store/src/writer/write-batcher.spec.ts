import { WriteBatcher, type WriteResult } from './write-batcher';

describe('write batcher (group commit)', () => {
  it('A2 batched writes: inserts asked for together go in one bulk write, each with its own result', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number>(async (docs) => {
      writes.push(docs);
      return docs.map((d): WriteResult => (d % 2 === 0 ? { ok: true } : { ok: false, error: `dup ${d}` }));
    });
    const results = await Promise.all([1, 2, 3, 4].map((d) => batcher.write(d)));
    expect(writes).toEqual([[1, 2, 3, 4]]);
    expect(results).toEqual([{ ok: false, error: 'dup 1' }, { ok: true }, { ok: false, error: 'dup 3' }, { ok: true }]);
  });

  it('A2 batched writes: inserts arriving while a write is in flight go together in the next one', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const batcher = new WriteBatcher<number>(async (docs) => {
      writes.push(docs);
      if (writes.length === 1) await firstWrite;
      return docs.map(() => ({ ok: true }));
    });
    const first = batcher.write(1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4].map((d) => batcher.write(d));
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('A2 batched writes: a failed bulk write refuses each of its documents, and the next batch is written', async () => {
    let calls = 0;
    const batcher = new WriteBatcher<number>(async (docs) => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return docs.map(() => ({ ok: true }));
    });
    const failed = await Promise.all([batcher.write(1), batcher.write(2)]);
    expect(failed.every((r) => !r.ok)).toBe(true);
    expect(await batcher.write(3)).toEqual({ ok: true });
  });

  it('A2 batched writes: no batch is larger than its maximum', async () => {
    const sizes: number[] = [];
    const batcher = new WriteBatcher<number>(async (docs) => {
      sizes.push(docs.length);
      return docs.map(() => ({ ok: true }));
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.write(i)));
    expect(sizes).toEqual([3, 3, 2]);
  });

  it('A2 batched writes: with room for two writes in flight, a document arriving during a write goes out at once', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const batcher = new WriteBatcher<number>(
      async (docs) => {
        writes.push(docs);
        if (writes.length === 1) await firstWrite;
        return docs.map(() => ({ ok: true }));
      },
      256,
      2,
    );
    const first = batcher.write(1);
    await new Promise((r) => setImmediate(r));
    const second = await batcher.write(2);
    expect(second).toEqual({ ok: true });
    expect(writes).toEqual([[1], [2]]);
    release();
    expect(await first).toEqual({ ok: true });
  });
});
