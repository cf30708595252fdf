import { eventually } from '@switchboard/testing';
import { GarbageRelief, garbageRelief, RELIEF_EVERY_BYTES } from './garbage-relief';

describe('garbage relief while files stream (issue 17: a 50 MB upload raises memory by a few MB)', () => {
  it('collects once for every `everyBytes` streamed, whatever the sizes of the pieces', () => {
    let collections = 0;
    const relief = new GarbageRelief(() => collections++, 1000);
    for (let i = 0; i < 9; i++) relief.streamed(100);
    expect(collections).toBe(0);
    relief.streamed(100);
    expect(collections).toBe(1);
    relief.streamed(2500);
    expect(collections).toBe(2);
    for (let i = 0; i < 10; i++) relief.streamed(100);
    expect(collections).toBe(3);
  });

  it('the process relief frees buffers nobody holds any more, with no start flag', async () => {
    const MiB = 1024 * 1024;
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 16; i++) Buffer.alloc(MiB, i);
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(8 * MiB);
    garbageRelief.streamed(RELIEF_EVERY_BYTES);
    // The collection finds them at once; V8 may hand their memory back on a background thread a moment later
    // (milliseconds; left alone, V8 collected them only after over a second here).
    await eventually(() => expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * MiB), { timeoutMs: 300, intervalMs: 10 });
  });
});
