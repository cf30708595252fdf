import type { SwitchboardClient } from '@switchboard/client';
import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

describe('issue 12: profile changes made through the admin API reach the chat actors’ caches (ADR 8)', () => {
  // The cache entries' default maximum age (60 s) is beyond the test: only the admin API's announcement can bring the change.
  const stack = new RealtimeStack({ settings: { supportQueues: false, useTopics: false, companyFilter: false } });
  let admin: string;
  let agent: SwitchboardClient;
  let user: SwitchboardClient;

  const adminPatch = async (path: string, body: unknown) => {
    const res = await fetch(`${stack.urls[0]}${path}`, { method: 'PATCH', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };

  /** One chat from start to end: the names the chat actor recorded for its end user and its agent. */
  const chat = async () => {
    const started = (await user.startSession('printer jam')).session;
    const accepted = (await agent.accept(started.sessionId)).session;
    await agent.end(started.sessionId);
    return { endUserName: started.endUserName, agentName: accepted.ownerAgentName };
  };

  beforeAll(async () => {
    await stack.start();
    await stack.addAgent('ag-pc1');
    await stack.addEndUser('pc-user1');
    admin = await stack.login('admin', 'admin123');
    agent = await stack.client('ag-pc1');
    user = await stack.client('pc-user1');
  }, 60_000);
  afterAll(() => stack.stop());

  it("an agent's and an end user's new display names, changed through the admin API, are what the next chat records", async () => {
    expect(await chat()).toEqual({ endUserName: 'User pc-user1', agentName: 'Agent ag-pc1' });

    await adminPatch('/api/admin/agents/ag-pc1', { displayName: 'Petra Renamed' });
    await adminPatch('/api/admin/end-users/pc-user1', { displayName: 'Paul Renamed' });

    await eventually(async () => expect(await chat()).toEqual({ endUserName: 'Paul Renamed', agentName: 'Petra Renamed' }), { timeoutMs: 5000, intervalMs: 100 });
  });
});
