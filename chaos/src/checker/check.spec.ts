import { checkChaosRun, formatVerdict } from './check';
import { START_DECISION_SLACK_MS } from './duplicate-sessions';
import type { ChaosEvent, ChaosEvidence, CommandRecord, KillRecord, StoredCommit, StoredSession, StreamEntry } from './evidence';
import { inEventOrder } from './event-order';
import { replayedStatus } from './ownership';
import { summarize } from './sequences';

const T0 = Date.parse('2026-01-01T10:00:00.000Z');

/** A crafted run: sessions' events in the order they were published, stored as the chat actors store them. */
class World {
  private clock = T0;
  readonly published: ChaosEvent[] = [];
  readonly commands: CommandRecord[] = [];
  readonly kills: KillRecord[] = [];
  readonly epochs = new Map<string, number>();
  agentCaps: Record<string, number> = {};

  /** Appends an event of `sessionId` (next seq), decided `afterMs` after the previous one, acknowledged to its sender. */
  emit(sessionId: string, type: string, fields: Partial<ChaosEvent> = {}, afterMs = 10): ChaosEvent {
    this.clock += afterMs;
    const seq = this.published.filter((e) => e.sessionId === sessionId).reduce((m, e) => Math.max(m, e.seq), 0) + 1;
    const event: ChaosEvent = { type, seq, sessionId, commandId: `cmd-${sessionId}-${seq}`, at: new Date(this.clock).toISOString(), ...fields };
    this.published.push(event);
    this.commands.push({
      commandId: event.commandId,
      type: type === 'SessionStarted' ? 'session.start' : 'session.other',
      principal: { role: 'agent', id: 'x' },
      sessionId,
      sentAt: this.clock - 5,
      answeredAt: this.clock + 5,
      outcome: 'ok',
    });
    return event;
  }

  start(sessionId: string, endUserId = `user-of-${sessionId}`, requestId = `req-${sessionId}`): ChaosEvent {
    return this.emit(sessionId, 'SessionStarted', { endUserId, requestId });
  }

  get now(): number {
    return this.clock;
  }

  /** The evidence: the stream as published, the store as the events imply (each later event its own commit). */
  evidence(edit: { stream?: (s: StreamEntry[]) => StreamEntry[]; sessions?: (s: StoredSession[]) => StoredSession[]; commits?: (c: StoredCommit[]) => StoredCommit[] } = {}): ChaosEvidence {
    const stream = this.published.map((event, i) => ({ streamSeq: i + 1, event }));
    const sessions: StoredSession[] = [];
    const commits: StoredCommit[] = [];
    for (const start of this.published.filter((e) => e.type === 'SessionStarted')) {
      const history = this.published.filter((e) => e.sessionId === start.sessionId).sort((a, b) => a.seq - b.seq);
      const ended = history.some((e) => e.type === 'SessionClosed' || e.type === 'SessionAbandoned');
      const now = replayedStatus(history);
      sessions.push({
        _id: start.sessionId,
        startKey: JSON.stringify([start.endUserId, start.requestId]),
        openSlot: ended ? `closed:${start.sessionId}` : start.endUserId!,
        endUserId: start.endUserId!,
        status: now.status,
        ...(now.owner ? { ownerAgentId: now.owner } : {}),
        version: history.length,
        partition: 0,
        startEvents: [start],
      });
      for (const e of history.slice(1)) {
        commits.push({
          _id: `${e.sessionId}@${e.seq - 1}`,
          sessionId: e.sessionId,
          baseVersion: e.seq - 1,
          epoch: this.epochs.get(e.commandId) ?? 1,
          partition: 0,
          at: Date.parse(e.at) + 1,
          events: [e],
        });
      }
    }
    return {
      stream: edit.stream ? edit.stream(stream) : stream,
      sessions: edit.sessions ? edit.sessions(sessions) : sessions,
      commits: edit.commits ? edit.commits(commits) : commits,
      commands: this.commands,
      kills: this.kills,
      agentCaps: this.agentCaps,
      defaultCap: 0,
    };
  }
}

