import { agent, agentActor, admin, at, C, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { DEFAULT_SETTINGS, queueTransferAllowed, validateSettings, type Settings } from '../settings/settings';
import type { AgentInfo } from '../session/context';
import type { SessionState } from '../session/state';
import { canViewCustomerInfo, COMMAND_ROLES } from './authorization';
import { effectiveCap, orderWaitingSessions, pickAgentForAutoAssign } from './auto-assign';
import { canSeeQueuedSession, effectiveQueue } from './eligibility';
import { remoteControlLink } from './remote-control';
import { existingSessionForStart, queueForStart } from './start';
import { transferTargets } from './transfer-targets';

const ids = (agents: readonly AgentInfo[]) => agents.map((a) => a.id).sort();

describe('settings', () => {
  it('settings: defaults of the spec are all off, empty console URL, no cap, no mask patterns', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      supportQueues: false,
      useTopics: false,
      companyFilter: false,
      agentAutoAccept: false,
      remoteControlConsoleUrl: '',
      maxConcurrentChatsPerAgent: 0,
      maskPatterns: [],
      emailTranscripts: false,
      attachmentMaxBytes: 10 * 1024 * 1024,
      attachmentTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
      offerDeclineReasons: ['Busy with another chat', 'Not my area', 'Going on a break'],
      dispositionCodes: ['Resolved', 'Workaround given', 'Escalated', 'No answer from the user'],
      agentIdleMinutes: 0,
      offerLapsePresence: 'notResponding',
    });
  });

  it('R7 settings: queue transfer is allowed only with Support Queues and Use Topics both on', () => {
    expect(queueTransferAllowed(settings())).toBe(false);
    expect(queueTransferAllowed(settings({ supportQueues: true }))).toBe(false);
    expect(queueTransferAllowed(settings({ useTopics: true }))).toBe(false);
    expect(queueTransferAllowed(settings({ supportQueues: true, useTopics: true }))).toBe(true);
  });

  it('settings: an administrator change is validated field by field into complete settings', () => {
    expect(validateSettings({ agentAutoAccept: true, remoteControlConsoleUrl: ' https://rc.local/ ' })).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, agentAutoAccept: true, remoteControlConsoleUrl: 'https://rc.local/' },
    });
    for (const bad of [
      { maxConcurrentChatsPerAgent: -1 },
      { maxConcurrentChatsPerAgent: 1.5 },
      { useTopics: 'yes' },
      { remoteControlConsoleUrl: 'ftp://x' },
      { colour: 'red' },
      { maskPatterns: 'secret' },
      { maskPatterns: ['(unclosed'] },
    ]) {
      const r = validateSettings(bad as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });
});

describe('R1 queue resolution at start', () => {
  const vpn = { queue: 'Network' };

  it('R1 queueForStart: Support Queues on: the topic queue; off or no topic: General', () => {
    expect(queueForStart(settings({ supportQueues: true, useTopics: true }), vpn)).toBe('Network');
    expect(queueForStart(settings({ useTopics: true }), vpn)).toBe('General');
    expect(queueForStart(settings({ supportQueues: true }))).toBe('General');
    expect(queueForStart(DEFAULT_SETTINGS, vpn)).toBe('General');
  });

  it('R1.1 existingSessionForStart: a session with the same request id is returned, whatever its status', () => {
    const closed = { sessionId: 'old', endUserId: 'u-1', requestId: 'r1', status: 'CLOSED' as const };
    expect(existingSessionForStart([closed], { endUserId: 'u-1', requestId: 'r1' })).toBe(closed);
    expect(existingSessionForStart([closed], { endUserId: 'u-1', requestId: 'r2' })).toBeUndefined();
  });

  it('R1.2 existingSessionForStart: an end user with an open session gets that one back', () => {
    const open = { sessionId: 'open', endUserId: 'u-1', requestId: 'r1', status: 'PENDING_TRANSFER' as const };
    const other = { sessionId: 'x', endUserId: 'u-2', requestId: 'r9', status: 'QUEUED' as const };
    expect(existingSessionForStart([other, open], { endUserId: 'u-1', requestId: 'r2' })).toBe(open);
    expect(existingSessionForStart([other], { endUserId: 'u-1', requestId: 'r2' })).toBeUndefined();
  });
});

