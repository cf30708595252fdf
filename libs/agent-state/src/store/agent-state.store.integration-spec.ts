import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { loadOf } from '../live-state/agent-live-state';
import { AgentStateStore, type VersionedLiveState } from './agent-state.store';

// The test NATS comes from the jest global setup; libs below the testing lib read its address directly.
const natsUrl = () => process.env['SB_TEST_NATS_URL']!;

describe('agent state store (JetStream KV)', () => {
  let nc: NatsConnection;
  let store: AgentStateStore;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
    store = await AgentStateStore.open(nc, `t${randomBytes(4).toString('hex')}_agent_state`);
  });
  afterAll(() => nc.close());

  it('A6 reservation: of 20 reservations decided from the same state, exactly one gets in', async () => {
    const read = await store.setPresence('a1', 'online');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserve('a1', `s${i}`, read, 1)));
    expect(results.filter((r) => r === 'reserved')).toHaveLength(1);
    expect(results.filter((r) => r === 'changed')).toHaveLength(19);
    expect(loadOf((await store.get('a1')).state)).toBe(1);
  });

  it('A6 reservation: a presence change since the read makes the reservation fail (R18)', async () => {
    const read = await store.setPresence('a2', 'online');
    await store.setPresence('a2', 'offline');
    expect(await store.reserve('a2', 's1', read, 1)).toBe('changed');
    expect(loadOf((await store.get('a2')).state)).toBe(0);
  });

  it('A6 reservation: a session counted before says so, and the reservation records the version it was decided from', async () => {
    const read = await store.setPresence('reserver', 'online');
    expect(await store.reserve('reserver', 's1', read, 3)).toBe('reserved');
    const after = await store.get('reserver');
    expect(after.state.decidedFrom).toEqual({ s1: 3 });
    expect(await store.reserve('reserver', 's1', after, 5)).toBe('alreadyCounted');
    expect((await store.get('reserver')).state.decidedFrom).toEqual({ s1: 3 });
    await store.removeSession('reserver', 's1');
    expect((await store.get('reserver')).state).toMatchObject({ sessions: {}, decidedFrom: {} });
  });

  it('R4.1 load: 50 concurrent adds and then removes by different writers are all counted exactly', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `s${i}`);
    await Promise.all(ids.map((id) => store.addSession('a3', id)));
    expect(loadOf((await store.get('a3')).state)).toBe(50);
    await Promise.all(ids.slice(0, 30).map((id) => store.removeSession('a3', id)));
    expect(Object.keys((await store.get('a3')).state.sessions).sort()).toEqual(ids.slice(30).sort());
  });

  it('agent ids that are not KV keys are stored under an encoded key', async () => {
    await store.setPresence('alice@example.com', 'away');
    expect((await store.get('alice@example.com')).state.presence).toBe('away');
  });

  it('watch: delivers the current states first, then every change', async () => {
    const seen = new Map<string, VersionedLiveState | undefined>();
    let a4Changed!: (state: VersionedLiveState | undefined) => void;
    const a4Change = new Promise<VersionedLiveState | undefined>((r) => (a4Changed = r));
    const watcher = await store.watch((id, state) => {
      seen.set(id, state);
      if (id === 'a4') a4Changed(state);
    });
    await watcher.initialized;
    expect(seen.get('a1')?.state.presence).toBe('online');
    expect(seen.has('a4')).toBe(false);
    const written = await store.setPresence('a4', 'online');
    // The change the watcher is called with is the one written.
    expect(await a4Change).toMatchObject({ revision: written.revision, state: { presence: 'online' } });
    watcher.stop();
  });
});
