import { MAX_PARTICIPANTS as CONTRACT_MAX_PARTICIPANTS, MAX_PENDING_INVITES as CONTRACT_MAX_PENDING_INVITES, sessionStateSchema } from '@switchboard/contracts';
import { loadChangesOf } from '../policies/agent-load';
import { authorizeCommand } from '../policies/authorization';
import { notificationsFor } from '../notifications/notifications';
import { agent, agentActor, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { isVisibleToEndUser } from './history';
import { MAX_PARTICIPANTS, MAX_PENDING_INVITES } from './state';

// The default end user's chat goes to Network (topic vpn) when Support Queues and Use Topics are on.
const routed = settings({ supportQueues: true, useTopics: true });
const colleagues = ['a2', 'a3', 'a4', 'a5', 'a6', 'a7'].map((id) => agent(id, { queues: ['Network'] }));
const team = () => [
  agent('a1', { queues: ['Network'] }),
  ...colleagues,
  agent('hwAgent', { queues: ['Hardware'] }),
  agent('away', { queues: ['Network'], presence: 'away' }),
  agent('sup', { supervisedQueues: ['Network'] }),
  agent('hw', { supervisedQueues: ['Hardware'] }),
];
const ctx = () => context({ settings: routed, agents: team() });
const types = (events: readonly { type: string }[]) => events.map((e) => e.type);

describe('invite a colleague (issue 16, ADR 24)', () => {
  it('issue 16 invite: the owner invites an agent the R6 rules allow, with a masked note; agents only; the invitee is told', () => {
    const s = Scenario.assignedTo('a1', ctx());
    const before = s.s.lastVisibleSeq;
    const [invited] = s.ok(C.invite('a1', 'a2', 'card 4111 1111 1111 1111 fails'));
    expect(invited).toMatchObject({ type: 'AgentInvited', agentId: 'a2', agentName: 'Agent A2', fromAgentId: 'a1', fromAgentName: 'Agent A1', masked: ['card'] });
    expect(isVisibleToEndUser(invited!)).toBe(false);
    expect(s.s.lastVisibleSeq).toBe(before);
    expect(s.s.invites).toEqual([expect.objectContaining({ agentId: 'a2', fromAgentId: 'a1', at: invited!.at })]);
    expect(notificationsFor(invited!, s.s).map((n) => [n.audience, n.notice])).toEqual([[{ to: 'agent', agentId: 'a2' }, 'INVITED']]);
  });

  it('issue 16 invite: refused to anyone but the owner, and for targets R6 does not allow, the owner, or twice', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.refused(C.invite('a2', 'a3'), 'NOT_OWNER');
    s.refused(C.invite('sup', 'a3'), 'NOT_OWNER');
    expect(s.refused(C.invite('a1', 'hwAgent'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'notEligible' });
    expect(s.refused(C.invite('a1', 'away'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'offline' });
    expect(s.refused(C.invite('a1', 'ghost'), 'TRANSFER_TARGET_NOT_ELIGIBLE').details).toMatchObject({ reason: 'unknown' });
    s.refused(C.invite('a1', 'a1'), 'ALREADY_PARTICIPANT');
    s.ok(C.invite('a1', 'a2'));
    s.refused(C.invite('a1', 'a2'), 'ALREADY_PARTICIPANT');
    s.ok(C.acceptInvite('a2'));
    s.refused(C.invite('a1', 'a2'), 'ALREADY_PARTICIPANT');
    expect(authorizeCommand(s.s, { ...C.invite('a1', 'a3'), actor: endUser() })).toMatchObject({ code: 'FORBIDDEN' });
    Scenario.started(ctx()).refused(C.invite('a1', 'a2'), 'NOT_OWNER');
  });

  it(`issue 16 invite: at most ${MAX_PENDING_INVITES} invitations wait and ${MAX_PARTICIPANTS} agents join besides the owner (TOO_MANY_PARTICIPANTS)`, () => {
    const s = Scenario.assignedTo('a1', ctx());
    for (const c of colleagues.slice(0, MAX_PARTICIPANTS)) s.ok(C.invite('a1', c.id));
    expect(s.s.invites).toHaveLength(MAX_PENDING_INVITES);
    const err = s.refused(C.invite('a1', colleagues[MAX_PARTICIPANTS]!.id), 'TOO_MANY_PARTICIPANTS');
    expect(err.details).toMatchObject({ limit: MAX_PARTICIPANTS });
    for (const c of colleagues.slice(0, MAX_PARTICIPANTS)) s.ok(C.acceptInvite(c.id));
    expect(s.s.guests).toHaveLength(MAX_PARTICIPANTS);
    s.refused(C.invite('a1', colleagues[MAX_PARTICIPANTS]!.id), 'TOO_MANY_PARTICIPANTS');
    s.refused(C.bargeIn('sup'), 'TOO_MANY_PARTICIPANTS');
    // The contract bounds the summary the same way.
    expect([CONTRACT_MAX_PARTICIPANTS, CONTRACT_MAX_PENDING_INVITES]).toEqual([MAX_PARTICIPANTS, MAX_PENDING_INVITES]);
    expect(sessionStateSchema.safeParse(s.s).success).toBe(true);
    expect(sessionStateSchema.safeParse({ ...s.s, guests: [...s.s.guests!, { ...s.s.guests![0]!, agentId: 'one-more' }] }).success).toBe(false);
  });

  it('issue 16 invite accepted: the invitee joins (the end user sees it), is in the summary, the owner keeps the chat and the load', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.invite('a1', 'a2'));
    const joined = s.ok(C.acceptInvite('a2'));
    expect(joined).toEqual([expect.objectContaining({ type: 'ParticipantJoined', agentId: 'a2', agentName: 'Agent A2', via: 'invite' })]);
    expect(isVisibleToEndUser(joined[0]!)).toBe(true);
    expect(s.s).toMatchObject({ ownerAgentId: 'a1', guests: [{ agentId: 'a2', agentName: 'Agent A2', via: 'invite', joinedAt: joined[0]!.at }] });
    expect(s.s.invites).toBeUndefined();
    expect(loadChangesOf(joined)).toEqual([]);
    expect(notificationsFor(joined[0]!, s.s).map((n) => [n.audience, n.notice])).toEqual([
      [{ to: 'endUser', endUserId: 'u-1' }, 'PARTICIPANT_JOINED'],
      [{ to: 'agent', agentId: 'a2' }, 'PARTICIPANT_JOINED'],
      [{ to: 'agent', agentId: 'a1' }, 'PARTICIPANT_JOINED'],
    ]);
    // Owner-only commands stay the owner's.
    s.refused(C.end('a2'), 'NOT_OWNER');
    s.refused(C.transfer('a2', 'a3'), 'NOT_OWNER');
    s.refused(C.acceptInvite('a2'), 'INVITE_NOT_FOUND');
  });

  it('issue 16 invite declined or cancelled: the invitation ends (agents only), no join; a second answer finds no invitation', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.invite('a1', 'a2'));
    s.refused(C.declineInvite('a3'), 'INVITE_NOT_FOUND');
    const [declined] = s.ok(C.declineInvite('a2'));
    expect(declined).toMatchObject({ type: 'InviteEnded', agentId: 'a2', reason: 'declined' });
    expect(isVisibleToEndUser(declined!)).toBe(false);
    expect(s.s.invites).toBeUndefined();
    expect(notificationsFor(declined!, s.s).map((n) => [n.audience, n.notice])).toEqual([
      [{ to: 'agent', agentId: 'a2' }, 'INVITE_ENDED'],
      [{ to: 'agent', agentId: 'a1' }, 'INVITE_ENDED'],
    ]);
    s.refused(C.acceptInvite('a2'), 'INVITE_NOT_FOUND');
    s.refused(C.declineInvite('a2'), 'INVITE_NOT_FOUND');
    s.ok(C.invite('a1', 'a3'));
    s.refused(C.cancelInvite('a2', 'a3'), 'NOT_OWNER');
    s.refused(C.cancelInvite('a1', 'a2'), 'INVITE_NOT_FOUND');
    expect(s.ok(C.cancelInvite('a1', 'a3'))).toEqual([expect.objectContaining({ type: 'InviteEnded', agentId: 'a3', reason: 'cancelled' })]);
    s.refused(C.acceptInvite('a3'), 'INVITE_NOT_FOUND');
    expect(s.s.guests).toBeUndefined();
  });
});

