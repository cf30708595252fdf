import type { ConsoleClock } from '../app/shared/console-clock';

/** A clock the test moves: `advance` runs each timer that falls due, in order, letting the promises it starts settle. */
export class FakeClock implements ConsoleClock {
  private time = Date.parse('2026-11-30T08:00:00.000Z');
  private seq = 0;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.size;
  }

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; run: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].run();
      await settle();
    }
    this.time = end;
    await settle();
  }

  async advanceMinutes(minutes: number): Promise<void> {
    await this.advance(minutes * 60_000);
  }
}

/** Lets every promise already started settle (a real macrotask: the fake clock drives only the code under test). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
