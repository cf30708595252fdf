import { CommandError, type ClientEvents, type SwitchboardClient } from '@switchboard/client';

type Listener = (value: never) => void;

/**
 * Stands in for SwitchboardClient in unit tests: records calls, answers from
 * `replies` (a function per method, or a CommandError to throw), and lets a
 * test push server frames with `emit`.
 */
export class FakeClient {
  readonly calls: Array<[string, unknown[]]> = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  replies: Record<string, (...args: never[]) => unknown> = {};

  constructor() {
    return new Proxy(this, {
      get: (target, prop: string) => {
        if (prop in target) return (target as unknown as Record<string, unknown>)[prop];
        return async (...args: unknown[]) => {
          target.calls.push([prop, args]);
          const reply = target.replies[prop];
          if (!reply) throw new Error(`FakeClient: no reply for ${prop}`);
          const value = (reply as (...a: unknown[]) => unknown)(...args);
          if (value instanceof CommandError) throw value;
          return value;
        };
      },
    });
  }

  on<E extends keyof ClientEvents>(event: E, listener: (value: ClientEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  emit<E extends keyof ClientEvents>(event: E, value: ClientEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (v: ClientEvents[E]) => void)(value);
  }

  close(): void {
    this.calls.push(['close', []]);
  }

  follow(): void {}
  unfollow(): void {}

  asClient(): SwitchboardClient {
    return this as unknown as SwitchboardClient;
  }
}

export const hello = (id: string, role: 'agent' | 'endUser', name: string) => ({
  type: 'hello' as const,
  protocol: 1 as const,
  connectionId: 'c1',
  principal: { id, role, name },
  limits: { maxFrameBytes: 16384, ratePerSecond: 20, burst: 40, requestTimeoutMs: 15000 },
});
