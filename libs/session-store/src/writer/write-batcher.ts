/** What one write of a batch came to: done, or the error that refused it (a duplicate key...). */
export type WriteResult = { ok: true } | { ok: false; error: unknown };

/** Writes many at once (one unordered bulk insert or update); one result per write, in order. */
export type WriteMany<T> = (docs: T[]) => Promise<WriteResult[]>;

/**
 * Group commit: writes asked for while a batch is being written wait and
 * go together in the next one, as one unordered bulk write (each document
 * keeps its own unique-id check, so each commit is still fenced on its own,
 * A2). Nothing waits for a timer: an idle batcher writes a lone document at
 * once, and a busy one writes whatever queued up meanwhile, at most
 * `maxBatch` per write, so latency stays one write under load.
 */
export class WriteBatcher<T> {
  private queue: Array<{ doc: T; settle: (result: WriteResult) => void }> = [];
  private writing = false;
  /** Batches written and documents in them, for diagnostics and the benchmark. */
  readonly stats = { batches: 0, documents: 0 };

  constructor(
    private readonly writeMany: WriteMany<T>,
    private readonly maxBatch = 256,
  ) {}

  /** Resolves once the document is stored or refused; never rejects. */
  write(doc: T): Promise<WriteResult> {
    return new Promise((settle) => {
      this.queue.push({ doc, settle });
      if (!this.writing) {
        this.writing = true;
        // Let commands arriving in the same turn of the event loop join this batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let results: WriteResult[];
      try {
        results = await this.writeMany(batch.map((b) => b.doc));
      } catch (error) {
        results = batch.map(() => ({ ok: false, error }));
      }
      this.stats.batches++;
      this.stats.documents += batch.length;
      batch.forEach((b, i) => b.settle(results[i] ?? { ok: false, error: new Error('no result for a batched write') }));
    }
    this.writing = false;
  }
}
