import { CommandError, SwitchboardClient, type ClientEvents } from '@switchboard/client';
import type { ChatReceipts } from '@switchboard/contracts';

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

  /** Issue 17: typing and seen marks the code under test sent (synchronous on the real client, so kept apart from `calls`). */
  readonly typed: string[] = [];
  readonly seen: Array<[string, number]> = [];
  /** What `receipts()` answers. */
  receiptsNow: ChatReceipts = { endUser: { delivered: 0, seen: 0 }, agent: { delivered: 0, seen: 0 } };

  typing(sessionId: string): boolean {
    this.typed.push(sessionId);
    return true;
  }

  markSeen(sessionId: string, seq: number): void {
    this.seen.push([sessionId, seq]);
  }

  receipts(): ChatReceipts {
    return this.receiptsNow;
  }

  /**
   * The fake as the client the code under test takes: a never-connected
   * SwitchboardClient seen through a proxy. The fake's own members answer;
   * every other method is recorded in `calls` and answered from `replies`.
   */
  asClient(): SwitchboardClient {
    const idle = new SwitchboardClient({ url: 'ws://fake.invalid/ws', token: 'fake' });
    return new Proxy(idle, {
      get: (_client, prop) => {
        if (typeof prop === 'string' && prop in this) {
          const own: unknown = Reflect.get(this, prop);
          return typeof own === 'function' ? own.bind(this) : own;
        }
        return async (...args: unknown[]) => {
          const name = String(prop);
          this.calls.push([name, args]);
          const reply = this.replies[name];
          if (!reply) throw new Error(`FakeClient: no reply for ${name}`);
          const value = (reply as (...a: unknown[]) => unknown)(...args);
          if (value instanceof CommandError) throw value;
          return value;
        };
      },
    });
  }
}

export const hello = (id: string, role: 'agent' | 'endUser', name: string) => ({
  type: 'hello' as const,
  protocol: 1 as const,
  connectionId: 'c1',
  principal: { id, role, name },
  limits: { maxFrameBytes: 16384, ratePerSecond: 20, burst: 40, requestTimeoutMs: 15000 },
});
