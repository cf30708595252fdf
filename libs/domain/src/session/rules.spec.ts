import { decide } from './decide';
import { applyEvents } from './evolve';
import { isVisibleToEndUser } from './history';
import { agent, agentActor, admin, at, C, context, END_USER, endUser, settings, system } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

const routed = settings({ supportQueues: true, useTopics: true });

describe('R1 start', () => {
  it('R1 start: the session starts QUEUED in General with the description, end user and company', () => {
    const s = new Scenario();
    const events = s.ok(C.start({ description: '  VPN is down  ' }));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({ type: 'SessionStarted', seq: 1, at: at(0), sessionId: 's-1', by: endUser() });
    expect(s.s).toMatchObject({
      status: 'QUEUED',
      queue: 'General',
      companyId: 'acme',
      endUserId: 'u-1',
      endUserName: 'Uma User',
      requestId: 'req-1',
      description: 'VPN is down',
      version: 1,
      cancelledByUser: false,
      userLeft: false,
      createdAt: at(0),
      queuedAt: at(0),
    });
    expect(s.s.ownerAgentId).toBeUndefined();
    expect(s.s.topic).toBeUndefined();
  });

  it('R1 start: with Support Queues and Use Topics on, the queue is the topic queue', () => {
    const s = new Scenario(context({ settings: routed }));
    s.ok(C.start({ topic: 'vpn' }));
    expect(s.s).toMatchObject({ queue: 'Network', topic: 'vpn' });
  });

  it('R1 start: with Use Topics on and Support Queues off, the topic is kept and the queue is General', () => {
    const s = new Scenario(context({ settings: settings({ useTopics: true }) }));
    s.ok(C.start({ topic: 'password' }));
    expect(s.s).toMatchObject({ queue: 'General', topic: 'password' });
  });

  it('R1 start: with Use Topics on a topic is required and must exist', () => {
    const s = new Scenario(context({ settings: routed }));
    s.refused(C.start(), 'TOPIC_REQUIRED');
    s.refused(C.start({ topic: 'printer' }), 'TOPIC_NOT_FOUND');
    expect(s.state).toBeUndefined();
  });

  it('R1 start: with Use Topics off a topic sent by a stale widget is ignored', () => {
    const s = new Scenario();
    s.ok(C.start({ topic: 'vpn' }));
    expect(s.s).toMatchObject({ queue: 'General' });
    expect(s.s.topic).toBeUndefined();
  });

  it('R1 start: an unknown end user is refused (an empty description or a missing request id: the command contract, libs/contracts)', () => {
    const s = new Scenario();
    s.with({ endUser: undefined }).refused(C.start(), 'CONTEXT_INCOMPLETE');
  });

  it('R1 start: an end user starts a session only for themselves, and only end users start sessions', () => {
    const s = new Scenario();
    s.refused(C.start({ actor: endUser('u-2') }), 'FORBIDDEN');
    s.refused(C.start({ actor: agentActor('a1') }), 'FORBIDDEN');
  });

  it('R1.1 start: repeating the request (another command id, same request id) returns the first session', () => {
    const s = Scenario.started();
    const first = s.log[0];
    s.ok(C.accept('a1'));
    const d = s.run(C.start({ requestId: 'req-1' }));
    expect(d).toEqual({ ok: true, duplicate: true, events: [first] });
    expect(s.s.status).toBe('ASSIGNED');
  });

  it('R1.1 start: a start with another request id for an existing session id is refused', () => {
    const s = Scenario.started();
    s.refused(C.start({ requestId: 'req-2' }), 'SESSION_EXISTS');
  });

  it('R1.1 start: another end user repeating the request id is forbidden', () => {
    const s = Scenario.started();
    s.refused(C.start({ actor: endUser('u-2') }), 'FORBIDDEN');
  });

  it('R1 start: commands other than start on a session that does not exist are refused', () => {
    const s = new Scenario();
    s.refused(C.accept('a1'), 'SESSION_NOT_FOUND');
    s.refused(C.say(endUser()), 'SESSION_NOT_FOUND');
  });
});

describe('R2 queue tab', () => {
  it('R2 queue tab: an agent who cannot see the queued session (other queue) cannot accept it', () => {
    const ctx = context({
      settings: routed,
      agents: [agent('a1', { queues: ['Network'] }), agent('a2', { queues: ['Accounts'] })],
    });
    const s = new Scenario(ctx);
    s.ok(C.start({ topic: 'vpn' }));
    s.refused(C.accept('a2'), 'FORBIDDEN');
    s.ok(C.accept('a1'));
  });

  it('R2 queue tab: with Company filter on, an agent of another company cannot accept', () => {
    const ctx = context({
      settings: settings({ companyFilter: true }),
      agents: [agent('a1', { companies: ['globex'] }), agent('a2', { companies: ['acme', 'globex'] })],
    });
    const s = Scenario.started(ctx);
    s.refused(C.accept('a1'), 'FORBIDDEN');
    s.ok(C.accept('a2'));
  });
});

