/** What one write of a batch came to: done, or the error that refused it (a duplicate key...). */
export type WriteResult = { ok: true } | { ok: false; error: unknown };

/** Writes many at once (one unordered bulk insert or update); one result per write, in order. */
export type WriteMany<T> = (docs: T[]) => Promise<WriteResult[]>;

/**
 * Group commit: writes asked for while the bulk writes in flight run wait
 * and go together in the next one, as one unordered bulk write (each
 * document keeps its own unique-id check, so each commit is still fenced on
 * its own, A2). Nothing waits for a timer: an idle batcher writes a lone
 * document at once, and a busy one writes whatever queued up meanwhile, at
 * most `maxBatch` per write and at most `maxInFlight` writes at once (more
 * than one, so a document that arrives during a write need not wait for it
 * to finish), so latency stays about one write under load.
 */
export class WriteBatcher<T> {
  private queue: Array<{ doc: T; settle: (result: WriteResult) => void }> = [];
  private inFlight = 0;
  private scheduled = false;
  /** Batches written and documents in them, for diagnostics and the benchmark. */
  readonly stats = { batches: 0, documents: 0 };

  constructor(
    private readonly writeMany: WriteMany<T>,
    private readonly maxBatch = 256,
    private readonly maxInFlight = 1,
  ) {}

  /** Resolves once the document is stored or refused; never rejects. */
  write(doc: T): Promise<WriteResult> {
    return new Promise((settle) => {
      this.queue.push({ doc, settle });
      this.schedule();
    });
  }

  /** Let writes asked for in the same turn of the event loop join one batch. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.inFlight < this.maxInFlight) void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    let results: WriteResult[];
    try {
      results = await this.writeMany(batch.map((b) => b.doc));
    } catch (error) {
      results = batch.map(() => ({ ok: false, error }));
    }
    this.inFlight--;
    this.stats.batches++;
    this.stats.documents += batch.length;
    batch.forEach((b, i) => b.settle(results[i] ?? { ok: false, error: new Error('no result for a batched write') }));
    if (this.queue.length > 0) this.schedule();
  }
}
