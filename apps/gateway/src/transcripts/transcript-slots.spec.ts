import { TranscriptSlots } from './transcript-slots';

describe('TranscriptSlots', () => {
  it('gives out at most max slots, and one more after one is given back (once)', () => {
    const slots = new TranscriptSlots(2);
    const a = slots.take();
    const b = slots.take();
    expect(a && b).toBeDefined();
    expect(slots.take()).toBeUndefined();
    a!();
    a!();
    expect(slots.inUse).toBe(1);
    expect(slots.take()).toBeDefined();
    expect(slots.take()).toBeUndefined();
  });
});
