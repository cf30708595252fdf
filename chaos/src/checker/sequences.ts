import type { ChaosEvent, StoredCommit, StoredSession, StreamEntry, Violation } from './evidence';

/** A session's history as the database holds it: the start's events, then the commits chained by version. */
export function storedHistory(session: StoredSession, commits: readonly StoredCommit[], violations: Violation[]): ChaosEvent[] {
  const history = [...session.startEvents];
  const byBase = new Map<number, StoredCommit>();
  for (const c of commits) byBase.set(c.baseVersion, c);
  for (let commit = byBase.get(history.length); commit; commit = byBase.get(history.length)) {
    byBase.delete(commit.baseVersion);
    commit.events.forEach((e, i) => {
      if (e.seq !== commit.baseVersion + i + 1) {
        violations.push({ check: 'sequence', message: `commit ${commit._id}: event ${i} has seq ${e.seq}, expected ${commit.baseVersion + i + 1}` });
      }
    });
    history.push(...commit.events);
  }
  for (const orphan of byBase.values()) {
    violations.push({ check: 'sequence', message: `session ${session._id}: commit ${orphan._id} does not follow the stored history (which ends at seq ${history.length})` });
  }
  return history;
}

/**
 * Per-session sequences without gaps, and the stream and the database
 * telling the same history: each session's seqs in the stream are 1..n
 * (repeats of a seq must be the same event), its stored history is 1..n
 * through its commits, and both hold the same events (by command id) for
 * the same seqs. A session in one and not the other is a violation (stored
 * but never published, or published but not stored).
 */
export function checkSequences(stream: readonly StreamEntry[], sessions: readonly StoredSession[], commits: readonly StoredCommit[]): { violations: Violation[]; storedEvents: ChaosEvent[] } {
  const violations: Violation[] = [];
  const published = new Map<string, Map<number, ChaosEvent>>();
  for (const { event } of stream) {
    let seqs = published.get(event.sessionId);
    if (!seqs) published.set(event.sessionId, (seqs = new Map()));
    const earlier = seqs.get(event.seq);
    if (!earlier) seqs.set(event.seq, event);
    else if (earlier.commandId !== event.commandId || earlier.type !== event.type) {
      violations.push({
        check: 'sequence',
        message: `session ${event.sessionId} seq ${event.seq} published as two events: ${earlier.type} (${earlier.commandId}) and ${event.type} (${event.commandId})`,
      });
    }
  }
  for (const [sessionId, seqs] of published) {
    const max = Math.max(...seqs.keys());
    const missing: number[] = [];
    for (let seq = 1; seq <= max; seq++) if (!seqs.has(seq)) missing.push(seq);
    if (missing.length > 0) violations.push({ check: 'sequence', message: `session ${sessionId}: seqs ${summarize(missing)} missing from the stream (last ${max})` });
  }

  const commitsOf = new Map<string, StoredCommit[]>();
  for (const c of commits) commitsOf.set(c.sessionId, [...(commitsOf.get(c.sessionId) ?? []), c]);
  const storedEvents: ChaosEvent[] = [];
  const stored = new Set<string>();
  for (const session of sessions) {
    stored.add(session._id);
    const history = storedHistory(session, commitsOf.get(session._id) ?? [], violations);
    storedEvents.push(...history);
    history.forEach((e, i) => {
      if (e.seq !== i + 1) violations.push({ check: 'sequence', message: `session ${session._id}: stored event ${i + 1} has seq ${e.seq}` });
    });
    const seqs = published.get(session._id);
    if (!seqs) {
      violations.push({ check: 'sequence', message: `session ${session._id}: stored (${history.length} events) but never published` });
      continue;
    }
    const unpublished = history.filter((e) => !seqs.has(e.seq)).map((e) => e.seq);
    if (unpublished.length > 0) violations.push({ check: 'sequence', message: `session ${session._id}: stored seqs ${summarize(unpublished)} never published` });
    const differ = history.filter((e) => seqs.has(e.seq) && seqs.get(e.seq)!.commandId !== e.commandId);
    for (const e of differ) {
      violations.push({ check: 'sequence', message: `session ${session._id} seq ${e.seq}: stored from command ${e.commandId}, published from ${seqs.get(e.seq)!.commandId}` });
    }
    const beyond = [...seqs.keys()].filter((seq) => seq > history.length).sort((a, b) => a - b);
    if (beyond.length > 0) violations.push({ check: 'sequence', message: `session ${session._id}: published seqs ${summarize(beyond)} are not stored (stored history ends at ${history.length})` });
  }
  for (const sessionId of published.keys()) {
    if (!stored.has(sessionId)) violations.push({ check: 'sequence', message: `session ${sessionId}: published but has no session record` });
  }
  for (const c of commits) {
    if (!stored.has(c.sessionId)) violations.push({ check: 'sequence', message: `commit ${c._id}: its session has no record` });
  }
  return { violations, storedEvents };
}

/** `3, 5-9, 12` */
export function summarize(seqs: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seqs.length; i++) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === seqs[j]! + 1) j++;
    parts.push(i === j ? `${seqs[i]}` : `${seqs[i]}-${seqs[j]}`);
    i = j;
  }
  return parts.length > 12 ? `${parts.slice(0, 12).join(', ')}, ... (${seqs.length} in all)` : parts.join(', ');
}