describe('R2 who sees a queued session', () => {
  const queued = (queue: string, companyId = 'acme') => ({ status: 'QUEUED' as const, queue, companyId });
  const s = settings({ supportQueues: true, useTopics: true });
  /** The agents, among `agents`, whose Queue tab lists the session. */
  const queueWatchers = (session: ReturnType<typeof queued>, agents: readonly AgentInfo[], current: Settings) =>
    agents.filter((a) => canSeeQueuedSession(a, session, current));

  it('R2 queue tab: General sessions are seen by every online agent', () => {
    const agents = [agent('a1'), agent('a2', { queues: ['Network'], companies: ['globex'] }), agent('off', { presence: 'offline' })];
    expect(ids(queueWatchers(queued('General'), agents, s))).toEqual(['a1', 'a2']);
  });

  it('R2 queue tab: other queues are seen by online agents of that queue only', () => {
    const agents = [agent('a1', { queues: ['Network'] }), agent('a2', { queues: ['Accounts'] }), agent('a3', { queues: ['Network'], presence: 'away' })];
    expect(ids(queueWatchers(queued('Network'), agents, s))).toEqual(['a1']);
  });

  it('R2 queue tab: with Company filter on, only agents of the end user company', () => {
    const agents = [agent('a1', { companies: ['acme'] }), agent('a2', { companies: ['globex'] })];
    expect(ids(queueWatchers(queued('General'), agents, settings({ companyFilter: true })))).toEqual(['a1']);
  });

  it('R2 queue tab: only QUEUED sessions are listed', () => {
    expect(canSeeQueuedSession(agent('a1'), { status: 'ASSIGNED', queue: 'General', companyId: 'acme' }, s)).toBe(false);
  });

  it('R2 queue tab: with Support Queues turned off, a session waiting in another queue is in General at once', () => {
    expect(effectiveQueue('Network', DEFAULT_SETTINGS)).toBe('General');
    expect(canSeeQueuedSession(agent('a2', { queues: ['Accounts'] }), queued('Network'), DEFAULT_SETTINGS)).toBe(true);
  });
});

describe('R6 transfer targets', () => {
  const agents = [
    agent('me', { queues: ['Network'], companies: ['acme'] }),
    agent('gen-acme', { companies: ['acme'] }),
    agent('gen-globex', { companies: ['globex'] }),
    agent('net-acme', { queues: ['Network'], companies: ['acme'] }),
    agent('net-globex', { queues: ['Network'], companies: ['globex'] }),
    agent('net-acme-off', { queues: ['Network'], companies: ['acme'], presence: 'offline' }),
    agent('net-acme-away', { queues: ['Network'], companies: ['acme'], presence: 'away' }),
  ];
  const routed = (companyFilter: boolean) => settings({ supportQueues: true, useTopics: true, companyFilter });
  const general = { queue: 'General', companyId: 'acme' };
  const network = { queue: 'Network', companyId: 'acme' };

  it('R6 row 1 (General, company filter off): all online agents, never the initiator', () => {
    expect(ids(transferTargets(general, 'me', agents, routed(false)))).toEqual(['gen-acme', 'gen-globex', 'net-acme', 'net-globex']);
  });

  it('R6 row 2 (General, company filter on): online agents of the end user company', () => {
    expect(ids(transferTargets(general, 'me', agents, routed(true)))).toEqual(['gen-acme', 'net-acme']);
  });

  it('R6 row 3 (other queue, company filter off): online agents of the queue, any company', () => {
    expect(ids(transferTargets(network, 'me', agents, routed(false)))).toEqual(['net-acme', 'net-globex']);
  });

  it('R6 row 4 (other queue, company filter on): online agents of the queue and of the end user company', () => {
    expect(ids(transferTargets(network, 'me', agents, routed(true)))).toEqual(['net-acme']);
  });
});

