import { Mailboxes } from './mailbox';

/** A piece of work that runs until the test lets it finish. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('A1 mailboxes: one command at a time per session', () => {
  it('A1 runs work for one key strictly in arrival order, never overlapping', async () => {
    const boxes = new Mailboxes();
    const log: string[] = [];
    let running = 0;
    const gates = { a: gate(), b: gate(), c: gate() };
    const work = (name: 'a' | 'b' | 'c') => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await gates[name].opened;
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const all = Promise.all([boxes.run('s1', work('a')), boxes.run('s1', work('b')), boxes.run('s1', work('c'))]);
    // The later pieces are free to finish first: they must still wait for a.
    gates.c.open();
    gates.b.open();
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    gates.a.open();
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('A1 runs different keys concurrently', async () => {
    const boxes = new Mailboxes();
    const order: string[] = [];
    const slow = gate();
    const s1 = boxes.run('s1', async () => {
      await slow.opened;
      order.push('slow s1');
    });
    // s2 finishes while s1 is still held.
    await boxes.run('s2', async () => {
      order.push('fast s2');
    });
    expect(order).toEqual(['fast s2']);
    slow.open();
    await s1;
    expect(order).toEqual(['fast s2', 'slow s1']);
  });

  it('A1 keeps serving a key after a failed piece of work', async () => {
    const boxes = new Mailboxes();
    await expect(boxes.run('s1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(boxes.run('s1', async () => 'next')).resolves.toBe('next');
    await boxes.idle();
    expect(boxes.busyKeys).toBe(0);
  });
});