describe('R3 accept', () => {
  it('R3.1 accept: the session becomes ASSIGNED to the accepting agent', () => {
    const s = Scenario.started();
    const [e] = s.ok(C.accept('a1'));
    expect(e).toMatchObject({ type: 'SessionAssigned', agentId: 'a1', agentName: 'Agent A1', via: 'accept', seq: 2 });
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'a1', participants: ['a1'] });
    expect(s.s.queuedAt).toBeUndefined();
  });

  it('R3.2 accept: the event carries the display name the end user is shown', () => {
    const s = Scenario.started(context({ agents: [agent('a1', { displayName: 'Alice' })] }));
    expect(s.ok(C.accept('a1'))[0]).toMatchObject({ agentName: 'Alice' });
  });

  it('R3.3 accept: the accepting agent gets the whole history with side notes of earlier agents', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.say(endUser(), 'help'));
    s.ok(C.transfer('a1', 'a2', 'user is on Windows 11'));
    s.ok(C.accept('a2'));
    expect(s.types()).toEqual(['SessionStarted', 'SessionAssigned', 'MessagePosted', 'SideNoteAdded', 'TransferRequested', 'SessionAssigned']);
    expect(s.log.find((e) => e.type === 'SideNoteAdded')).toMatchObject({ text: 'user is on Windows 11', authorId: 'a1' });
  });

  it('R3.4 accept: of several agents accepting the same session, exactly one succeeds, the others get ALREADY_TAKEN', () => {
    const s = Scenario.started();
    s.ok(C.accept('a2'));
    s.refused(C.accept('a1'), 'ALREADY_TAKEN');
    s.refused(C.accept('a3'), 'ALREADY_TAKEN');
    const again = s.refused(C.accept('a2'), 'ALREADY_TAKEN');
    expect(again.message).toMatch(/already have/);
    expect(s.s.ownerAgentId).toBe('a2');
  });

  it('R3.4 accept: an agent may hold many sessions at once (no cap on manual accept)', () => {
    const ctx = context({ settings: settings({ maxConcurrentChatsPerAgent: 1 }), agents: [agent('a1', { load: 5 })] });
    expect(Scenario.assignedTo('a1', ctx).s.ownerAgentId).toBe('a1');
  });

  it('R3 accept: an offline or away agent cannot accept from the Queue tab', () => {
    const s = Scenario.started(context({ agents: [agent('a1', { presence: 'away' }), agent('a2', { presence: 'offline' })] }));
    s.refused(C.accept('a1'), 'AGENT_UNAVAILABLE');
    s.refused(C.accept('a2'), 'AGENT_UNAVAILABLE');
  });

  it('R3 accept: the acting agent must be in the context', () => {
    Scenario.started(context({ agents: [] })).refused(C.accept('a1'), 'CONTEXT_INCOMPLETE');
  });
});

