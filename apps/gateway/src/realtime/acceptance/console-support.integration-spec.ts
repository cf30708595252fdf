import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/** What the agent console and the end-user widget ask besides the session commands: topics (R1), queue targets (R7), presence (R18). */
describe('console support commands (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack({ settings: { supportQueues: true, useTopics: true } });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('R1 topics.list: end users and agents get Use Topics and the topics by name; the answer follows the settings', async () => {
    await stack.addEndUser('cs-user1');
    const user = await stack.client('cs-user1');
    const listed = await user.topics();
    expect(listed.useTopics).toBe(true);
    expect(listed.topics.map((t) => t.name)).toEqual(['Laptop', 'Password reset', 'Printer', 'Software installation', 'VPN', 'Wi-Fi']);
    expect(listed.topics.find((t) => t.name === 'VPN')).toEqual({ id: 'vpn', name: 'VPN' });
    await stack.addAgent('ag-cs1', { queues: ['Network'] });
    const agent = await stack.client('ag-cs1');
    expect((await agent.topics()).topics).toHaveLength(6);
    await stack.saveSettings({ useTopics: false });
    await eventually(async () => expect((await user.topics()).useTopics).toBe(false));
    await stack.saveSettings({ useTopics: true });
    await eventually(async () => expect((await user.topics()).useTopics).toBe(true));
  });

  it('R7 session.transferTargets lists the other support queues when Support Queues and Use Topics are on, none otherwise', async () => {
    await stack.addEndUser('cs-user2');
    await stack.addAgent('ag-cs2', { queues: ['Network'] });
    const user = await stack.client('cs-user2');
    const agent = await stack.client('ag-cs2');
    const id = (await user.startSession('VPN drops', 'vpn')).session.sessionId;
    await eventually(async () => expect((await agent.accept(id)).session.status).toBe('ASSIGNED'));
    const targets = await agent.transferTargets(id);
    expect(targets.queues.map((q) => q.id).sort()).toEqual(['General', 'Hardware']);
    await stack.saveSettings({ useTopics: false });
    await eventually(async () => expect((await agent.transferTargets(id)).queues).toEqual([]));
    await stack.saveSettings({ useTopics: true });
  });

  it('R18 presence.get answers the presence a reconnect keeps; end users may not ask', async () => {
    await stack.addAgent('ag-cs3', { queues: ['Network'] });
    const agent = await stack.client('ag-cs3');
    await eventually(async () => expect((await agent.presence()).presence).toBe('online'));
    await agent.setPresence('away');
    agent.close();
    const again = await stack.client('ag-cs3');
    expect((await again.presence()).presence).toBe('away');
    await stack.addEndUser('cs-user3');
    const user = await stack.client('cs-user3');
    const refused = await user.command('presence.get', {});
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  });
});