describe('R4.1 automatic pick', () => {
  const s = settings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 3 });
  const session = { queue: 'General', companyId: 'acme' };

  it('R4.1 pick: the eligible online agent with the lowest load', () => {
    const agents = [agent('a1', { load: 2 }), agent('a2', { load: 1 }), agent('a3', { load: 0, presence: 'offline' }), agent('a4', { load: 0, companies: ['globex'] })];
    expect(pickAgentForAutoAssign(session, agents, { ...s, companyFilter: true })?.id).toBe('a2');
  });

  it('R4.1 pick: ties go to the agent idle longest (never assigned counts as idle longest)', () => {
    const agents = [agent('a1', { load: 1, idleSince: at(10) }), agent('a2', { load: 1, idleSince: at(2) }), agent('a3', { load: 1, idleSince: at(5) })];
    expect(pickAgentForAutoAssign(session, agents, s)?.id).toBe('a2');
    expect(pickAgentForAutoAssign(session, [...agents, agent('a4', { load: 1 })], s)?.id).toBe('a4');
  });

  it('R4.1 pick: only agents below the cap; per-agent cap overrides the setting; none available: undefined', () => {
    expect(pickAgentForAutoAssign(session, [agent('a1', { load: 3 })], s)).toBeUndefined();
    expect(pickAgentForAutoAssign(session, [agent('a1', { load: 3, cap: 4 })], s)?.id).toBe('a1');
    expect(effectiveCap(agent('a1', { cap: 0 }), s)).toBe(3);
    expect(pickAgentForAutoAssign(session, [agent('a1', { load: 99 })], settings())?.id).toBe('a1');
    expect(pickAgentForAutoAssign(session, [], s)).toBeUndefined();
  });

  it('R4.1 waiting sessions: oldest first by the time they entered the queue, ties by id', () => {
    const sessions = [
      { sessionId: 'c', createdAt: at(0), queuedAt: at(7) },
      { sessionId: 'b', createdAt: at(1), queuedAt: at(3) },
      { sessionId: 'a', createdAt: at(2), queuedAt: at(3) },
      { sessionId: 'd', createdAt: at(1) },
    ];
    expect(orderWaitingSessions(sessions).map((x) => x.sessionId)).toEqual(['d', 'a', 'b', 'c']);
    expect(sessions[0]!.sessionId).toBe('c');
  });
});

describe('R15 customer information and resources', () => {
  const assigned = (): SessionState => Scenario.assignedTo('a1').s;

  it('R15 customer info: the owning agent and administrators may see it; other agents and end users may not', () => {
    const s = assigned();
    expect(canViewCustomerInfo(s, agentActor('a1'))).toBe(true);
    expect(canViewCustomerInfo(s, admin())).toBe(true);
    expect(canViewCustomerInfo(s, agentActor('a2'))).toBe(false);
    expect(canViewCustomerInfo(s, endUser())).toBe(false);
  });

  it('R15 customer info: a transfer target gets it on accept (R3.3), not before', () => {
    const sc = Scenario.assignedTo('a1');
    sc.ok(C.transfer('a1', 'a2'));
    expect(canViewCustomerInfo(sc.s, agentActor('a2'))).toBe(false);
    sc.ok(C.accept('a2'));
    expect(canViewCustomerInfo(sc.s, agentActor('a2'))).toBe(true);
    expect(canViewCustomerInfo(sc.s, agentActor('a1'))).toBe(false);
  });
});

describe('R19 roles', () => {
  it('R19 roles: only administrators force-close; only the system auto-assigns', () => {
    expect(COMMAND_ROLES.ForceClose).toEqual(['admin']);
    expect(COMMAND_ROLES.AutoAssign).toEqual(['system']);
    expect(COMMAND_ROLES.TargetWentOffline).toEqual(['system']);
  });
});

describe('R16 remote control link', () => {
  it('R16 link: device id appended as a query parameter, or substituted into a template', () => {
    expect(remoteControlLink('https://rc.example.com/console', 'DEV 1')).toBe('https://rc.example.com/console?device=DEV%201');
    expect(remoteControlLink('https://rc/c?tenant=7', 'D1')).toBe('https://rc/c?tenant=7&device=D1');
    expect(remoteControlLink('https://rc/c?', 'D1')).toBe('https://rc/c?device=D1');
    expect(remoteControlLink('https://rc/c#/x', 'D1')).toBe('https://rc/c?device=D1#/x');
    expect(remoteControlLink('https://rc/d/{deviceId}?s={sessionId}', 'D/1', 's 1')).toBe('https://rc/d/D%2F1?s=s%201');
  });

  it('R16 link: a session placeholder is filled in also when the device id is appended', () => {
    expect(remoteControlLink('https://rc/c?ticket={sessionId}', 'D1', 's-1')).toBe('https://rc/c?ticket=s-1&device=D1');
  });
});