describe('R4 agent auto accept', () => {
  const auto = (over = {}) => context({ settings: settings({ agentAutoAccept: true, ...over }) });

  it('R4.1 auto-assign: the router assigns a QUEUED session to the proposed agent', () => {
    const s = Scenario.started(auto());
    const [e] = s.ok(C.autoAssign('a2'));
    expect(e).toMatchObject({ type: 'SessionAssigned', agentId: 'a2', via: 'autoAssign', by: system() });
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'a2' });
  });

  it('R4.1 auto-assign: the actor has the last word: offline, away, not eligible, at cap are refused', () => {
    const ctx = context({
      settings: settings({ agentAutoAccept: true, supportQueues: true, useTopics: true, maxConcurrentChatsPerAgent: 2 }),
      agents: [
        agent('off', { presence: 'offline', queues: ['Network'] }),
        agent('away', { presence: 'away', queues: ['Network'] }),
        agent('other', { queues: ['Accounts'] }),
        agent('full', { queues: ['Network'], load: 2 }),
        agent('own-cap', { queues: ['Network'], load: 2, cap: 3 }),
      ],
    });
    const s = new Scenario(ctx);
    s.ok(C.start({ topic: 'vpn' }));
    s.refused(C.autoAssign('off'), 'AGENT_UNAVAILABLE');
    s.refused(C.autoAssign('away'), 'AGENT_UNAVAILABLE');
    s.refused(C.autoAssign('other'), 'AGENT_NOT_ELIGIBLE');
    s.refused(C.autoAssign('full'), 'AGENT_AT_CAPACITY');
    s.refused(C.autoAssign('nobody'), 'CONTEXT_INCOMPLETE');
    s.ok(C.autoAssign('own-cap'));
  });

  it('R4.1 auto-assign: a slot reserved by the router (A6) is counted once', () => {
    const ctx = auto({ maxConcurrentChatsPerAgent: 2 });
    const s = Scenario.started({ ...ctx, agents: [agent('a1', { load: 2 })] });
    s.refused(C.autoAssign('a1'), 'AGENT_AT_CAPACITY');
    s.ok(C.autoAssign('a1', true));
  });

  it('R4.1 auto-assign: only a QUEUED session is assigned; an assigned one is ALREADY_TAKEN', () => {
    const s = Scenario.started(auto());
    s.ok(C.autoAssign('a1'));
    s.refused(C.autoAssign('a2'), 'ALREADY_TAKEN');
    s.ok(C.transfer('a1', 'a2'));
    s.refused(C.autoAssign('a3'), 'INVALID_STATE');
  });

  it('R4.1 auto-assign: released and queue-transferred sessions are QUEUED again and can be auto-assigned', () => {
    const net = ['Network'];
    const s = Scenario.started({
      ...auto({ supportQueues: true, useTopics: true }),
      agents: [agent('a1', { queues: net }), agent('a2', { queues: net }), agent('a3')],
    });
    expect(s.s.queue).toBe('Network');
    s.ok(C.autoAssign('a1'));
    s.ok(C.release('a1'));
    s.ok(C.autoAssign('a2'));
    s.ok(C.transferToQueue('a2', 'General'));
    s.ok(C.autoAssign('a3'));
    expect(s.s.ownerAgentId).toBe('a3');
  });

  it('R4.2 auto accept on: agents cannot pick from the Queue tab', () => {
    Scenario.started(auto()).refused(C.accept('a1'), 'MANUAL_ACCEPT_DISABLED');
  });

  it('R4.2 auto accept on: transfers are still accepted manually, whatever the cap', () => {
    const ctx = auto({ maxConcurrentChatsPerAgent: 1 });
    const s = Scenario.started({ ...ctx, agents: [agent('a1'), agent('a2', { load: 7 })] });
    s.ok(C.autoAssign('a1'));
    s.ok(C.transfer('a1', 'a2'));
    s.ok(C.accept('a2'));
    expect(s.s.ownerAgentId).toBe('a2');
  });

  it('R4.3 auto accept off: the router may not assign; agents accept from both tabs', () => {
    const s = Scenario.started();
    s.refused(C.autoAssign('a1'), 'AUTO_ACCEPT_OFF');
    s.ok(C.accept('a1'));
    s.ok(C.transfer('a1', 'a2'));
    s.ok(C.accept('a2'));
  });
});

