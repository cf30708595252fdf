import type { KV, KvWatchEntry } from '@nats-io/kv';

export interface KvFollower {
  /** Resolves once every value the bucket held when the watch began has been handed over. */
  initialized: Promise<void>;
  stop(): void;
  /** How many times the watch was made again after it went quiet (diagnostics, tests). */
  readonly rewatches: number;
}

export interface KvFollowOptions {
  /** How often the watch is checked against the bucket's last revision. */
  checkEveryMs?: number;
}

/** A watch behind the bucket for this long (two checks) is made again. */
export const KV_WATCH_CHECK_MS = 5000;

/**
 * Follows every key of a KV bucket: its current values first, then each
 * change, handed to `onEntry` in order (deletes and purges included). A
 * bucket with no values is initialized at once. The watch ending with an
 * error goes to `onEnd` (it never becomes an unhandled rejection).
 *
 * A watch is a push consumer on one NATS node; when that consumer is lost
 * (its node cut off or killed) the watch goes quiet without ending (issue
 * 18: found by deleting a watch's consumer). So every `checkEveryMs` the
 * bucket's last revision is read: a watch that has not delivered what the
 * bucket held at the previous check is made again, and hands over every
 * current value again (each entry is a key's whole value, so handing one
 * over twice changes nothing).
 */
export async function followKv(kv: KV, onEntry: (entry: KvWatchEntry) => void, onEnd: (error: unknown) => void, options: KvFollowOptions = {}): Promise<KvFollower> {
  let markInitialized!: () => void;
  const initialized = new Promise<void>((resolve) => (markInitialized = resolve));
  if ((await kv.status()).values === 0) markInitialized();
  let stopped = false;
  let rewatches = 0;
  let seenRevision = 0;
  let iterator = await kv.watch();

  const consume = (current: typeof iterator) =>
    void (async () => {
      for await (const entry of current) {
        // Current values come first; `delta` counts down to 0 on the last of them.
        if (entry.isUpdate || entry.delta === 0) markInitialized();
        seenRevision = Math.max(seenRevision, entry.revision);
        onEntry(entry);
      }
    })().catch((error: unknown) => {
      if (current === iterator && !stopped) onEnd(error);
    });
  consume(iterator);

  // The revision the bucket had at the previous check, not yet delivered then.
  let owed: number | undefined;
  const check = async () => {
    const last = (await kv.status()).streamInfo.state.last_seq;
    if (owed !== undefined && seenRevision < owed && !stopped) {
      const fresh = await kv.watch();
      if (stopped) return fresh.stop();
      const quiet = iterator;
      iterator = fresh;
      quiet.stop();
      rewatches++;
      owed = undefined;
      consume(iterator);
      return;
    }
    owed = last > seenRevision ? last : undefined;
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking || stopped) return;
    checking = true;
    // NATS unavailable: the next check tries again.
    void check()
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, options.checkEveryMs ?? KV_WATCH_CHECK_MS);
  timer.unref();

  return {
    initialized,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      iterator.stop();
    },
    get rewatches() {
      return rewatches;
    },
  };
}
