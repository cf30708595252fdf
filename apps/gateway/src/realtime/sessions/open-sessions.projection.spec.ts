import { PENDING_OFFERS_MAX, type ChatEventMessage } from '@switchboard/contracts';
import { OpenSessionsProjection } from './open-sessions.projection';

const at = '2026-11-24T10:00:00.000Z';
const message = (sessionId: string, seq: number, type: string, session: Partial<ChatEventMessage['session']>): ChatEventMessage =>
  ({
    event: { seq, type, at, sessionId },
    session: { sessionId, version: seq, status: 'QUEUED', queue: 'General', companyId: 'acme', endUserId: `u-${sessionId}`, cancelledByUser: false, userLeft: false, queuedAt: at, ...session },
  }) as unknown as ChatEventMessage;

describe('open sessions projection: waiting lines per queue', () => {
  const ids = (projection: OpenSessionsProjection, queue: string) => [...projection.waitingIn(queue)].map((i) => i.sessionId).sort();

  it('R1 R3 R7.1 R8 R11 a session is in its queue\'s waiting line exactly while it is QUEUED there', () => {
    // Applying events reads no database: the model is needed only for the start-up load.
    const projection = new OpenSessionsProjection({} as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    projection.apply(message('a', 1, 'SessionStarted', {}));
    projection.apply(message('b', 1, 'SessionStarted', {}));
    expect(ids(projection, 'General')).toEqual(['a', 'b']);

    projection.apply(message('a', 2, 'SessionAssigned', { status: 'ASSIGNED', ownerAgentId: 'alice' })); // accepted
    expect(ids(projection, 'General')).toEqual(['b']);
    projection.apply(message('a', 3, 'TransferredToQueue', { queue: 'Network' })); // R7.1
    expect([ids(projection, 'General'), ids(projection, 'Network')]).toEqual([['b'], ['a']]);
    projection.apply(message('a', 4, 'MessagePosted', { queue: 'Network' }));
    expect(ids(projection, 'Network')).toEqual(['a']);
    projection.apply(message('a', 3, 'TransferredToQueue', { queue: 'General' })); // a late repeat changes nothing
    expect(ids(projection, 'General')).toEqual(['b']);

    projection.apply(message('b', 2, 'SessionClosed', { status: 'CLOSED' })); // cancelled (R11.1)
    expect(ids(projection, 'General')).toEqual([]);
    expect([...projection.waitingIn('Nowhere')]).toEqual([]);
  });
});

describe('open sessions projection: the chats offered to each agent (issue 14)', () => {
  const now = Date.parse(at);
  const offer = (agentId: string, seconds: number) => ({ agentId, agentName: agentId, expiresAt: new Date(now + seconds * 1000).toISOString() });
  const offered = (projection: OpenSessionsProjection, agentId: string, t = now) => projection.offersOf(agentId, t).map((o) => [o.sessionId, o.leftMs]);

  it('issue 14: an agent\'s pending offers, soonest due first with the time left, until taken, passed on, lapsed or closed', () => {
    const projection = new OpenSessionsProjection({} as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    projection.apply(message('a', 1, 'SessionStarted', {}));
    projection.apply(message('b', 1, 'SessionStarted', {}));
    projection.apply(message('c', 1, 'SessionStarted', {}));
    projection.apply(message('a', 2, 'ChatOffered', { offer: offer('alice', 30) }));
    projection.apply(message('b', 2, 'ChatOffered', { offer: offer('alice', 10) }));
    projection.apply(message('c', 2, 'ChatOffered', { offer: offer('bob', 10) }));
    expect(offered(projection, 'alice')).toEqual([['b', 10_000], ['a', 30_000]]);
    expect(projection.offersOf('alice', now)[0]?.session).toMatchObject({ sessionId: 'b', status: 'QUEUED', queue: 'General' });
    // Whose time is up is not told, even before its lapse arrives.
    expect(offered(projection, 'alice', now + 10_000)).toEqual([['a', 20_000]]);

    projection.apply(message('b', 3, 'OfferLapsed', {})); // the summary has no offer any more
    projection.apply(message('c', 3, 'OfferDeclined', {}));
    projection.apply(message('c', 4, 'ChatOffered', { offer: offer('alice', 20) })); // offered to the next agent
    expect([offered(projection, 'alice'), offered(projection, 'bob')]).toEqual([[['c', 20_000], ['a', 30_000]], []]);
    projection.apply(message('a', 3, 'SessionAssigned', { status: 'ASSIGNED', ownerAgentId: 'alice' })); // accepted
    projection.apply(message('c', 5, 'SessionClosed', { status: 'CLOSED' })); // cancelled while offered
    expect(offered(projection, 'alice')).toEqual([]);
  });

  it(`issue 14: at most ${PENDING_OFFERS_MAX} offers are told, the soonest due`, () => {
    const projection = new OpenSessionsProjection({} as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    for (let i = 0; i < PENDING_OFFERS_MAX + 5; i++) projection.apply(message(`s${i}`, 1, 'ChatOffered', { offer: offer('alice', 100 - i) }));
    const told = projection.offersOf('alice', now);
    expect(told).toHaveLength(PENDING_OFFERS_MAX);
    expect(told[0]).toMatchObject({ sessionId: `s${PENDING_OFFERS_MAX + 4}`, leftMs: (100 - PENDING_OFFERS_MAX - 4) * 1000 });
    expect(told.at(-1)?.leftMs).toBe((100 - 5) * 1000);
  });

  it('issue 14: the offers stored when the gateway starts are loaded with the open sessions', async () => {
    const stored = { sessionId: 'd', version: 3, status: 'QUEUED', queue: 'Network', companyId: 'acme', endUserId: 'u-d', cancelledByUser: false, userLeft: false, description: 'VPN', createdAt: at, offer: offer('alice', 5) };
    const projection = new OpenSessionsProjection({
      async *openSessions() {
        yield stored as never;
      },
    } as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    await projection.loadFromDatabase();
    expect(offered(projection, 'alice')).toEqual([['d', 5_000]]);
  });
});

describe('open sessions projection: what the supervisors\' board reads of each chat (issue 16, ADR 25)', () => {
  const withEvent = (m: ChatEventMessage, fields: Record<string, unknown>): ChatEventMessage => ({ ...m, event: { ...m.event, ...fields } }) as ChatEventMessage;

  it('issue 16: the help flag as the summary says it, and when each side last wrote, until the chat closes', () => {
    const projection = new OpenSessionsProjection({} as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    const assigned = { status: 'ASSIGNED', ownerAgentId: 'alice' } as const;
    projection.apply(message('a', 1, 'SessionStarted', {}));
    // The description the end user started with counts as their first message.
    expect(projection.activityOf('a')).toEqual({ lastEndUserMessageAt: at });
    projection.apply(message('a', 2, 'SessionAssigned', assigned));
    projection.apply(withEvent(message('a', 3, 'MessagePosted', assigned), { from: 'endUser', at: '2026-11-24T10:01:00.000Z' }));
    projection.apply(withEvent(message('a', 4, 'AttachmentPosted', assigned), { from: 'agent', at: '2026-11-24T10:02:00.000Z' }));
    const flag = { agentId: 'alice', raisedAt: '2026-11-24T10:03:00.000Z' };
    projection.apply(message('a', 5, 'HelpFlagRaised', { ...assigned, helpFlag: flag }));
    expect(projection.activityOf('a')).toEqual({ helpFlag: flag, lastEndUserMessageAt: '2026-11-24T10:01:00.000Z', lastAgentMessageAt: '2026-11-24T10:02:00.000Z' });
    // A side note is no message to the end user; the flag stays while the summary carries it.
    projection.apply(withEvent(message('a', 6, 'SideNoteAdded', { ...assigned, helpFlag: flag }), { at: '2026-11-24T10:04:00.000Z' }));
    expect(projection.activityOf('a')?.lastAgentMessageAt).toBe('2026-11-24T10:02:00.000Z');
    projection.apply(message('a', 7, 'HelpFlagLowered', assigned));
    expect(projection.activityOf('a')?.helpFlag).toBeUndefined();
    projection.apply(message('a', 8, 'SessionClosed', { status: 'CLOSED' }));
    expect(projection.activityOf('a')).toBeUndefined();
  });
});