describe('R5 transfer to an agent', () => {
  it('R5.1 transfer to agent: status becomes PENDING_TRANSFER to the target, leaving the initiator', () => {
    const s = Scenario.assignedTo('a1');
    const events = s.ok(C.transfer('a1', 'a2', 'Needs VPN profile reset'));
    expect(events.map((e) => e.type)).toEqual(['SideNoteAdded', 'TransferRequested']);
    expect(events[1]).toMatchObject({ fromAgentId: 'a1', fromAgentName: 'Agent A1', toAgentId: 'a2', toAgentName: 'Agent A2' });
    expect(s.s).toMatchObject({ status: 'PENDING_TRANSFER', transferTargetAgentId: 'a2', transferFromAgentId: 'a1' });
    expect(s.s.ownerAgentId).toBeUndefined();
  });

  it('R5.1 transfer to agent: only the target can accept it', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    s.refused(C.accept('a3'), 'NOT_TRANSFER_TARGET');
    s.refused(C.accept('a1'), 'NOT_TRANSFER_TARGET');
    const [e] = s.ok(C.accept('a2'));
    expect(e).toMatchObject({ type: 'SessionAssigned', agentId: 'a2', via: 'transfer', fromAgentId: 'a1' });
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'a2', participants: ['a1', 'a2'] });
    expect(s.s.transferTargetAgentId).toBeUndefined();
  });

  it('R5.1 transfer to agent: the initiator no longer owns it and the target must accept before acting', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    expect(s.refused(C.end('a1'), 'NOT_OWNER').message).toMatch(/transferred/);
    expect(s.refused(C.release('a2'), 'INVALID_STATE').message).toMatch(/Accept the transfer/);
    s.refused(C.say(agentActor('a1')), 'NOT_OWNER');
  });

  it('R5.1 transfer to agent: an empty side note is left out', () => {
    const s = Scenario.assignedTo('a1');
    expect(s.ok(C.transfer('a1', 'a2', '   ')).map((e) => e.type)).toEqual(['TransferRequested']);
  });

  it('R5.2 transfer to agent: history is preserved', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.say(endUser(), 'hi'));
    const before = s.log;
    s.ok(C.transfer('a1', 'a2'));
    expect(s.log.slice(0, before.length)).toEqual(before);
  });

  it('R5.3 transfer to agent: the initiator itself, an offline target, an unknown agent or one outside R6 is refused', () => {
    const ctx = context({
      settings: settings({ companyFilter: true }),
      agents: [agent('a1'), agent('off', { presence: 'offline' }), agent('away', { presence: 'away' }), agent('other', { companies: ['globex'] })],
    });
    const s = Scenario.assignedTo('a1', ctx);
    expect(s.refused(C.transfer('a1', 'a1'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'self' });
    expect(s.refused(C.transfer('a1', 'off'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'offline' });
    expect(s.refused(C.transfer('a1', 'away'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'offline' });
    expect(s.refused(C.transfer('a1', 'ghost'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'unknown' });
    expect(s.refused(C.transfer('a1', 'other'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'notEligible' });
  });

  it('R5 transfer to agent: only the owner of an ASSIGNED session transfers', () => {
    const s = Scenario.started();
    s.refused(C.transfer('a1', 'a2'), 'NOT_OWNER');
    s.ok(C.accept('a1'));
    s.refused(C.transfer('a3', 'a2'), 'NOT_OWNER');
  });

  it('R5.4 target went offline: the session returns to QUEUED in its queue', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    s.with({ now: at(5), agents: [agent('a1'), agent('a2', { presence: 'offline' })] });
    const [e] = s.ok(C.targetOffline('a2'));
    expect(e).toMatchObject({ type: 'TransferReverted', reason: 'targetOffline', targetAgentId: 'a2', fromAgentId: 'a1', queue: 'General' });
    expect(s.s).toMatchObject({ status: 'QUEUED', queue: 'General', queuedAt: at(5) });
    expect(s.s.transferTargetAgentId).toBeUndefined();
    s.ok(C.accept('a1'));
  });

  it('R5.4 target went offline: refused unless the session waits for that agent and the agent is offline', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.targetOffline('a2'), 'INVALID_STATE');
    s.ok(C.transfer('a1', 'a2'));
    s.refused(C.targetOffline('a3'), 'INVALID_STATE');
    s.refused(C.targetOffline('a2'), 'INVALID_STATE'); // still online
    s.with({ agents: [] }).refused(C.targetOffline('a2'), 'CONTEXT_INCOMPLETE');
    s.refused(cmdAs(C.targetOffline('a2'), agentActor('a2')), 'FORBIDDEN');
  });

  it('R5.4 target went offline: a session the end user already cancelled is closed instead of re-queued', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    s.ok(C.cancel());
    s.with({ agents: [agent('a2', { presence: 'offline' })] });
    expect(s.ok(C.targetOffline('a2')).map((e) => e.type)).toEqual(['TransferReverted', 'SessionClosed']);
    expect(s.s).toMatchObject({ status: 'CLOSED', cancelledByUser: true });
  });
});

describe('R6 transfer targets (decide)', () => {
  const ctx = (companyFilter: boolean) =>
    context({
      settings: settings({ supportQueues: true, useTopics: true, companyFilter }),
      agents: [
        agent('a1', { queues: ['Network'] }),
        agent('net-acme', { queues: ['Network'], companies: ['acme'] }),
        agent('net-globex', { queues: ['Network'], companies: ['globex'] }),
        agent('acc-acme', { queues: ['Accounts'], companies: ['acme'] }),
      ],
    });

  it('R6 other queue, company filter off: any online agent of the queue, any company; not of other queues', () => {
    const s = new Scenario(ctx(false));
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.refused(C.transfer('a1', 'acc-acme'), 'TRANSFER_TARGET_NOT_ELIGIBLE');
    s.ok(C.transfer('a1', 'net-globex'));
  });

  it('R6 other queue, company filter on: the queue and the end user company', () => {
    const s = new Scenario(ctx(true));
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.refused(C.transfer('a1', 'net-globex'), 'TRANSFER_TARGET_NOT_ELIGIBLE');
    s.ok(C.transfer('a1', 'net-acme'));
  });
});

