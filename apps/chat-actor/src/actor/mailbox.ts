/**
 * Serial execution per key: the work for one key runs one at a time, in
 * arrival order; different keys run concurrently. This is what makes a
 * session an actor inside its owning process (A1).
 */
export class Mailboxes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      // Forget idle keys so the map only holds sessions with work in flight.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every queued piece of work has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  get busyKeys(): number {
    return this.tails.size;
  }
}
