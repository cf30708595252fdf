import { partitionOfSession, userRoutingKey } from '@switchboard/contracts';
import { applyEvents, decide, DEFAULT_SETTINGS, type SessionCommand, type SessionState } from '@switchboard/domain';
import type { AgentStateStore } from '@switchboard/agent-state';
import type { EventPublisher } from '../events/event-publisher';
import type { SessionWriter, StoredSession } from '@switchboard/session-store';
import { DeadlineTimers } from '../deadlines/deadline-timers';
import { ManualClock } from '../deadlines/manual-clock';
import { CommandProcessor } from './command-processor';
import type { DecisionContextLoader } from './decision-context.loader';

const PARTITIONS = 8;
const now = '2026-11-24T10:00:00.000Z';
const context = { now, settings: { ...DEFAULT_SETTINGS, useTopics: false }, endUser: { id: 'erin', companyId: 'acme', assets: [] } };

/** A QUEUED session of erin, as the store would hold it. */
function storedSession(): StoredSession {
  const sessionId = `${userRoutingKey('erin')}-s1`;
  const start = { type: 'StartSession', commandId: 'c0', sessionId, actor: { role: 'endUser', id: 'erin' }, requestId: 'r1', description: 'VPN drops' } as SessionCommand;
  const decision = decide(undefined, start, context);
  if (!decision.ok) throw new Error(decision.error.code);
  return { state: applyEvents(undefined, decision.events) as SessionState, ownerEpoch: 1, snapshotVersion: 1 } as StoredSession;
}

/**
 * The command processor's answer when what it depends on fails (the KV
 * store or the database during an outage), with the stores replaced by
 * stand-ins of the project's own classes: the integration tests cover the
 * real ones (nats-restart, crash).
 */