describe('R7 transfer to a support queue', () => {
  const routedCtx = () => context({ settings: routed, agents: [agent('a1', { queues: ['Network'] }), agent('a2', { queues: ['Accounts'] })] });

  it('R7 transfer to queue: refused unless Support Queues and Use Topics are both on', () => {
    for (const s of [settings(), settings({ supportQueues: true }), settings({ useTopics: true })]) {
      const sc = Scenario.assignedTo('a1', context({ settings: s }));
      sc.refused(C.transferToQueue('a1', 'Network'), 'QUEUE_TRANSFER_DISABLED');
    }
  });

  it('R7.1 transfer to queue: status QUEUED, queue changed, owner gone, with a side note', () => {
    const s = new Scenario(routedCtx());
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.with({ now: at(3) });
    const events = s.ok(C.transferToQueue('a1', 'Accounts', 'password issue, not VPN'));
    expect(events.map((e) => e.type)).toEqual(['SideNoteAdded', 'TransferredToQueue']);
    expect(events[1]).toMatchObject({ fromAgentId: 'a1', fromQueue: 'Network', toQueue: 'Accounts' });
    expect(s.s).toMatchObject({ status: 'QUEUED', queue: 'Accounts', queuedAt: at(3) });
    expect(s.s.ownerAgentId).toBeUndefined();
  });

  it('R7.1 transfer to queue: an unknown queue is refused; the queues must be in the context', () => {
    const s = new Scenario(routedCtx());
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.refused(C.transferToQueue('a1', 'Printers'), 'QUEUE_NOT_FOUND');
    s.with({ queues: undefined }).refused(C.transferToQueue('a1', 'Accounts'), 'CONTEXT_INCOMPLETE');
    s.refused(C.transferToQueue('a2', 'Accounts'), 'NOT_OWNER');
  });

  it('R7.2 transfer to queue: auto accept off: agents of the target queue accept it, others cannot', () => {
    const s = new Scenario(routedCtx());
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.ok(C.transferToQueue('a1', 'Accounts'));
    s.refused(C.accept('a1'), 'FORBIDDEN');
    s.ok(C.accept('a2'));
  });

  it('R7.2 transfer to queue: auto accept on: assigned among the target queue agents', () => {
    const s = new Scenario({ ...routedCtx(), settings: { ...routed, agentAutoAccept: true } });
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.autoAssign('a1'));
    s.ok(C.transferToQueue('a1', 'Accounts'));
    s.refused(C.autoAssign('a1'), 'AGENT_NOT_ELIGIBLE');
    s.ok(C.autoAssign('a2'));
  });

  it('R7.3 transfer to queue: history is preserved', () => {
    const s = new Scenario(routedCtx());
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    s.ok(C.say(endUser(), 'still broken'));
    const before = s.log;
    s.ok(C.transferToQueue('a1', 'Accounts'));
    s.ok(C.accept('a2'));
    expect(s.log.slice(0, before.length)).toEqual(before);
  });
});

describe('R8 release', () => {
  it('R8 release: the owner releases; the session returns to QUEUED in the same queue with history kept', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.note('a1', 'tried restart'));
    s.with({ now: at(9) });
    const [e] = s.ok(C.release('a1'));
    expect(e).toMatchObject({ type: 'SessionReleased', agentId: 'a1', agentName: 'Agent A1', queue: 'General' });
    expect(s.s).toMatchObject({ status: 'QUEUED', queue: 'General', queuedAt: at(9) });
    expect(s.s.ownerAgentId).toBeUndefined();
    expect(s.types()).toContain('SideNoteAdded');
    s.ok(C.accept('a2'));
  });

  it('R8 release: only the owner releases, and only an ASSIGNED session', () => {
    const s = Scenario.started();
    s.refused(C.release('a1'), 'NOT_OWNER');
    s.ok(C.accept('a1'));
    s.refused(C.release('a2'), 'NOT_OWNER');
  });

  it('R8 release: a session the end user cancelled is not released (end or abandon it)', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.cancel());
    s.refused(C.release('a1'), 'USER_CANCELLED');
  });
});

describe('R9 end chat', () => {
  it('R9.1 end chat: with a ticket, resolve and end: ticket Resolved then session CLOSED', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    const events = s.ok(C.end('a1', true));
    expect(events.map((e) => e.type)).toEqual(['TicketResolved', 'SessionClosed']);
    expect(s.s).toMatchObject({ status: 'CLOSED', ticket: { ticketId: 'T-100', status: 'Resolved' }, closedAt: at(0) });
  });

  it('R9.1 end chat: with a ticket, end without resolving: ticket unchanged', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    expect(s.ok(C.end('a1', false)).map((e) => e.type)).toEqual(['SessionClosed']);
    expect(s.s).toMatchObject({ status: 'CLOSED', ticket: { status: 'Open' } });
  });

  it('R9.1 end chat: with a ticket and no choice (dialog cancelled), nothing changes', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    s.refused(C.end('a1'), 'TICKET_CHOICE_REQUIRED');
    expect(s.s.status).toBe('ASSIGNED');
  });

  it('R9.2 end chat: without a ticket the session becomes CLOSED; asking to resolve is NO_TICKET', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.end('a1', true), 'NO_TICKET');
    const [e] = s.ok(C.end('a1'));
    expect(e).toMatchObject({ type: 'SessionClosed', reason: 'agentEnded', agentId: 'a1', previousStatus: 'ASSIGNED' });
    expect(s.s.status).toBe('CLOSED');
    expect(s.s.ownerAgentId).toBeUndefined();
  });

  it('R9 end chat: only the owner ends', () => {
    const s = Scenario.started();
    s.refused(C.end('a1'), 'NOT_OWNER');
    s.ok(C.accept('a1'));
    s.refused(C.end('a2'), 'NOT_OWNER');
  });

  it('R9.3 end chat: the end user sees the end in their history', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.end('a1'));
    expect(s.log.filter(isVisibleToEndUser).at(-1)).toMatchObject({ type: 'SessionClosed' });
  });
});