describe('participants (issue 16, ADR 24)', () => {
  const withGuest = () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.invite('a1', 'a2'));
    s.ok(C.acceptInvite('a2'));
    return s;
  };

  it('issue 16 consult: the owner and participants write agents-only messages; nobody else may', () => {
    const s = withGuest();
    const before = s.s.lastVisibleSeq;
    const [consult] = s.ok(C.consult('a2', 'is it the 4111 1111 1111 1111 card?'));
    expect(consult).toMatchObject({ type: 'ConsultAdded', authorId: 'a2', authorName: 'Agent A2', masked: ['card'] });
    expect(isVisibleToEndUser(consult!)).toBe(false);
    s.ok(C.consult('a1', 'yes'));
    expect(s.s.lastVisibleSeq).toBe(before);
    expect(notificationsFor(consult!, s.s).map((n) => [n.audience, n.notice])).toEqual([[{ to: 'agent', agentId: 'a1' }, 'CONSULT']]);
    s.refused(C.consult('a3'), 'NOT_PARTICIPANT');
    s.refused(C.consult('sup'), 'NOT_PARTICIPANT');
    Scenario.assignedTo('a1', ctx()).refused(C.consult('a1'), 'INVALID_STATE');
  });

  it('issue 16 participant: posts to the end user in their own name; the first-reply limit still waits for the owner', () => {
    const s = Scenario.assignedTo('a1', context({ settings: routed, agents: team(), queuePolicy: { firstReplySeconds: 60, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false } }));
    s.ok(C.invite('a1', 'a2'));
    s.ok(C.acceptInvite('a2'));
    const [message] = s.ok(C.say(agentActor('a2'), 'I can help'));
    expect(message).toMatchObject({ type: 'MessagePosted', from: 'agent', authorId: 'a2', authorName: 'Agent A2' });
    expect(isVisibleToEndUser(message!)).toBe(true);
    expect(s.s.deadlines?.map((d) => d.kind)).toEqual(['firstReply']);
    s.refused(C.say(agentActor('a3')), 'NOT_OWNER');
  });

  it('issue 16 leave and remove: a participant leaves, the owner removes one; both seen by the end user; then they are out', () => {
    const s = withGuest();
    s.refused(C.leaveChat('a3'), 'NOT_PARTICIPANT');
    s.refused(C.leaveChat('a1'), 'NOT_PARTICIPANT');
    const [left] = s.ok(C.leaveChat('a2'));
    expect(left).toMatchObject({ type: 'ParticipantLeft', agentId: 'a2', reason: 'left' });
    expect(isVisibleToEndUser(left!)).toBe(true);
    expect(s.s.guests).toBeUndefined();
    s.refused(C.consult('a2'), 'NOT_PARTICIPANT');
    s.refused(C.say(agentActor('a2')), 'NOT_OWNER');
    s.ok(C.invite('a1', 'a2'));
    s.ok(C.acceptInvite('a2'));
    s.refused(C.removeParticipant('a2', 'a2'), 'NOT_OWNER');
    s.refused(C.removeParticipant('a1', 'a3'), 'NOT_PARTICIPANT');
    expect(s.ok(C.removeParticipant('a1', 'a2'))).toEqual([expect.objectContaining({ type: 'ParticipantLeft', agentId: 'a2', reason: 'removed' })]);
    expect(s.s.guests).toBeUndefined();
  });

  it('issue 16 participants and invitations go when the chat leaves its owner (transfer, queue, take-over, end)', () => {
    const moves = [
      (s: Scenario) => s.ok(C.transfer('a1', 'a3')),
      (s: Scenario) => s.ok(C.release('a1')),
      (s: Scenario) => s.ok(C.takeOver('sup', 'a1')),
      (s: Scenario) => s.ok(C.end('a1')),
      (s: Scenario) => s.ok(C.abandon('a1')),
    ];
    for (const move of moves) {
      const s = withGuest();
      s.ok(C.invite('a1', 'a4'));
      move(s);
      expect(s.s.guests).toBeUndefined();
      expect(s.s.invites).toBeUndefined();
    }
    const s = withGuest();
    s.ok(C.release('a1'));
    s.refused(C.consult('a2'), 'NOT_PARTICIPANT');
  });
});

