import { armShutdownDeadline } from './shutdown-deadline';

describe('shutdown deadline', () => {
  const setup = () => {
    const listeners = new Map<string, () => void>();
    const exits: number[] = [];
    const timers: Array<{ fn: () => void; ms: number; unref: jest.Mock }> = [];
    const overdue: string[] = [];
    armShutdownDeadline(
      { once: (signal, listener) => listeners.set(signal, listener), exit: (code) => void exits.push(code) },
      (signal, ms) => void overdue.push(`${signal} after ${ms} ms`),
      15_000,
      { setTimeout: (fn, ms) => (timers.push({ fn, ms, unref: jest.fn() }), timers.at(-1)!) },
    );
    return { listeners, exits, timers, overdue };
  };

  it('a stop signal arms an exit after the grace period that does not keep the process alive', () => {
    const { listeners, exits, timers, overdue } = setup();
    expect(timers).toHaveLength(0);
    listeners.get('SIGTERM')!();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(15_000);
    expect(timers[0]!.unref).toHaveBeenCalled();
    expect(exits).toEqual([]);
    // The graceful stop did not finish in time.
    timers[0]!.fn();
    expect(overdue).toEqual(['SIGTERM after 15000 ms']);
    expect(exits).toEqual([1]);
  });

  it('SIGINT (Ctrl-C) is bounded the same way; without a signal nothing is armed', () => {
    const { listeners, timers } = setup();
    expect([...listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    listeners.get('SIGINT')!();
    expect(timers).toHaveLength(1);
  });
});