describe('CommandProcessor: a dependency that fails or is slow', () => {
  const setup = (overrides: { load?: () => Promise<unknown>; commit?: () => Promise<unknown>; writeSnapshot?: (state: SessionState) => Promise<boolean> }) => {
    const stored = storedSession();
    const loads: string[] = [];
    const published: number[] = [];
    const sessions = {
      load: async (id: string) => (loads.push(id), stored),
      commit: overrides.commit ?? (async () => ({ outcome: 'written', snapshotDue: false })),
      writeSnapshot: overrides.writeSnapshot ?? (async () => true),
    } as unknown as SessionWriter;
    const contexts = { load: overrides.load ?? (async () => ({ context, agentStates: new Map() })) } as unknown as DecisionContextLoader;
    const events = {
      publishCommit: async (_p: number, state: SessionState) => (published.push(state.version), true),
      beforeCommit: () => new Date(),
      notStored: () => undefined,
      storeUnsure: () => undefined,
    } as unknown as EventPublisher;
    const processor = new CommandProcessor(sessions, contexts, events, {} as AgentStateStore, new DeadlineTimers(new ManualClock()));
    const post = (commandId: string) =>
      ({ type: 'PostMessage', commandId, sessionId: stored.state.sessionId, actor: { role: 'endUser', id: 'erin' }, text: 'still down' }) as SessionCommand;
    const ownership = { partition: partitionOfSession(stored.state.sessionId, PARTITIONS), epoch: 1 };
    return { processor, post, ownership, loads, published, stored };
  };

  it('A3 A4 the KV store or database not answering is UNAVAILABLE (the client retries with the same command id), not INTERNAL', async () => {
    const { processor, post, ownership } = setup({ load: async () => Promise.reject(new Error('TIMEOUT: no answer from the KV bucket')) });
    const reply = await processor.handle(post('c1'), ownership, PARTITIONS);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(processor.counters.dependencyFailures).toBe(1);
  });

  it('A1 a process whose lease on the partition may have lapsed writes nothing: UNAVAILABLE, so the client retries with the next owner', async () => {
    let commits = 0;
    const { processor, post, ownership, published } = setup({ commit: async () => (commits++, { outcome: 'written', snapshotDue: false }) });
    const lapsed = { ...ownership, stillHeld: () => false };
    expect(await processor.handle(post('c1'), lapsed, PARTITIONS)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect({ commits, published }).toEqual({ commits: 0, published: [] });
    expect(await processor.handle(post('c2'), { ...ownership, stillHeld: () => true }, PARTITIONS)).toMatchObject({ ok: true });
    expect(commits).toBe(1);
  });

  it('A2 after a failed write the session is read from the store again, never from what this process thought it wrote', async () => {
    let failWrite = true;
    const { processor, post, ownership, loads } = setup({
      commit: async () => {
        if (failWrite) throw new Error('connection reset');
        return { outcome: 'written', snapshotDue: false };
      },
    });
    expect(await processor.handle(post('c1'), ownership, PARTITIONS)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    failWrite = false;
    const retried = await processor.handle(post('c1'), ownership, PARTITIONS);
    expect(retried).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(loads).toHaveLength(2);
    // Written now: the next command uses the cached state.
    expect(await processor.handle(post('c2'), ownership, PARTITIONS)).toMatchObject({ ok: true });
    expect(loads).toHaveLength(2);
  });

  it('A5 a snapshot that fails to follow its commit fails nothing: the command is answered and its events published', async () => {
    const { processor, post, ownership, published } = setup({
      commit: async () => ({ outcome: 'written', snapshotDue: true }),
      writeSnapshot: async () => false,
    });
    const reply = await processor.handle(post('c1'), ownership, PARTITIONS);
    expect(reply).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(published).toEqual([2]);
    expect(processor.counters.dependencyFailures).toBe(0);
  });

  it('A2 the answer does not wait for the snapshot write; the session\'s next command and the partition\'s handover do', async () => {
    const snapshots: Array<{ version: number; finish: (written: boolean) => void }> = [];
    const { processor, post, ownership, published } = setup({
      commit: async () => ({ outcome: 'written', snapshotDue: true }),
      writeSnapshot: (state) => new Promise<boolean>((finish) => snapshots.push({ version: state.version, finish })),
    });
    expect(await processor.handle(post('c1'), ownership, PARTITIONS)).toMatchObject({ ok: true, data: { version: 2 } });
    expect(snapshots.map((w) => w.version)).toEqual([2]);

    let secondAnswered = false;
    const second = processor.handle(post('c2'), ownership, PARTITIONS).then((reply) => ((secondAnswered = true), reply));
    let handedOver = false;
    const handover = processor.snapshotsWritten(ownership.partition).then(() => (handedOver = true));
    await new Promise((r) => setImmediate(r));
    // Snapshot 2 still being written: the next command of the session has not started, the handover waits.
    expect(published).toEqual([2]);
    expect(secondAnswered).toBe(false);
    expect(handedOver).toBe(false);

    snapshots[0]!.finish(true);
    expect(await second).toMatchObject({ ok: true, data: { version: 3 } });
    await handover;
    expect(published).toEqual([2, 3]);
    snapshots[1]!.finish(true);
    await processor.snapshotsWritten(ownership.partition);
  });

  it('R1.2 a command that ends the session is answered only once its snapshot (which frees the open slot) is written', async () => {
    const snapshots: Array<{ status: string; finish: (written: boolean) => void }> = [];
    const { processor, ownership, stored } = setup({
      commit: async () => ({ outcome: 'written', snapshotDue: true }),
      writeSnapshot: (state) => new Promise<boolean>((finish) => snapshots.push({ status: state.status, finish })),
    });
    let answered = false;
    const cancel = { type: 'CancelByUser', commandId: 'c-end', sessionId: stored.state.sessionId, actor: { role: 'endUser', id: 'erin' } } as SessionCommand;
    const reply = processor.handle(cancel, ownership, PARTITIONS).then((r) => ((answered = true), r));
    await new Promise((r) => setImmediate(r));
    expect(snapshots.map((w) => w.status)).toEqual(['CLOSED']);
    expect(answered).toBe(false);
    snapshots[0]!.finish(true);
    expect(await reply).toMatchObject({ ok: true, data: { session: { status: 'CLOSED' } } });
  });
});

describe('CommandProcessor: A6 for manual assignments', () => {
  it('R4.2 a manual accept counts the session against the agent before its commit, so an automatic assignment decided after it sees the load', async () => {
    const stored = storedSession();
    const steps: string[] = [];
    const sessions = {
      load: async () => stored,
      commit: async () => (steps.push('commit'), { outcome: 'written', snapshotDue: false }),
      writeSnapshot: async () => true,
    } as unknown as SessionWriter;
    const alice = { id: 'alice', displayName: 'Alice', presence: 'online' as const, queues: [], companies: ['acme'], load: 2, cap: 2 };
    const contexts = { load: async () => ({ context: { ...context, agents: [alice] }, agentStates: new Map() }) } as unknown as DecisionContextLoader;
    const events = {
      publishCommit: async (_p: number, _s: SessionState, _e: unknown, _v: number, _pv: number, reservedFor?: string) => (steps.push(`publish counted for ${reservedFor}`), true),
      beforeCommit: () => new Date(),
      notStored: () => undefined,
      storeUnsure: () => undefined,
    } as unknown as EventPublisher;
    const agentStates = { addSession: async (agentId: string, sessionId: string) => steps.push(`count ${sessionId} for ${agentId}`) } as unknown as AgentStateStore;
    const processor = new CommandProcessor(sessions, contexts, events, agentStates, new DeadlineTimers(new ManualClock()));
    const accept = { type: 'AcceptSession', commandId: 'c-acc', sessionId: stored.state.sessionId, actor: { role: 'agent', id: 'alice' } } as SessionCommand;
    const reply = await processor.handle(accept, { partition: partitionOfSession(stored.state.sessionId, PARTITIONS), epoch: 1 }, PARTITIONS);
    expect(reply).toMatchObject({ ok: true, data: { session: { status: 'ASSIGNED', ownerAgentId: 'alice' } } });
    expect(steps).toEqual([`count ${stored.state.sessionId} for alice`, 'commit', 'publish counted for alice']);
  });
});
