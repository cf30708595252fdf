import { UploadSlots } from './upload-slots';

describe('upload slots', () => {
  it('gives out at most max slots; a released slot (once, however often released) can be taken again', () => {
    const slots = new UploadSlots(2);
    const a = slots.take();
    const b = slots.take();
    expect([a, b].every(Boolean)).toBe(true);
    expect(slots.take()).toBeUndefined();
    a!();
    a!();
    expect(slots.inUse).toBe(1);
    expect(slots.take()).toBeDefined();
    expect(slots.take()).toBeUndefined();
  });
});