describe('R10 abandon', () => {
  it('R10 abandon: with a linked ticket, the ticket is cancelled first, then the session is ABANDONED', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    s.ok(C.left());
    const events = s.ok(C.abandon('a1'));
    expect(events.map((e) => e.type)).toEqual(['TicketCancelled', 'SessionAbandoned']);
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
    expect(s.s).toMatchObject({ status: 'ABANDONED', ticket: { status: 'Cancelled' } });
  });

  it('R10 abandon: without a ticket, only the session is abandoned; only by the owner', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.abandon('a2'), 'NOT_OWNER');
    expect(s.ok(C.abandon('a1')).map((e) => e.type)).toEqual(['SessionAbandoned']);
    expect(s.s.status).toBe('ABANDONED');
  });

  it('R10 abandon: a QUEUED session cannot be abandoned', () => {
    Scenario.started().refused(C.abandon('a1'), 'NOT_OWNER');
  });
});

describe('R11 end user cancels', () => {
  it('R11.1 cancel: a QUEUED session becomes CLOSED, flagged cancelled', () => {
    const s = Scenario.started();
    expect(s.ok(C.cancel()).map((e) => e.type)).toEqual(['UserCancelled', 'SessionClosed']);
    expect(s.s).toMatchObject({ status: 'CLOSED', cancelledByUser: true });
    s.refused(C.accept('a1'), 'SESSION_CLOSED');
  });

  it('R11.2 cancel: an ASSIGNED session stays ASSIGNED, flagged, and the agent closes it with R9 or R10', () => {
    const s = Scenario.assignedTo('a1');
    expect(s.ok(C.cancel()).map((e) => e.type)).toEqual(['UserCancelled']);
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'a1', cancelledByUser: true });
    s.refused(C.cancel(), 'USER_CANCELLED');
    s.refused(C.transfer('a1', 'a2'), 'USER_CANCELLED');
    s.ok(C.note('a1', 'user gave up'));
    s.ok(C.ticket('a1'));
    s.ok(C.end('a1', false));
    expect(s.s.status).toBe('CLOSED');
  });

  it('R11.2 cancel: a PENDING_TRANSFER session stays pending, flagged; the target accepts and abandons it', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    s.ok(C.cancel());
    expect(s.s).toMatchObject({ status: 'PENDING_TRANSFER', transferTargetAgentId: 'a2', cancelledByUser: true });
    s.ok(C.accept('a2'));
    s.ok(C.abandon('a2'));
    expect(s.s.status).toBe('ABANDONED');
  });

  it('R11.3 cancel: after cancelling, the end user can no longer post messages (nor the agent)', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.cancel());
    s.refused(C.say(endUser()), 'USER_CANCELLED');
    s.refused(C.say(agentActor('a1')), 'USER_CANCELLED');
  });

  it('R11 cancel: only the end user of the session cancels, and not after close', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.cancel(endUser('u-2')), 'FORBIDDEN');
    s.refused(C.cancel(agentActor('a1')), 'FORBIDDEN');
    s.ok(C.end('a1'));
    s.refused(C.cancel(), 'SESSION_CLOSED');
  });
});

describe('R12 end user leaves', () => {
  it('R12 user left: the session is flagged userLeft, then cleared when the user returns; nothing else changes', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.left());
    expect(s.s).toMatchObject({ userLeft: true, status: 'ASSIGNED', ownerAgentId: 'a1' });
    s.refused(C.left(), 'INVALID_STATE');
    s.ok(C.returned(endUser()));
    expect(s.s.userLeft).toBe(false);
    s.refused(C.returned(), 'INVALID_STATE');
  });

  it('R12 user left: the agent may then abandon it (R10)', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.left());
    s.ok(C.abandon('a1'));
    expect(s.s).toMatchObject({ status: 'ABANDONED', userLeft: true });
  });

  it('R12 user left: only the system (gateway) marks an end user gone; an agent cannot', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.left(agentActor('a1')), 'FORBIDDEN');
    s.refused(C.left(endUser()), 'FORBIDDEN');
    s.refused(C.returned(endUser('u-2')), 'FORBIDDEN');
  });
});

