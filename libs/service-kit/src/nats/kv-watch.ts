import type { KV, KvWatchEntry } from '@nats-io/kv';

export interface KvFollower {
  /** Resolves once every value the bucket held when the watch began has been handed over. */
  initialized: Promise<void>;
  stop(): void;
}

/**
 * Follows every key of a KV bucket: its current values first, then each
 * change, handed to `onEntry` in order (deletes and purges included). A
 * bucket with no values is initialized at once. The watch ending with an
 * error goes to `onEnd` (it never becomes an unhandled rejection).
 */
export async function followKv(kv: KV, onEntry: (entry: KvWatchEntry) => void, onEnd: (error: unknown) => void): Promise<KvFollower> {
  let markInitialized!: () => void;
  const initialized = new Promise<void>((resolve) => (markInitialized = resolve));
  if ((await kv.status()).values === 0) markInitialized();
  const iterator = await kv.watch();
  void (async () => {
    for await (const entry of iterator) {
      // Current values come first; `delta` counts down to 0 on the last of them.
      if (entry.isUpdate || entry.delta === 0) markInitialized();
      onEntry(entry);
    }
  })().catch(onEnd);
  return { initialized, stop: () => iterator.stop() };
}