describe('barge-in (issue 16, ADR 24)', () => {
  it('issue 16 barge-in: a supervisor of the queue joins visibly and the help flag goes down', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.ok(C.raiseHelp('a1', 'refund?'));
    const events = s.ok(C.bargeIn('sup'));
    expect(types(events)).toEqual(['ParticipantJoined', 'HelpFlagLowered']);
    expect(events[0]).toMatchObject({ agentId: 'sup', agentName: 'Agent SUP', via: 'bargeIn' });
    expect(isVisibleToEndUser(events[0]!)).toBe(true);
    expect(notificationsFor(events[0]!, s.s).map((n) => [n.audience, n.notice])[0]).toEqual([{ to: 'endUser', endUserId: 'u-1' }, 'PARTICIPANT_JOINED']);
    expect(s.s.helpFlag).toBeUndefined();
    expect(s.s).toMatchObject({ ownerAgentId: 'a1', guests: [expect.objectContaining({ agentId: 'sup', via: 'bargeIn' })] });
    expect(loadChangesOf(events)).toEqual([]);
    s.ok(C.say(agentActor('sup'), 'Hello, I am the supervisor'));
    s.refused(C.bargeIn('sup'), 'ALREADY_PARTICIPANT');
    // Without a flag, only the join.
    expect(types(Scenario.assignedTo('a1', ctx()).ok(C.bargeIn('sup')))).toEqual(['ParticipantJoined']);
  });

  it('issue 16 barge-in: refused to whoever does not supervise the queue, and on a chat no agent has', () => {
    const s = Scenario.assignedTo('a1', ctx());
    s.refused(C.bargeIn('hw'), 'NOT_SUPERVISOR');
    s.refused(C.bargeIn('a2'), 'NOT_SUPERVISOR');
    Scenario.started(ctx()).refused(C.bargeIn('sup'), 'INVALID_STATE');
  });
});