describe('R13 history', () => {
  it('R13 history: every message, note and system event is kept in order across transfer and release', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.say(endUser(), 'hello'));
    s.ok(C.say(agentActor('a1'), 'hi, checking'));
    s.ok(C.transfer('a1', 'a2', 'note'));
    s.ok(C.accept('a2'));
    s.ok(C.release('a2'));
    s.ok(C.accept('a3'));
    s.ok(C.end('a3'));
    expect(s.types()).toEqual([
      'SessionStarted',
      'SessionAssigned',
      'MessagePosted',
      'MessagePosted',
      'SideNoteAdded',
      'TransferRequested',
      'SessionAssigned',
      'SessionReleased',
      'SessionAssigned',
      'SessionClosed',
    ]);
    expect(s.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.s.version).toBe(10);
    expect(s.log[3]).toMatchObject({ from: 'agent', authorId: 'a1', authorName: 'Agent A1', text: 'hi, checking' });
  });

  it('R13 history: end users see messages and notifications, never side notes', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.note('a1', 'secret'));
    s.ok(C.say(endUser(), 'hi'));
    s.ok(C.transfer('a1', 'a2', 'another secret'));
    const view = s.log.filter(isVisibleToEndUser);
    expect(view.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', 'MessagePosted', 'TransferRequested']);
    expect(JSON.stringify(view)).not.toContain('secret');
  });

  it('R13 history: only the owner adds side notes', () => {
    const s = Scenario.started();
    s.refused(C.note('a1'), 'NOT_OWNER');
    s.refused(cmdAs(C.note('a1'), endUser()), 'FORBIDDEN');
  });
});

describe('R14 tickets', () => {
  it('R14 ticket: the owner creates one ticket with summary, end user and company', () => {
    const s = Scenario.assignedTo('a1');
    const [e] = s.ok(C.ticket('a1', '  VPN client crashes  '));
    expect(e).toMatchObject({ type: 'TicketCreated', ticketId: 'T-100', summary: 'VPN client crashes', endUserId: 'u-1', companyId: 'acme', agentId: 'a1' });
    expect(s.s.ticket).toEqual({ ticketId: 'T-100', status: 'Open', summary: 'VPN client crashes' });
  });

  it('R14 ticket: at most one ticket per session', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    s.with({ newIds: { ticketId: 'T-101' } }).refused(C.ticket('a1'), 'TICKET_EXISTS');
  });

  it('R14 ticket: only the owner; a missing new id is refused (an empty summary: the command contract, libs/contracts)', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.ticket('a2'), 'NOT_OWNER');
    s.with({ newIds: {} }).refused(C.ticket('a1'), 'CONTEXT_INCOMPLETE');
  });
});

describe('R16 request control', () => {
  const configured = (url = 'https://rc.example.com/console') =>
    context({ settings: settings({ remoteControlConsoleUrl: url }) });

  it('R16 request control: the owner gets a link into the console for the end user device', () => {
    const s = Scenario.assignedTo('a1', configured());
    const [e] = s.ok(C.control('a1'));
    expect(e).toMatchObject({
      type: 'RemoteControlRequested',
      agentId: 'a1',
      assetId: 'asset-1',
      deviceId: 'DEV-001',
      url: 'https://rc.example.com/console?device=DEV-001',
    });
  });

  it('R16 request control: with no console URL configured, a clear error says so', () => {
    const err = Scenario.assignedTo('a1').refused(C.control('a1'), 'REMOTE_CONTROL_NOT_CONFIGURED');
    expect(err.message).toMatch(/console URL/);
  });

  it('R16 request control: only the owner of an ASSIGNED session', () => {
    const s = Scenario.started(configured());
    s.refused(C.control('a1'), 'NOT_OWNER');
    s.ok(C.accept('a1'));
    s.refused(C.control('a2'), 'NOT_OWNER');
  });

  it('R16 request control: the device must be one of the end user assets; with several, one must be chosen', () => {
    const several = { ...END_USER, assets: [{ id: 'pc' }, { id: 'phone', deviceId: 'D 2' }] };
    const s = Scenario.assignedTo('a1', { ...configured('https://rc/{deviceId}/go'), endUser: several });
    s.refused(C.control('a1'), 'VALIDATION');
    s.refused(C.control('a1', 'tablet'), 'ASSET_NOT_FOUND');
    expect(s.ok(C.control('a1', 'phone'))[0]).toMatchObject({ url: 'https://rc/D%202/go' });
    s.with({ endUser: { ...END_USER, assets: [] } }).refused(C.control('a1'), 'ASSET_NOT_FOUND');
    s.with({ endUser: undefined }).refused(C.control('a1'), 'CONTEXT_INCOMPLETE');
  });
});