/** Two end users' chats, each accepted, transferred, talked in and closed: every check passes. */
function cleanWorld(): World {
  const w = new World();
  w.agentCaps = { a: 1, b: 0 };
  w.start('s1', 'u1');
  w.start('s2', 'u2');
  w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
  w.emit('s2', 'SessionAssigned', { agentId: 'b', via: 'autoAssign' });
  w.emit('s1', 'MessagePosted');
  w.emit('s1', 'TransferRequested', { fromAgentId: 'a', toAgentId: 'b' });
  w.emit('s1', 'SessionAssigned', { agentId: 'b', via: 'transfer' });
  w.emit('s2', 'SessionReleased', { agentId: 'b' });
  w.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
  w.emit('s1', 'SessionClosed', { agentId: 'b', previousStatus: 'ASSIGNED' });
  w.emit('s2', 'SessionAbandoned', { agentId: 'a' });
  // The same end user again, after the first chat ended.
  w.start('s3', 'u1');
  w.emit('s3', 'UserCancelled');
  w.emit('s3', 'SessionClosed', { previousStatus: 'QUEUED' });
  return w;
}

const checksOf = (evidence: ChaosEvidence) => checkChaosRun(evidence).violations.map((v) => v.check);

describe('chaos checker', () => {
  it('finds nothing wrong in a run where every rule held', () => {
    const verdict = checkChaosRun(cleanWorld().evidence());
    expect(verdict.violations).toEqual([]);
    expect(verdict.commandsAcknowledged).toBe(14);
    expect(verdict.events).toBe(14);
  });

  it('accepts a session event published before its predecessor (an outbox retry) and repeats of a seq', () => {
    const w = cleanWorld();
    const verdict = checkChaosRun(
      w.evidence({
        stream: (s) => {
          const i = s.findIndex((e) => e.event.sessionId === 's1' && e.event.seq === 3);
          const swapped = [...s];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          return [...swapped, s[0]!, s[4]!];
        },
      }),
    );
    expect(verdict.violations).toEqual([]);
  });

  describe('duplicate session records', () => {
    it('two records with one start key', () => {
      const evidence = cleanWorld().evidence({ sessions: (s) => [...s, { ...s[0]!, _id: 's1-copy', openSlot: 'closed:s1-copy' }] });
      expect(checkChaosRun(evidence).violations).toContainEqual(expect.objectContaining({ check: 'duplicate-session', message: expect.stringContaining('start key') }));
    });

    it('two open records of one end user', () => {
      const evidence = cleanWorld().evidence({ sessions: (s) => s.map((r) => (r._id === 's1' || r._id === 's3' ? { ...r, status: 'ASSIGNED' } : r)) });
      expect(checkChaosRun(evidence).violations).toContainEqual(expect.objectContaining({ check: 'duplicate-session', message: expect.stringContaining('open slot of end user u1') }));
    });

    it('an end user whose second chat started before the first ended', () => {
      const w = new World();
      w.start('s1', 'u1');
      w.start('s2', 'u1');
      w.emit('s1', 'UserCancelled');
      w.emit('s1', 'SessionClosed', { previousStatus: 'QUEUED' }, START_DECISION_SLACK_MS + 10);
      expect(checkChaosRun(w.evidence()).violations).toContainEqual(
        expect.objectContaining({ check: 'duplicate-session', message: expect.stringContaining('end user u1 had two open sessions: s2') }),
      );
    });

    it('a start decided a moment before the previous chat closed is no second open session (its insert waited for the slot)', () => {
      const w = new World();
      w.start('s1', 'u1');
      w.start('s2', 'u1');
      w.emit('s1', 'SessionClosed', { previousStatus: 'QUEUED' }, START_DECISION_SLACK_MS - 100);
      expect(checkChaosRun(w.evidence()).violations).toEqual([]);
    });

    it('a start decided long before the previous chat closed, published after that close, is no second open session (its insert waited behind a slow database)', () => {
      const w = new World();
      w.start('s1', 'u1');
      const decided = new Date(w.now + 10).toISOString();
      w.emit('s1', 'SessionClosed', { previousStatus: 'QUEUED' }, START_DECISION_SLACK_MS * 8);
      w.emit('s2', 'SessionStarted', { endUserId: 'u1', requestId: 'req-s2', at: decided });
      expect(checkChaosRun(w.evidence()).violations).toEqual([]);
    });

    it('one start request that made two sessions', () => {
      const w = new World();
      w.start('s1', 'u1', 'r1');
      w.emit('s1', 'UserCancelled');
      w.emit('s1', 'SessionClosed', { previousStatus: 'QUEUED' });
      w.start('s2', 'u1', 'r1');
      const evidence = w.evidence({ sessions: (s) => s.map((r) => (r._id === 's2' ? { ...r, startKey: 'other' } : r)) });
      expect(checkChaosRun(evidence).violations).toEqual([expect.objectContaining({ check: 'duplicate-session', message: expect.stringContaining('made 2 sessions') })]);
    });
  });

  describe('two owners', () => {
    it('a session assigned to a second agent while the first owns it', () => {
      const w = new World();
      w.start('s1');
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'accept' });
      w.emit('s1', 'SessionAssigned', { agentId: 'b', via: 'accept' });
      expect(checkChaosRun(w.evidence()).violations).toEqual([
        expect.objectContaining({ check: 'two-owners', message: expect.stringContaining('assigned to b while a owned it') }),
      ]);
    });

    it('a transfer accepted by someone else than its target', () => {
      const w = new World();
      w.start('s1');
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      w.emit('s1', 'TransferRequested', { fromAgentId: 'a', toAgentId: 'b' });
      w.emit('s1', 'SessionAssigned', { agentId: 'c', via: 'transfer' });
      expect(checksOf(w.evidence())).toEqual(['two-owners']);
    });

    it('a release by an agent who no longer owns the session, and a change after the end', () => {
      const w = new World();
      w.start('s1');
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      w.emit('s1', 'TransferRequested', { fromAgentId: 'a', toAgentId: 'b' });
      w.emit('s1', 'SessionReleased', { agentId: 'a' });
      w.emit('s1', 'SessionClosed', { previousStatus: 'QUEUED' });
      w.emit('s1', 'MessagePosted');
      expect(checkChaosRun(w.evidence()).violations.map((v) => v.message)).toEqual([
        expect.stringContaining('released by a while PENDING_TRANSFER'),
        expect.stringContaining('a change after the session was CLOSED'),
      ]);
    });

    it('a record whose snapshot, as new as its last event, says another state than its events (R17)', () => {
      const w = new World();
      w.start('s1');
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      const evidence = w.evidence({ sessions: (s) => s.map((r) => ({ ...r, status: 'QUEUED', ownerAgentId: undefined })) });
      expect(checkChaosRun(evidence).violations).toEqual([
        expect.objectContaining({ check: 'two-owners', message: 'session s1: the record says QUEUED to nobody at version 2, its events ASSIGNED to a' }),
      ]);
      const older = w.evidence({ sessions: (s) => s.map((r) => ({ ...r, status: 'QUEUED', ownerAgentId: undefined, version: 1 })) });
      expect(checkChaosRun(older).violations).toEqual([]);
    });

    it('a commit by an older lease epoch after one by a newer epoch (fencing)', () => {
      const w = new World();
      w.start('s1');
      const first = w.emit('s1', 'MessagePosted');
      const second = w.emit('s1', 'MessagePosted');
      w.epochs.set(first.commandId, 7);
      w.epochs.set(second.commandId, 5);
      expect(checkChaosRun(w.evidence()).violations).toEqual([
        expect.objectContaining({ check: 'fencing', message: expect.stringMatching(/commit s1@2 by epoch 5 at .*, 10 ms after commit s1@1 by epoch 7/) }),
      ]);
    });
  });

  describe('agent caps', () => {
    it('an automatic assignment above the agent cap, in event order', () => {
      const w = new World();
      w.agentCaps = { a: 2 };
      for (const s of ['s1', 's2', 's3']) w.start(s);
      for (const s of ['s1', 's2', 's3']) w.emit(s, 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      expect(checkChaosRun(w.evidence()).violations).toEqual([
        expect.objectContaining({ check: 'cap', message: expect.stringContaining('agent a (cap 2) automatically assigned session s3') }),
      ]);
    });

    it('a manual accept of a transfer above the cap is allowed (R4.2), and then no automatic assignment is', () => {
      const w = new World();
      w.agentCaps = { a: 1 };
      for (const s of ['s1', 's2', 's3']) w.start(s);
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      w.emit('s2', 'SessionAssigned', { agentId: 'b', via: 'autoAssign' });
      w.emit('s2', 'TransferRequested', { fromAgentId: 'b', toAgentId: 'a' });
      w.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'transfer' });
      expect(checkChaosRun(w.evidence()).violations).toEqual([]);
      w.emit('s1', 'SessionReleased', { agentId: 'a' });
      w.emit('s3', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      expect(checksOf(w.evidence())).toEqual(['cap']);
    });

    it('an automatic assignment decided before a manual accept that was published first is within the cap (each counts when decided)', () => {
      const w = new World();
      w.agentCaps = { a: 2 };
      for (const s of ['s1', 's2', 's3']) w.start(s);
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      const autoDecided = new Date(w.now + 10).toISOString();
      w.emit('s2', 'SessionAssigned', { agentId: 'b', via: 'autoAssign' });
      w.emit('s2', 'TransferRequested', { fromAgentId: 'b', toAgentId: 'a' });
      w.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'transfer' }, 1300);
      // Decided before the accept, published after it.
      w.emit('s3', 'SessionAssigned', { agentId: 'a', via: 'autoAssign', at: autoDecided });
      expect(checkChaosRun(w.evidence()).violations).toEqual([]);
      // Decided after the accept: above the cap.
      const late = new World();
      late.agentCaps = { a: 2 };
      for (const s of ['s1', 's2', 's3']) late.start(s);
      late.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      late.emit('s2', 'SessionAssigned', { agentId: 'b', via: 'autoAssign' });
      late.emit('s2', 'TransferRequested', { fromAgentId: 'b', toAgentId: 'a' });
      late.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'transfer' });
      late.emit('s3', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      expect(checksOf(late.evidence())).toEqual(['cap']);
    });

    it('a load freed in a later session event is not counted before it is published', () => {
      const w = new World();
      w.agentCaps = { a: 1 };
      w.start('s1');
      w.start('s2');
      w.emit('s1', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      w.emit('s1', 'SessionClosed', { agentId: 'a', previousStatus: 'ASSIGNED' });
      w.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' });
      expect(checkChaosRun(w.evidence()).violations).toEqual([]);
      // Published in the other order: the close comes after the second assignment.
      const swapped = w.evidence({ stream: (s) => [s[0]!, s[1]!, s[2]!, s[4]!, s[3]!] });
      expect(checksOf(swapped)).toEqual(['cap']);
    });
  });

  describe('acknowledged commands', () => {
    it('an acknowledged command missing from the stream and the database', () => {
      const w = cleanWorld();
      w.commands.push({ commandId: 'lost', type: 'session.post', principal: { role: 'endUser', id: 'u1' }, sessionId: 's1', sentAt: w.now, answeredAt: w.now, outcome: 'ok' });
      expect(checkChaosRun(w.evidence()).violations.map((v) => v.message)).toEqual([
        expect.stringMatching(/acknowledged session.post lost .* is not in the event stream/),
        expect.stringMatching(/acknowledged session.post lost .* is not in the database/),
      ]);
    });

    it('a stored event that never reached the stream', () => {
      const w = cleanWorld();
      const evidence = w.evidence({ stream: (s) => s.filter((e) => !(e.event.sessionId === 's3' && e.event.seq === 3)) });
      expect(checkChaosRun(evidence).violations.map((v) => v.check)).toEqual(['acknowledged-missing', 'sequence']);
    });

    it('a start answered as the open session, which does not exist', () => {
      const w = cleanWorld();
      w.commands.push({ commandId: 'r9', type: 'session.start', principal: { role: 'endUser', id: 'u9' }, sessionId: 'ghost', sentAt: w.now, outcome: 'ok', duplicate: true });
      expect(checksOf(w.evidence())).toEqual(['acknowledged-missing', 'acknowledged-missing']);
    });

    it('a command refused with a definite answer whose events were stored anyway', () => {
      const w = cleanWorld();
      const command = w.commands.find((c) => c.commandId === 'cmd-s1-3')!;
      command.outcome = 'refused';
      command.code = 'NOT_OWNER';
      expect(checksOf(w.evidence())).toEqual(['refused-applied']);
      command.code = 'UNAVAILABLE';
      expect(checksOf(w.evidence())).toEqual([]);
    });
  });

  describe('sequences', () => {
    it('a gap in a session published seqs', () => {
      const w = cleanWorld();
      const evidence = w.evidence({
        stream: (s) => s.filter((e) => !(e.event.sessionId === 's1' && e.event.seq === 2)),
        commits: (c) => c.filter((x) => x._id !== 's1@1'),
      });
      const violations = checkChaosRun(evidence).violations.filter((v) => v.check === 'sequence');
      expect(violations.map((v) => v.message)).toEqual([
        'session s1: seqs 2 missing from the stream (last 6)',
        expect.stringContaining('commit s1@2 does not follow the stored history'),
        expect.stringContaining('commit s1@3 does not follow'),
        expect.stringContaining('commit s1@4 does not follow'),
        expect.stringContaining('commit s1@5 does not follow'),
        'session s1: published seqs 3-6 are not stored (stored history ends at 1)',
      ]);
    });

    it('one seq published as two different events', () => {
      const w = cleanWorld();
      const evidence = w.evidence({ stream: (s) => [...s, { streamSeq: 99, event: { ...s[0]!.event, type: 'MessagePosted', commandId: 'other' } }] });
      expect(checkChaosRun(evidence).violations).toEqual([expect.objectContaining({ check: 'sequence', message: expect.stringContaining('s1 seq 1 published as two events') })]);
    });

    it('a session published but never stored', () => {
      const w = cleanWorld();
      const evidence = w.evidence({ sessions: (s) => s.filter((r) => r._id !== 's2'), commits: (c) => c.filter((x) => x.sessionId !== 's2') });
      expect(checkChaosRun(evidence).violations.map((v) => v.message)).toContain('session s2: published but has no session record');
    });

    it('summarizes runs of seqs', () => {
      expect(summarize([1, 2, 3, 5, 7, 8])).toBe('1-3, 5, 7-8');
    });
  });

  describe('failover', () => {
    it('measures, for each kind of kill, the sessions that waited for the killed process', () => {
      const w = new World();
      w.start('s1', 'u1');
      w.start('s2', 'u2');
      const killAt = w.now + 100;
      // s1: a post in flight through gateway g1 when g1 is killed, decided 1.5 s later.
      w.commands.push({ commandId: 'late', type: 'session.post', principal: { role: 'endUser', id: 'u1' }, sessionId: 's1', gateway: 'g1', sentAt: killAt - 20, answeredAt: killAt + 1600, outcome: 'ok' });
      w.emit('s1', 'MessagePosted', { commandId: 'late' }, 100 + 1500);
      // s2: waiting in the queue when the router is killed, assigned 800 ms later.
      w.emit('s2', 'SessionAssigned', { agentId: 'a', via: 'autoAssign' }, 800 - 1500);
      w.kills.push({ at: killAt, kind: 'gateway', target: 'gateway-1', url: 'g1' }, { at: killAt, kind: 'router', target: 'router-2' }, { at: killAt, kind: 'gateway', target: 'gateway-2', url: 'g2' });
      const verdict = checkChaosRun(w.evidence({ stream: (s) => [...s].sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at)) }));
      expect(verdict.violations).toEqual([]);
      expect(verdict.kills).toEqual({ gateway: 2, 'chat-actor': 0, router: 1, nats: 0 });
      expect(verdict.failoverByKind.gateway).toEqual({ count: 1, p50: 1500, p99: 1500, max: 1500 });
      expect(verdict.failoverByKind.router).toEqual({ count: 1, p50: 800, p99: 800, max: 800 });
      expect(verdict.failover.max).toBe(1500);
      expect(formatVerdict(verdict, { minutes: 1, startedAt: new Date(T0), endedAt: new Date(T0 + 60_000) })).toContain('Violations: 0');
    });

    it('counts for a chat-actor kill only the partitions that changed owner', () => {
      const w = new World();
      w.start('s1');
      w.emit('s1', 'MessagePosted');
      const killAt = w.now + 50;
      w.commands.push({ commandId: 'moved', type: 'session.post', principal: { role: 'endUser', id: 'u' }, sessionId: 's1', sentAt: killAt - 10, outcome: 'ok', answeredAt: killAt + 3000 });
      const moved = w.emit('s1', 'MessagePosted', { commandId: 'moved' }, 3000);
      w.kills.push({ at: killAt, kind: 'chat-actor', target: 'chat-actor-1' });
      expect(checkChaosRun(w.evidence()).failoverByKind['chat-actor'].count).toBe(0);
      w.epochs.set(moved.commandId, 2);
      expect(checkChaosRun(w.evidence()).failoverByKind['chat-actor']).toEqual({ count: 1, p50: 2950, p99: 2950, max: 2950 });
    });
  });

  it('replays sessions in seq order within the stream order', () => {
    const a = (seq: number, s = 's'): StreamEntry => ({ streamSeq: seq, event: { type: 'X', seq, sessionId: s, commandId: `${s}${seq}`, at: new Date(T0).toISOString() } });
    expect(inEventOrder([a(2), a(1, 't'), a(1), a(3), a(2)]).map((e) => `${e.sessionId}${e.seq}`)).toEqual(['t1', 's1', 's2', 's3']);
  });
});
