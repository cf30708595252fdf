import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes streamed between two young-generation collections. */
export const RELIEF_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * Streaming a file through the gateway allocates about twice its size in
 * short-lived buffers (the socket's reads, the driver's serialized inserts
 * and read batches). None is held, but V8 frees them only at its next
 * collection, and buffer memory outside its heap triggers one late: a 50 MiB
 * upload raised the process's resident memory by up to 20 MiB. A minor
 * collection (a scavenge of the young generation, about a millisecond) every
 * RELIEF_EVERY_BYTES streamed frees them while they are still few, so an
 * upload or download of any size raises memory by a few MiB (ADR 14).
 */
export class GarbageRelief {
  private sinceLast = 0;

  constructor(
    private readonly collect: () => void,
    private readonly everyBytes = RELIEF_EVERY_BYTES,
  ) {}

  /** Counts bytes that went through; collects once every `everyBytes`. */
  streamed(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < this.everyBytes) return;
    this.sinceLast = 0;
    this.collect();
  }
}

/**
 * V8's minor collection. `gc` is what `--expose-gc` exposes; setting the flag
 * at run time and reading it from a new context gives it without a start
 * flag on every deployment's command line. Where that is refused, nothing
 * is collected early (memory still returns, later).
 */
function minorCollection(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    return () => gc({ type: 'minor' });
  } catch {
    return () => undefined;
  }
}

/** The gateway's one relief, shared by every upload and download. */
export const garbageRelief = new GarbageRelief(minorCollection());
