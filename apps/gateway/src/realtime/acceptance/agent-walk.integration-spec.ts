import { AgentStateStore } from '@switchboard/agent-state';
import { AgentListsModel, type SwitchboardClient } from '@switchboard/client';
import { ChatActorClient } from '@switchboard/service-kit';
import { consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/** The agent's side of R2-R10, R13-R16, R18 through the WebSocket API. */
describe('agent walk (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  let n = 0;
  const endUser = async (companyId = 'acme') => {
    const id = `aw-user${++n}`;
    await stack.addEndUser(id, { companyId, assets: [{ id: 'lap', name: 'Laptop', deviceId: `DEV-${n}` }, { id: 'phone', name: 'Phone' }] });
    return stack.client(id);
  };
  const agent = async (queues: string[], companies = ['acme']) => {
    const id = `ag-w${++n}`;
    await stack.addAgent(id, { queues, companies });
    const client = await stack.client(id);
    const lists = new AgentListsModel();
    client.on('lists.snapshot', (s) => lists.applySnapshot(s));
    client.on('lists.changed', (c) => lists.apply(c.changes));
    await eventually(() => expect(client.hello).toBeDefined());
    return Object.assign(client, { id, model: lists }) as SwitchboardClient & { id: string; model: AgentListsModel };
  };
  const started: SwitchboardClient[] = [];
  afterEach(() => {
    for (const c of started.splice(0)) c.close();
  });
  const track = <T extends SwitchboardClient>(c: T) => (started.push(c), c);

  it('R2 Queue tab: a QUEUED session is listed, live, for online agents of its queue (General: every agent), not for others', async () => {
    const network = track(await agent(['Network']));
    const hardware = track(await agent(['Hardware']));
    const user = track(await endUser());
    const vpn = (await user.startSession('VPN', 'vpn')).session.sessionId;
    await eventually(() => expect(network.model.ids('queue')).toContain(vpn));
    expect(hardware.model.ids('queue')).not.toContain(vpn);
    const other = track(await endUser());
    const general = (await other.startSession('password', 'password-reset')).session.sessionId;
    await eventually(() => expect(network.model.ids('queue')).toContain(general));
    await eventually(() => expect(hardware.model.ids('queue')).toContain(general));
    // Taken: it leaves every Queue tab.
    await network.accept(vpn);
    await eventually(() => expect(network.model.ids('queue')).not.toContain(vpn));
    expect(network.model.ids('myChats')).toContain(vpn);
    await network.end(vpn);
    await eventually(() => expect(network.model.ids('myChats')).not.toContain(vpn));
    await other.cancel(general);
    await eventually(() => expect(hardware.model.ids('queue')).not.toContain(general));
  });

  it('R2 R19 an agent previewing a chat of its Queue tab gets its messages live, and none once another agent has it', async () => {
    const looker = track(await agent(['Network']));
    const taker = track(await agent(['Network']));
    const outsider = track(await agent(['Hardware']));
    const user = track(await endUser());
    const seen = recorder(looker);
    const outsiderSeen = recorder(outsider);
    const id = (await user.startSession('VPN drops', 'vpn')).session.sessionId;
    await eventually(() => expect(looker.model.ids('queue')).toContain(id));
    await looker.resume(id, 0);
    await user.post(id, 'It dropped again');
    await eventually(() => expect(seen.of(id).some((e) => e.type === 'MessagePosted' && e.event['text'] === 'It dropped again')).toBe(true));
    // A chat outside the agent's Queue tab cannot be followed at all.
    await expect(outsider.resume(id, 0)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await taker.accept(id);
    await eventually(() => expect(looker.model.ids('queue')).not.toContain(id));
    await user.post(id, 'Only for the agent who has it');
    await taker.post(id, 'I am on it');
    await eventually(async () => expect((await taker.resume(id, 0)).events.filter((e) => e.type === 'MessagePosted')).toHaveLength(3));
    await consistently(
      () => {
        expect(seen.of(id).map((e) => e.event['text']).filter(Boolean)).not.toContain('Only for the agent who has it');
        expect(seen.of(id).map((e) => e.event['text']).filter(Boolean)).not.toContain('I am on it');
        expect(outsiderSeen.of(id)).toEqual([]);
      },
      { forMs: 500 },
    );
  });

  it('R2 Company filter on: only agents of the end user\'s company list the session (live setting, A9)', async () => {
    const acme = track(await agent(['Network'], ['acme']));
    const globexAgent = track(await agent(['Network'], ['globex']));
    const user = track(await endUser('globex'));
    const id = (await user.startSession('VPN', 'vpn')).session.sessionId;
    await eventually(() => expect(acme.model.ids('queue')).toContain(id));
    await stack.saveSettings({ companyFilter: true });
    try {
      await eventually(() => expect(acme.model.ids('queue')).not.toContain(id));
      expect(globexAgent.model.ids('queue')).toContain(id);
      await expect(acme.accept(id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await stack.saveSettings({ companyFilter: false });
    }
    await user.cancel(id);
  });

  it('R3 R3.3 accept: My Chats, the whole history with earlier side notes, customer information and resources', async () => {
    const first = track(await agent(['Network']));
    const second = track(await agent(['Network']));
    const user = track(await endUser());
    const id = (await user.startSession('VPN keeps dropping', 'vpn')).session.sessionId;
    await first.accept(id);
    await user.post(id, 'It happens every 5 minutes');
    await first.sideNote(id, 'Checked the gateway logs');
    await first.release(id);
    const accepted = await second.accept(id);
    expect(accepted.session.history.map((e) => e.type)).toEqual([
      'SessionStarted', 'SessionAssigned', 'MessagePosted', 'SideNoteAdded', 'SessionReleased', 'SessionAssigned',
    ]);
    expect(accepted.customer).toMatchObject({ endUserId: user.hello!.principal.id, site: 'HQ', company: { id: 'acme', name: 'Acme Corporation' } });
    expect(accepted.customer.assets.map((a) => a.id)).toEqual(['lap', 'phone']);
    expect(accepted.resources.knowledgeArticles.length).toBeGreaterThan(0);
    expect(accepted.resources.responseTemplates.length).toBeGreaterThan(0);
    expect(accepted.resources.outages.length).toBeGreaterThan(0);
    await eventually(() => expect(second.model.ids('myChats')).toEqual([id]));
    await second.end(id);
  });

  it('R3.4 several agents accept at once: exactly one gets it, the others ALREADY_TAKEN', async () => {
    const agents = await Promise.all([1, 2, 3, 4].map(() => agent(['Network']).then(track)));
    const user = track(await endUser());
    const id = (await user.startSession('race', 'vpn')).session.sessionId;
    const results = await Promise.all(agents.map((a) => a.command('session.accept', { sessionId: id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : ''))).toEqual(['ALREADY_TAKEN', 'ALREADY_TAKEN', 'ALREADY_TAKEN']);
    const winner = agents[results.findIndex((r) => r.ok)]!;
    await eventually(() => expect(agents.filter((a) => a.model.ids('myChats').includes(id))).toEqual([winner]));
    await winner.end(id);
  });

  it('R5 R6 transfer to an agent: the R6 list, Pending Transfer in the target\'s Transferred tab, only the target accepts, side note kept', async () => {
    const from = track(await agent(['Network'], ['acme']));
    const to = track(await agent(['Network'], ['acme']));
    const bystander = track(await agent(['Network'], ['acme']));
    const hardwareOnly = track(await agent(['Hardware'], ['acme']));
    const user = track(await endUser());
    const id = (await user.startSession('transfer me', 'vpn')).session.sessionId;
    await from.accept(id);
    const targets = (await from.transferTargets(id)).agents.map((a) => a.id);
    expect(targets).toEqual(expect.arrayContaining([to.id, bystander.id]));
    expect(targets).not.toContain(from.id);
    expect(targets).not.toContain(hardwareOnly.id);
    await from.transferToAgent(id, to.id, 'Knows VPN');
    await eventually(() => expect(to.model.ids('transferred')).toEqual([id]));
    await eventually(() => expect(from.model.ids('myChats')).not.toContain(id));
    await expect(bystander.accept(id)).rejects.toMatchObject({ code: 'NOT_TRANSFER_TARGET' });
    const accepted = await to.accept(id);
    expect(accepted.session.history.find((e) => e.type === 'SideNoteAdded')).toMatchObject({ text: 'Knows VPN' });
    await eventually(() => expect(to.model.ids('myChats')).toEqual([id]));
    await to.end(id);
  });

  it('R5.3 transfer refused: to oneself, to an offline agent, to an agent outside the R6 list', async () => {
    const from = track(await agent(['Network']));
    const user = track(await endUser());
    const id = (await user.startSession('refusals', 'vpn')).session.sessionId;
    await from.accept(id);
    await expect(from.transferToAgent(id, from.id)).rejects.toMatchObject({ code: 'TRANSFER_TARGET_NOT_ELIGIBLE' });
    const offlineId = `ag-offline${++n}`;
    await stack.addAgent(offlineId, { queues: ['Network'] });
    await expect(from.transferToAgent(id, offlineId)).rejects.toMatchObject({ code: 'TRANSFER_TARGET_NOT_ELIGIBLE' });
    const hardware = track(await agent(['Hardware']));
    await expect(from.transferToAgent(id, hardware.id)).rejects.toMatchObject({ code: 'TRANSFER_TARGET_NOT_ELIGIBLE' });
    await from.end(id);
  });

  it('R7 transfer to a queue: refused unless Support Queues and Use Topics are on; then QUEUED in the target queue\'s Queue tabs', async () => {
    const from = track(await agent(['Network']));
    const hardware = track(await agent(['Hardware']));
    const user = track(await endUser());
    const id = (await user.startSession('laptop, not VPN', 'vpn')).session.sessionId;
    await from.accept(id);
    await stack.saveSettings({ useTopics: false });
    try {
      await eventually(() => expect(from.transferToQueue(id, 'Hardware')).rejects.toMatchObject({ code: 'QUEUE_TRANSFER_DISABLED' }));
    } finally {
      await stack.saveSettings({ useTopics: true });
    }
    await eventually(async () => expect((await from.command('session.transferToQueue', { sessionId: id, queue: 'Hardware', sideNote: 'hardware issue' })).ok).toBe(true));
    await eventually(() => expect(hardware.model.ids('queue')).toContain(id));
    await eventually(() => expect(from.model.ids('myChats')).not.toContain(id));
    const taken = await hardware.accept(id);
    expect(taken.session.queue).toBe('Hardware');
    await hardware.end(id);
  });

  it('R9 R14 tickets: one per session; ending needs the ticket choice; resolve-and-end resolves it', async () => {
    const a = track(await agent(['Network']));
    const user = track(await endUser());
    const id = (await user.startSession('ticket please', 'vpn')).session.sessionId;
    await a.accept(id);
    const { ticketId } = await a.createTicket(id, 'VPN unstable');
    expect(ticketId).toMatch(/^T-/);
    await expect(a.createTicket(id, 'again')).rejects.toMatchObject({ code: 'TICKET_EXISTS' });
    const info = await a.customerInfo(id);
    expect(info.openTickets).toEqual([{ ticketId, summary: 'VPN unstable', sessionId: id }]);
    await expect(a.end(id)).rejects.toMatchObject({ code: 'TICKET_CHOICE_REQUIRED' });
    const ended = await a.end(id, true);
    expect(ended.events.map((e) => e.type)).toEqual(['TicketResolved', 'SessionClosed']);
  });

  it('R9.2 ending without a ticket closes the session; R10 abandoning cancels a linked ticket first', async () => {
    const a = track(await agent(['Network']));
    const u1 = track(await endUser());
    const s1 = (await u1.startSession('end me', 'vpn')).session.sessionId;
    await a.accept(s1);
    expect((await a.end(s1)).events.map((e) => e.type)).toEqual(['SessionClosed']);
    const u2 = track(await endUser());
    const s2 = (await u2.startSession('abandon me', 'vpn')).session.sessionId;
    await a.accept(s2);
    await a.createTicket(s2, 'gone user');
    expect((await a.abandon(s2)).events.map((e) => e.type)).toEqual(['TicketCancelled', 'SessionAbandoned']);
  });

  it('R15 customer information, resources and knowledge search are for the owner', async () => {
    const owner = track(await agent(['Network']));
    const other = track(await agent(['Network']));
    const user = track(await endUser());
    const id = (await user.startSession('info', 'vpn')).session.sessionId;
    await owner.accept(id);
    expect((await owner.customerInfo(id)).email).toBe(`${user.hello!.principal.id}@example.test`);
    expect((await owner.resources(id)).knowledgeArticles.length).toBeGreaterThan(0);
    await expect(other.customerInfo(id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(other.resources(id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const found = await owner.searchKnowledge('vpn');
    expect(found.articles.map((a) => a.id)).toContain('kb-vpn-reset');
    expect((await owner.searchKnowledge('(unbalanced[')).articles).toEqual([]);
    await owner.end(id);
  });

  it('R16 request control: a link into the console for the chosen device; without a console URL a clear error', async () => {
    const a = track(await agent(['Network']));
    const user = track(await endUser());
    const agentSeen = recorder(a);
    const id = (await user.startSession('take over', 'vpn')).session.sessionId;
    await a.accept(id);
    await expect(a.requestControl(id)).rejects.toMatchObject({ code: 'VALIDATION' });
    const link = await a.requestControl(id, 'lap');
    expect(link).toMatchObject({ assetId: 'lap', deviceId: expect.stringMatching(/^DEV-\d+$/) });
    expect(link.url).toBe(`https://remote.example.test/console?device=${link.deviceId}`);
    await eventually(() => expect(agentSeen.notices(id)).toContain('REMOTE_CONTROL_LINK'));
    await stack.saveSettings({ remoteControlConsoleUrl: '' });
    try {
      await eventually(() => expect(a.requestControl(id, 'lap')).rejects.toMatchObject({ code: 'REMOTE_CONTROL_NOT_CONFIGURED' }));
    } finally {
      await stack.saveSettings({ remoteControlConsoleUrl: 'https://remote.example.test/console?device={deviceId}' });
    }
    await a.end(id);
  });

  it('R18 presence: online while connected, away empties the Queue tab, offline after the grace period', async () => {
    const a = await agent(['Network']);
    const store = stack.gateways[0]!.app.get(AgentStateStore);
    await eventually(async () => expect((await store.get(a.id)).state.presence).toBe('online'));
    const user = track(await endUser());
    const id = (await user.startSession('presence', 'vpn')).session.sessionId;
    await eventually(() => expect(a.model.ids('queue')).toContain(id));
    await a.setPresence('away');
    await eventually(() => expect(a.model.ids('queue')).not.toContain(id));
    expect((await store.get(a.id)).state.presence).toBe('away');
    await a.setPresence('online');
    await eventually(() => expect(a.model.ids('queue')).toContain(id));
    a.close();
    // Within the grace period the agent stays online.
    await consistently(async () => expect((await store.get(a.id)).state.presence).toBe('online'), { forMs: 500 });
    await eventually(async () => expect((await store.get(a.id)).state.presence).toBe('offline'), { timeoutMs: 10_000 });
    await user.cancel(id);
  });

  it('R17 an administrator inspects any session and force-closes a stuck one: agent and end user are told, My Chats drops it', async () => {
    const a = track(await agent(['Network']));
    const user = track(await endUser());
    const userSeen = recorder(user);
    const agentSeen = recorder(a);
    const id = (await user.startSession('stuck', 'vpn')).session.sessionId;
    await a.accept(id);
    await a.sideNote(id, 'admin may read this');
    const admin = track(await stack.client('admin'));
    const inspected = await admin.resume(id, 0);
    expect(inspected.events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', 'SideNoteAdded']);
    // The admin REST API sends this command with the administrator as actor.
    const chat = new ChatActorClient(stack.nc, stack.subjects, { partitions: 8 });
    const closed = await chat.send({ type: 'ForceClose', commandId: randomUUID(), sessionId: id, actor: { role: 'admin', id: 'admin' }, comment: 'stuck' });
    expect(closed.ok).toBe(true);
    await eventually(() => expect(userSeen.notices(id)).toContain('SESSION_ENDED'));
    await eventually(() => expect(agentSeen.notices(id)).toContain('SESSION_ENDED'));
    await eventually(() => expect(a.model.ids('myChats')).not.toContain(id));
  });
});
