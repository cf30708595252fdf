import { Mailboxes } from './mailbox';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('A1 mailboxes: one command at a time per session', () => {
  it('A1 runs work for one key strictly in arrival order, never overlapping', async () => {
    const boxes = new Mailboxes();
    const log: string[] = [];
    let running = 0;
    const work = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([boxes.run('s1', work('a', 20)), boxes.run('s1', work('b', 1)), boxes.run('s1', work('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('A1 runs different keys concurrently', async () => {
    const boxes = new Mailboxes();
    const order: string[] = [];
    await Promise.all([
      boxes.run('s1', async () => {
        await tick(30);
        order.push('slow s1');
      }),
      boxes.run('s2', async () => {
        order.push('fast s2');
      }),
    ]);
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
