import type { ChatEventMessage } from '@switchboard/contracts';
import { loadChangesOf } from '@switchboard/domain';
import { eventually, type ChatCluster } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';

export const agentIds = (n: number, prefix = 'agent') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
export const userIds = (n: number, prefix = 'user') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

/**
 * Starts one session per end user, in bursts of `burst` every `gapMs`.
 * Returns the session ids (in start order); fails on any refused start.
 */
export async function startInBursts(
  cluster: ChatCluster,
  users: readonly string[],
  options: { burst: number; gapMs: number; topic?: (i: number) => string | undefined; onBurst?: (started: number) => Promise<void> | void },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < users.length; i += options.burst) {
    const replies = await Promise.all(
      users.slice(i, i + options.burst).map((u, j) => {
        const command = cluster.startCommand(u);
        const topic = options.topic?.(i + j);
        return cluster.client.send(topic ? { ...command, topic } : command);
      }),
    );
    for (const r of replies) {
      if (!r.ok) throw new Error(`start refused: ${r.error.code} ${r.error.message}`);
      ids.push(r.data.sessionId);
    }
    await options.onBurst?.(ids.length);
    // The shape of the load (a burst every gapMs), not a wait for anything.
    if (options.gapMs > 0) await new Promise((r) => setTimeout(r, options.gapMs));
  }
  return ids;
}

type SessionAssigned = Extract<ChatEventMessage['event'], { type: 'SessionAssigned' }>;

export function assignments(events: readonly ChatEventMessage[]): SessionAssigned[] {
  return events.map((m) => m.event).filter((event): event is SessionAssigned => event.type === 'SessionAssigned');
}

/**
 * Replays events in order and calls `check` with every agent's load after
 * each event that changed one: the loads "at every moment" of the run.
 */
export function replayLoads(events: readonly ChatEventMessage[], check: (loads: ReadonlyMap<string, number>, event: ChatEventMessage['event']) => void): void {
  const loads = new Map<string, number>();
  for (const m of events) {
    const changes = loadChangesOf([m.event]);
    if (changes.length === 0) continue;
    for (const c of changes) loads.set(c.agentId, (loads.get(c.agentId) ?? 0) + (c.change === 'assigned' ? 1 : -1));
    check(loads, m.event);
  }
}

export function endChat(cluster: ChatCluster, sessionId: string, agentId: string) {
  return cluster.client.send({ type: 'EndChat', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: agentId } });
}

/** Polls the stream until `done(events)` holds. */
export function streamUntil(cluster: ChatCluster, done: (events: ChatEventMessage[]) => boolean, timeoutMs: number): Promise<ChatEventMessage[]> {
  return eventually(
    async () => {
      const events = await cluster.streamEvents();
      if (!done(events)) throw new Error(`stream condition not met in ${timeoutMs} ms (${events.length} events)`);
      return events;
    },
    { timeoutMs, intervalMs: 250 },
  );
}
