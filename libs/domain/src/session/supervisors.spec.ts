import { loadChangesOf } from '../policies/agent-load';
import { authorizeCommand } from '../policies/authorization';
import { supervises } from '../policies/supervision';
import { notificationsFor } from '../notifications/notifications';
import { agent, agentActor, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { isVisibleToEndUser } from './history';

// The default end user's chat goes to Network (topic vpn) when Support Queues and Use Topics are on.
const routed = settings({ supportQueues: true, useTopics: true });
const team = () => [agent('a1', { queues: ['Network'] }), agent('a2', { queues: ['Network'] }), agent('sup', { supervisedQueues: ['Network'] }), agent('sup2', { supervisedQueues: ['Network'] }), agent('hw', { supervisedQueues: ['Hardware'] })];
const ctx = () => context({ settings: routed, agents: team() });

describe('supervisors (issue 16)', () => {
  it('issue 16 R19: a supervisor supervises the queues an administrator gave them, read as routing reads them', () => {
    expect(supervises(agent('s', { supervisedQueues: ['Network'] }), { queue: 'Network' }, routed)).toBe(true);
    expect(supervises(agent('s', { supervisedQueues: ['Network'] }), { queue: 'Hardware' }, routed)).toBe(false);
    expect(supervises(agent('s'), { queue: 'Network' }, routed)).toBe(false);
    expect(supervises(undefined, { queue: 'Network' }, routed)).toBe(false);
    // Support Queues off: every chat is in General, so only a supervisor of General supervises it.
    expect(supervises(agent('s', { supervisedQueues: ['Network'] }), { queue: 'Network' }, settings({ supportQueues: false }))).toBe(false);
    expect(supervises(agent('s', { supervisedQueues: ['General'] }), { queue: 'Network' }, settings({ supportQueues: false }))).toBe(true);
  });

  it('issue 16 R19: only agents (supervisors sign in as agents) may send a take-over or a whisper', () => {
    const s = Scenario.assignedTo('a1', ctx());
    expect(authorizeCommand(s.s, C.takeOver('sup', 'a1'))).toBeUndefined();
    expect(authorizeCommand(s.s, { ...C.takeOver('sup', 'a1'), actor: endUser() })).toMatchObject({ code: 'FORBIDDEN' });
    expect(authorizeCommand(s.s, { ...C.whisper('sup'), actor: { role: 'admin', id: 'admin-1' } })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('issue 16 take over: the chat becomes the supervisor’s, the former owner stays a participant, loads move, the first-reply limit ends', () => {
    const s = Scenario.assignedTo('a1', context({ settings: routed, agents: team(), queuePolicy: { firstReplySeconds: 60, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false } }));
    expect(s.s.deadlines).toHaveLength(1);
    const events = s.ok(C.takeOver('sup', 'a1'));
    expect(events).toEqual([expect.objectContaining({ type: 'SessionTakenOver', fromAgentId: 'a1', fromAgentName: 'Agent A1', agentId: 'sup', agentName: 'Agent SUP' })]);
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'sup', participants: ['a1', 'sup'] });
    expect(s.s.deadlines).toBeUndefined();
    expect(loadChangesOf(events)).toEqual([
      { agentId: 'a1', sessionId: 's-1', change: 'unassigned' },
      { agentId: 'sup', sessionId: 's-1', change: 'assigned' },
    ]);
    // The supervisor acts as the owner; the former owner no longer does.
    s.ok(C.say(agentActor('sup'), 'I take it from here'));
    s.refused(C.say(agentActor('a1')), 'NOT_OWNER');
    expect(notificationsFor(events[0]!, s.s).map((n) => [n.audience, n.notice])).toEqual([
      [{ to: 'endUser', endUserId: 'u-1' }, 'AGENT_JOINED'],
      [{ to: 'agent', agentId: 'a1' }, 'TAKEN_OVER'],
      [{ to: 'agent', agentId: 'sup' }, 'ASSIGNED_TO_YOU'],
    ]);
  });

  it('issue 16 take over: exactly once when two supervisors try at the same time (the second saw the old owner)', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.takeOver('sup', 'a1'));
    expect(s.refused(C.takeOver('sup2', 'a1'), 'ALREADY_TAKEN').message).toContain('Agent SUP has it now');
    s.refused(C.takeOver('sup', 'a1'), 'ALREADY_TAKEN');
    expect(s.log.filter((e) => e.type === 'SessionTakenOver')).toHaveLength(1);
    expect(s.s.ownerAgentId).toBe('sup');
  });

  it('issue 16 take over: refused to whoever does not supervise the chat’s queue, and on a chat no agent has', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.refused(C.takeOver('hw', 'a1'), 'NOT_SUPERVISOR');
    s.refused(C.takeOver('a2', 'a1'), 'NOT_SUPERVISOR');
    s.refused(C.takeOver('a1', 'a1'), 'NOT_SUPERVISOR');
    const queued = Scenario.started(ctx());
    queued.refused(C.takeOver('sup', 'a1'), 'INVALID_STATE');
    const closed = Scenario.assignedTo('a1', ctx());
    closed.ok(C.end('a1'));
    closed.refused(C.takeOver('sup', 'a1'), 'SESSION_CLOSED');
    // The acting supervisor must be in the context (the chat actor loads them).
    Scenario.assignedTo('a1', ctx()).with({ agents: [agent('a1', { queues: ['Network'] })] }).refused(C.takeOver('sup', 'a1'), 'CONTEXT_INCOMPLETE');
  });

  it('issue 16 whisper: a note for the owning agent only, marked as from the supervisor, never for the end user', () => {
    const s = Scenario.assignedTo('a1', ctx());
    const before = s.s.lastVisibleSeq;
    const [whisper] = s.ok(C.whisper('sup', 'Card 4111 1111 1111 1111 is the test card'));
    expect(whisper).toMatchObject({ type: 'WhisperAdded', authorId: 'sup', authorName: 'Agent SUP', toAgentId: 'a1', masked: ['card'] });
    expect(isVisibleToEndUser(whisper!)).toBe(false);
    expect(s.s.lastVisibleSeq).toBe(before);
    expect(notificationsFor(whisper!, s.s).map((n) => [n.audience, n.notice])).toEqual([[{ to: 'agent', agentId: 'a1' }, 'WHISPER']]);
    s.refused(C.whisper('hw'), 'NOT_SUPERVISOR');
    s.refused(C.whisper('a2'), 'NOT_SUPERVISOR');
    s.ok(C.takeOver('sup', 'a1'));
    s.refused(C.whisper('sup'), 'INVALID_STATE');
    const queued = Scenario.started(ctx());
    queued.refused(C.whisper('sup'), 'INVALID_STATE');
  });
});

