/** How long a service may take to stop after SIGTERM or SIGINT before it exits anyway. */
export const SHUTDOWN_GRACE_MS = 15_000;

export interface ShutdownDeadlineHost {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * A stop that cannot finish still ends the process. A graceful stop waits for
 * NATS and the database (lease release, drained subscriptions); when they are
 * gone (killed first, a partition), those waits never end, and a service left
 * running holds its port, its connections and its share of the machine. After
 * a stop signal the process exits with code 1 once `graceMs` has passed,
 * whatever is still waiting; the timer does not keep a finished process alive.
 */
export function armShutdownDeadline(
  host: ShutdownDeadlineHost,
  onOverdue: (signal: string, graceMs: number) => void,
  graceMs = SHUTDOWN_GRACE_MS,
  timers: { setTimeout: (fn: () => void, ms: number) => { unref(): unknown } } = { setTimeout },
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    host.once(signal, () => {
      timers
        .setTimeout(() => {
          onOverdue(signal, graceMs);
          host.exit(1);
        }, graceMs)
        .unref();
    });
  }
}
