import { ConcurrencyLimit } from './concurrency-limit';

describe('A1 command concurrency limit of a chat-actor process', () => {
  it('A1 never runs more than the limit at once, and runs everything in arrival order', async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    // Every piece runs until the test lets the work go on.
    let go!: () => void;
    const held = new Promise<void>((r) => (go = r));
    const all = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit.run(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await held;
          running--;
        }),
      ),
    );
    // Three run at once, the other 17 wait.
    expect(started).toEqual([0, 1, 2]);
    expect(limit.queued).toBe(17);
    go();
    await all;
    expect(peak).toBe(3);
    expect(started).toEqual([...Array(20).keys()]);
  });

  it('A1 frees the slot when work fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limit.run(async () => 'ok')).resolves.toBe('ok');
  });
});
