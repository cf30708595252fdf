import { agent, agentActor, at, C, context, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { notificationsFor } from '../notifications/notifications';
import { isVisibleToEndUser } from './history';

/** Agent Auto Accept on, a queue that offers chats for 30 s; agents a1..a3 online; the clock at minute 0. */
const offering = (over: Parameters<typeof context>[0] = {}) =>
  context({ settings: settings({ agentAutoAccept: true }), queuePolicy: { firstReplySeconds: 0, offerSeconds: 30, wrapUpSeconds: 0, dispositionRequired: false }, ...over });

describe('offers (issue 14)', () => {
  it('offers: a chat offered to an agent stays queued with the offer and its 30 s deadline', () => {
    const s = Scenario.started(offering());
    const [offered] = s.ok(C.autoAssign('a1'));
    expect(offered).toMatchObject({ type: 'ChatOffered', agentId: 'a1', agentName: 'Agent A1', expiresAt: '2026-01-05T09:00:30.000Z' });
    expect(s.s).toMatchObject({ status: 'QUEUED', offer: { agentId: 'a1', expiresAt: '2026-01-05T09:00:30.000Z' } });
    expect(s.s.deadlines).toEqual([{ kind: 'offer', dueAt: '2026-01-05T09:00:30.000Z', armedAtSeq: offered!.seq }]);
    expect(s.s.ownerAgentId).toBeUndefined();
  });

  it('offers: the offered agent accepts and has the chat; the offer and its deadline are gone', () => {
    const s = Scenario.started(offering());
    s.ok(C.autoAssign('a1'));
    const [assigned] = s.ok(C.acceptOffer('a1'));
    expect(assigned).toMatchObject({ type: 'SessionAssigned', agentId: 'a1', via: 'offer' });
    expect(s.s).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'a1' });
    expect(s.s.offer).toBeUndefined();
    expect(s.s.deadlines).toBeUndefined();
  });

  it('offers: only the offered agent may accept or decline; a second offer waits for the first answer', () => {
    const s = Scenario.started(offering());
    s.ok(C.autoAssign('a1'));
    s.refused(C.acceptOffer('a2'), 'OFFER_NOT_FOUND');
    s.refused(C.declineOffer('a2'), 'OFFER_NOT_FOUND');
    s.refused(C.autoAssign('a2'), 'OFFER_PENDING');
    s.refused(C.autoAssign('a2'), 'OFFER_PENDING');
  });

  it('offers: a decline takes one of the administrator reasons, clears the offer and passes the agent over', () => {
    const s = Scenario.started(offering());
    s.ok(C.autoAssign('a1'));
    s.refused(C.declineOffer('a1', 'I do not feel like it'), 'VALIDATION');
    const [declined] = s.ok(C.declineOffer('a1', 'Not my area'));
    expect(declined).toMatchObject({ type: 'OfferDeclined', agentId: 'a1', reason: 'Not my area' });
    expect(s.s).toMatchObject({ status: 'QUEUED', passedOverAgentIds: ['a1'] });
    expect(s.s.offer).toBeUndefined();
    expect(s.s.deadlines).toBeUndefined();
    s.refused(C.acceptOffer('a1'), 'OFFER_NOT_FOUND');
  });

  it('offers: an offer not answered in time lapses when its deadline is reached, never before', () => {
    const s = Scenario.started(offering());
    const [offered] = s.ok(C.autoAssign('a1'));
    s.with({ now: '2026-01-05T09:00:29.000Z' }).refused(C.deadline(offered!.seq, 'offer'), 'DEADLINE_NOT_DUE');
    const [lapsed] = s.with({ now: '2026-01-05T09:00:30.000Z' }).ok(C.deadline(offered!.seq, 'offer'));
    expect(lapsed).toMatchObject({ type: 'OfferLapsed', agentId: 'a1', presence: 'notResponding' });
    expect(s.s).toMatchObject({ status: 'QUEUED', passedOverAgentIds: ['a1'] });
    expect(s.s.offer).toBeUndefined();
  });

  it('offers: a lapse puts the agent in the presence the administrator chose (Not responding by default, or Away, or Offline)', () => {
    for (const presence of ['away', 'offline', 'notResponding'] as const) {
      const ctx = offering();
      const s = Scenario.started({ ...ctx, settings: { ...ctx.settings, offerLapsePresence: presence } });
      const [offered] = s.ok(C.autoAssign('a1'));
      const [lapsed] = s.with({ now: '2026-01-05T09:00:30.000Z' }).ok(C.deadline(offered!.seq, 'offer'));
      expect(lapsed).toMatchObject({ type: 'OfferLapsed', agentId: 'a1', presence });
    }
  });

  it('offers: an answer that comes after the lapse changes nothing; a lapse after the answer is not armed any more', () => {
    const late = Scenario.started(offering());
    const [offered] = late.ok(C.autoAssign('a1'));
    late.with({ now: at(1) }).ok(C.deadline(offered!.seq, 'offer'));
    late.refused(C.acceptOffer('a1'), 'OFFER_NOT_FOUND');

    const answered = Scenario.started(offering());
    const [first] = answered.ok(C.autoAssign('a1'));
    answered.ok(C.acceptOffer('a1'));
    answered.with({ now: at(1) }).refused(C.deadline(first!.seq, 'offer'), 'DEADLINE_NOT_ARMED');
  });

  it('offers: a queue that assigns directly assigns the proposed agent at once; one that offers only offers', () => {
    const direct = Scenario.started(offering({ queuePolicy: { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false } }));
    expect(direct.ok(C.autoAssign('a1'))).toEqual([expect.objectContaining({ type: 'SessionAssigned', via: 'autoAssign' })]);
    const offered = Scenario.started(offering());
    expect(offered.ok(C.autoAssign('a1'))).toEqual([expect.objectContaining({ type: 'ChatOffered' })]);
    Scenario.started(offering({ settings: settings({ agentAutoAccept: false }) })).refused(C.autoAssign('a1'), 'AUTO_ACCEPT_OFF');
  });

  it('offers: an offer checks the agent as an automatic assignment does (online, eligible, below the cap)', () => {
    const s = Scenario.started(
      offering({ agents: [agent('a1', { presence: 'away' }), agent('a2', { presence: 'notResponding' }), agent('a3', { load: 2 })], settings: settings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 2 }) }),
    );
    s.refused(C.autoAssign('a1'), 'AGENT_UNAVAILABLE');
    s.refused(C.autoAssign('a2'), 'AGENT_UNAVAILABLE');
    s.refused(C.autoAssign('a3'), 'AGENT_AT_CAPACITY');
  });

  it('offers: the end user cancelling withdraws the offer with the chat', () => {
    const s = Scenario.started(offering());
    s.ok(C.autoAssign('a1'));
    s.ok(C.cancel());
    expect(s.s.status).toBe('CLOSED');
    expect(s.s.offer).toBeUndefined();
    expect(s.s.deadlines).toBeUndefined();
  });

  it('offers: an accepted offer arms the first-reply deadline of the queue', () => {
    const s = Scenario.started(offering({ queuePolicy: { firstReplySeconds: 60, offerSeconds: 30, wrapUpSeconds: 0, dispositionRequired: false } }));
    s.ok(C.autoAssign('a1'));
    s.ok(C.acceptOffer('a1'));
    expect(s.s.deadlines).toEqual([{ kind: 'firstReply', dueAt: at(1), armedAtSeq: s.s.version }]);
    s.ok(C.say(agentActor('a1')));
    expect(s.s.deadlines).toBeUndefined();
  });

  it('offers: an offer whose agent is no longer online is withdrawn at once, without passing the agent over; not while it is online', () => {
    const s = Scenario.started(offering());
    s.ok(C.autoAssign('a1'));
    s.refused(C.targetOffline('a1'), 'INVALID_STATE');
    s.with({ agents: [agent('a1', { presence: 'away' }), agent('a2'), agent('a3')] });
    const [withdrawn] = s.ok(C.targetOffline('a1'));
    expect(withdrawn).toMatchObject({ type: 'OfferWithdrawn', agentId: 'a1' });
    expect(s.s.offer).toBeUndefined();
    expect(s.s.deadlines).toBeUndefined();
    expect(s.s.passedOverAgentIds).toBeUndefined();
    s.refused(C.acceptOffer('a1'), 'OFFER_NOT_FOUND');
  });

  it('offers: the end user never sees how the chat is routed among agents (offers, declines and their reasons, lapses)', () => {
    const s = Scenario.started(offering());
    const visibleBefore = s.s.lastVisibleSeq;
    const routed = [...s.ok(C.autoAssign('a1')), ...s.ok(C.declineOffer('a1'))];
    const [offered] = s.ok(C.autoAssign('a2'));
    routed.push(offered!, ...s.with({ now: at(1) }).ok(C.deadline(offered!.seq, 'offer')));
    for (const event of routed) {
      expect(isVisibleToEndUser(event)).toBe(false);
      expect(notificationsFor(event, s.s).filter((n) => n.audience.to === 'endUser')).toEqual([]);
    }
    expect(s.s.lastVisibleSeq).toBe(visibleBefore);
  });
});