describe('R17 one master chat record', () => {
  it('R17 force-close: an administrator closes a stuck session in any open status', () => {
    for (const setup of [
      () => Scenario.started(),
      () => Scenario.assignedTo('a1'),
      () => {
        const s = Scenario.assignedTo('a1');
        s.ok(C.transfer('a1', 'a2'));
        return s;
      },
    ]) {
      const s = setup();
      const previous = s.s.status;
      const [e] = s.ok(C.forceClose(admin(), 'stuck since the outage'));
      expect(e).toMatchObject({ type: 'SessionClosed', reason: 'forceClosed', previousStatus: previous, comment: 'stuck since the outage', by: admin() });
      expect(s.s.status).toBe('CLOSED');
      expect(s.s.ownerAgentId).toBeUndefined();
      expect(s.s.transferTargetAgentId).toBeUndefined();
      s.refused(C.forceClose(), 'SESSION_CLOSED');
    }
  });

  it('R17 force-close: only administrators force-close', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.forceClose(agentActor('a1')), 'FORBIDDEN');
    s.refused(C.forceClose(endUser()), 'FORBIDDEN');
    s.refused(C.forceClose(system()), 'FORBIDDEN');
  });

  it('R17 one record: a session is in exactly one status; CLOSED and ABANDONED are terminal for every command', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.end('a1'));
    for (const c of [C.accept('a2'), C.say(endUser()), C.cancel(), C.left(), C.release('a1'), C.ticket('a1'), C.forceClose()]) {
      s.refused(c, 'SESSION_CLOSED');
    }
  });

  it('R17 one record: evolve refuses a second start, a seq gap or an event of another session', () => {
    const s = Scenario.started();
    const started = s.log[0]!;
    expect(() => applyEvents(s.s, [{ ...started, seq: 2 }])).toThrow(/started twice/);
    const accepted = decide(s.s, C.accept('a1'), s.ctx);
    if (!accepted.ok) throw new Error('unexpected');
    expect(() => applyEvents(s.s, [{ ...accepted.events[0]!, seq: 5 }])).toThrow(/expected seq 2/);
    expect(() => applyEvents(s.s, [{ ...accepted.events[0]!, sessionId: 's-2' }])).toThrow(/applied to session/);
    expect(() => applyEvents(undefined, accepted.events)).toThrow(/must be SessionStarted/);
  });

  it('R17 one record: a command addressed to another session is refused', () => {
    const s = Scenario.started();
    s.refused({ ...C.accept('a1'), sessionId: 's-2' }, 'VALIDATION');
  });
});

describe('R18 presence', () => {
  it('R18 presence: an offline owner keeps the ASSIGNED session and can still end it', () => {
    const s = Scenario.assignedTo('a1');
    s.with({ agents: [agent('a1', { presence: 'offline' }), agent('a2')] });
    s.refused(C.accept('a2'), 'ALREADY_TAKEN');
    s.ok(C.say(agentActor('a1'), 'back again'));
    s.ok(C.end('a1'));
  });

  it('R18 presence: offline agents get no offers, transfers or automatic assignments', () => {
    const off = agent('a2', { presence: 'offline' });
    const s = Scenario.started(context({ agents: [agent('a1'), off] }));
    s.refused(C.accept('a2'), 'AGENT_UNAVAILABLE');
    s.ok(C.accept('a1'));
    s.refused(C.transfer('a1', 'a2'), 'TRANSFER_TARGET_NOT_ELIGIBLE');
    const auto = Scenario.started(context({ settings: settings({ agentAutoAccept: true }), agents: [off] }));
    auto.refused(C.autoAssign('a2'), 'AGENT_UNAVAILABLE');
  });
});

describe('R19 who may do what', () => {
  it('R19 authorization: end users act only on their own session', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.say(endUser('u-2')), 'FORBIDDEN');
    s.refused(C.cancel(endUser('u-2')), 'FORBIDDEN');
  });

  it('R19 authorization: end users cannot issue agent commands', () => {
    const s = Scenario.assignedTo('a1');
    for (const c of [C.accept('x'), C.release('x'), C.end('x'), C.abandon('x'), C.ticket('x'), C.control('x'), C.transfer('x', 'a2')]) {
      s.refused(cmdAs(c, endUser()), 'FORBIDDEN');
    }
  });

  it('R19 authorization: agents act only on sessions they own; other agents get NOT_OWNER', () => {
    const s = Scenario.assignedTo('a1');
    for (const c of [C.release('a2'), C.end('a2'), C.abandon('a2'), C.ticket('a2'), C.transfer('a2', 'a3'), C.say(agentActor('a2')), C.note('a2')]) {
      s.refused(c, 'NOT_OWNER');
    }
  });

  it('R19 authorization: auto-assign and target-offline come only from the system role', () => {
    const s = Scenario.started(context({ settings: settings({ agentAutoAccept: true }) }));
    s.refused(cmdAs(C.autoAssign('a1'), agentActor('a1')), 'FORBIDDEN');
    s.refused(cmdAs(C.autoAssign('a1'), admin()), 'FORBIDDEN');
  });

  it('R19 authorization: every refusal has a code and a human message and changes nothing (malformed commands: the command contract, libs/contracts)', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(C.say(agentActor('a2')), 'NOT_OWNER');
    s.refused(cmdAs(C.say(endUser()), endUser('u-2')), 'FORBIDDEN');
    s.refused(C.accept('a2'), 'ALREADY_TAKEN');
    s.refused({ ...C.accept('a1'), sessionId: 's-2' }, 'VALIDATION');
  });
});

function cmdAs<T extends { actor: unknown }>(c: T, actor: T['actor']): T {
  return { ...c, actor };
}
