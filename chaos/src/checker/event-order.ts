import type { ChaosEvent, StreamEntry } from './evidence';

/**
 * The event order the checks replay: stream order, with each session's
 * events applied in seq order (an event published before its predecessor,
 * as an outbox retry can do, waits for it, as consumers do) and repeats of
 * a seq dropped. Events whose predecessors never come are left out here
 * (the sequence check reports the gap).
 */
export function inEventOrder(stream: readonly StreamEntry[]): ChaosEvent[] {
  const next = new Map<string, number>();
  const held = new Map<string, Map<number, ChaosEvent>>();
  const out: ChaosEvent[] = [];
  for (const { event } of stream) {
    const expected = next.get(event.sessionId) ?? 1;
    if (event.seq < expected) continue;
    let waiting = held.get(event.sessionId);
    if (!waiting) held.set(event.sessionId, (waiting = new Map()));
    if (!waiting.has(event.seq)) waiting.set(event.seq, event);
    let seq = expected;
    for (let e = waiting.get(seq); e !== undefined; e = waiting.get(seq)) {
      out.push(e);
      waiting.delete(seq);
      seq++;
    }
    next.set(event.sessionId, seq);
  }
  return out;
}

/** Each session's events in seq order (first copy of each seq), from the stream. */
export function bySession(events: readonly ChaosEvent[]): Map<string, ChaosEvent[]> {
  const sessions = new Map<string, ChaosEvent[]>();
  for (const e of events) {
    const list = sessions.get(e.sessionId);
    if (list) list.push(e);
    else sessions.set(e.sessionId, [e]);
  }
  return sessions;
}