describe('help flag (issue 16)', () => {
  it('issue 16 help flag: the owner raises it once; the supervisors of the queue are alerted, the end user never sees it', () => {
    const s = Scenario.assignedTo('a1', ctx());
    const [raised] = s.ok(C.raiseHelp('a1', 'customer wants a refund'));
    expect(raised).toMatchObject({ type: 'HelpFlagRaised', agentId: 'a1', agentName: 'Agent A1', queue: 'Network', note: 'customer wants a refund' });
    expect(isVisibleToEndUser(raised!)).toBe(false);
    expect(s.s.helpFlag).toEqual({ agentId: 'a1', raisedAt: raised!.at });
    expect(notificationsFor(raised!, s.s).map((n) => [n.audience, n.notice])).toEqual([
      [{ to: 'supervisors', queue: 'Network' }, 'HELP_REQUESTED'],
      [{ to: 'agent', agentId: 'a1' }, 'HELP_REQUESTED'],
    ]);
    s.refused(C.raiseHelp('a1'), 'INVALID_STATE');
    s.refused(C.raiseHelp('a2'), 'NOT_OWNER');
    s.refused(C.raiseHelp('sup'), 'NOT_OWNER');
  });

  it('issue 16 help flag: lowered by its agent or a supervisor of the queue, nobody else; a take-over clears it', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.refused(C.lowerHelp('a1'), 'INVALID_STATE');
    s.ok(C.raiseHelp('a1'));
    s.refused(C.lowerHelp('a2'), 'NOT_OWNER');
    s.refused(C.lowerHelp('hw'), 'NOT_OWNER');
    expect(s.ok(C.lowerHelp('sup'))).toEqual([expect.objectContaining({ type: 'HelpFlagLowered', agentId: 'a1', queue: 'Network' })]);
    expect(s.s.helpFlag).toBeUndefined();
    s.ok(C.raiseHelp('a1'));
    s.ok(C.lowerHelp('a1'));
    s.ok(C.raiseHelp('a1'));
    s.ok(C.takeOver('sup', 'a1'));
    expect(s.s.helpFlag).toBeUndefined();
  });

  it('issue 16 help flag: it goes with the chat when the chat leaves its agent', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.raiseHelp('a1'));
    s.ok(C.release('a1'));
    expect(s.s.helpFlag).toBeUndefined();
    const ended = Scenario.assignedTo('a1', ctx());
    ended.ok(C.raiseHelp('a1'));
    ended.ok(C.end('a1'));
    expect(ended.s.helpFlag).toBeUndefined();
  });
});
