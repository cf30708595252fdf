import { ChatCluster, eventually } from '@switchboard/testing';
import { assignments, userIds } from './router-load';

/** The settings document as the admin API stores it. */
interface SettingsDocument {
  _id: string;
  agentAutoAccept: boolean;
}

describe('issue 12: a router whose settings announcement was lost still changes (A9)', () => {
  // The resync (which also reloads settings) is pushed out of the test's reach: only the settings refresh can help.
  const refresh = { SETTINGS_REFRESH_MS: '300' };
  const cluster = new ChatCluster({ chatActors: 1, routers: 1, env: refresh, routerEnv: { ...refresh, ROUTER_RESYNC_MS: '3600000' } });

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: 'alice' }]);
    await cluster.seedEndUsers(userIds(1, 'missed'));
    await cluster.saveSettings({ agentAutoAccept: false, maxConcurrentChatsPerAgent: 0 });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('A9 Auto Accept switched on with no announcement: the waiting chat is assigned within SETTINGS_REFRESH_MS, not at the resync', async () => {
    const start = cluster.startCommand(userIds(1, 'missed')[0]!);
    expect((await cluster.client.send(start)).ok).toBe(true);
    await eventually(async () => expect((await cluster.routerStatus())[0]?.waiting['General']).toBe(1));
    expect(assignments(await cluster.streamEvents())).toHaveLength(0);

    // What a settings change looks like to a process that missed its announcement (e.g. during a NATS reconnect).
    await cluster.db.collection<SettingsDocument>('settings').updateOne({ _id: 'global' }, { $set: { agentAutoAccept: true } });

    await eventually(async () => expect(assignments(await cluster.streamEvents()).map((a) => a.sessionId)).toEqual([start.sessionId]), { timeoutMs: 10_000, intervalMs: 200 });
  }, 60_000);
});
