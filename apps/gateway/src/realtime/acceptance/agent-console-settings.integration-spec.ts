import type { AgentSettingsFrame } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/** Issue 14, idle agents: the agent console learns the administrator's agentIdleMinutes from the gateway. */
describe('issue 14: the settings an agent console acts on reach it at sign-in and when an administrator changes them', () => {
  // No chat command is sent: no chat actor needed.
  const stack = new RealtimeStack({ chatActors: 0, settings: { agentIdleMinutes: 5 } });

  beforeAll(() => stack.start(), 180_000);
  afterAll(() => stack.stop());

  async function adminPut(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const token = await stack.login('admin', 'admin123');
    const res = await fetch(`${stack.urls[0]}/api/admin/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("an agent's hello carries agentIdleMinutes; a change saved through the admin API is pushed as agent.settings, once, and only when it changes", async () => {
    await stack.addAgent('ag-idle1');
    const pushed: AgentSettingsFrame[] = [];
    const agent = await stack.client('ag-idle1', { beforeConnect: (c) => c.on('agent.settings', (f) => pushed.push(f)) });
    expect(agent.hello?.agentSettings).toEqual({ agentIdleMinutes: 5 });

    const saved = await adminPut({ agentIdleMinutes: 12 });
    expect(saved).toMatchObject({ status: 200, body: { agentIdleMinutes: 12 } });
    await eventually(() => expect(pushed.map((f) => f.settings)).toEqual([{ agentIdleMinutes: 12 }]), { timeoutMs: 10_000, intervalMs: 100 });

    // Another setting changed: nothing for the agent console.
    expect((await adminPut({ useTopics: true })).status).toBe(200);
    await consistently(() => expect(pushed).toHaveLength(1), { forMs: 1000 });

    // A later sign-in hears the new value in its hello.
    const again = await stack.client('ag-idle1');
    expect(again.hello?.agentSettings).toEqual({ agentIdleMinutes: 12 });
  });

  it('the admin API refuses a value outside 0..480 minutes with a typed error naming the field, and keeps the setting', async () => {
    for (const bad of [-1, 481, 2.5, 'ten']) {
      const refused = await adminPut({ agentIdleMinutes: bad });
      expect(refused.status).toBe(400);
      expect(refused.body['code']).toBe('VALIDATION');
      expect(JSON.stringify(refused.body)).toContain('agentIdleMinutes');
    }
    const token = await stack.login('admin', 'admin123');
    const current = (await (await fetch(`${stack.urls[0]}/api/admin/settings`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    expect(current['agentIdleMinutes']).toBe(12);
  });

  it('end users hear no agent settings', async () => {
    await stack.addEndUser('idle-user1');
    const user = await stack.client('idle-user1');
    expect(user.hello?.agentSettings).toBeUndefined();
  });
});
