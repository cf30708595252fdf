import { eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/**
 * Issue 14: an agent whose console connects again while a chat is offered to
 * it (a reload, a reconnect, another gateway) learns of the offer from
 * presence.get, with the time it has left; once the offer is answered it is
 * told no more.
 */
describe('offers: an agent connecting again during an offer learns of it (router, chat-actor)', () => {
  // A long presence grace: the console that closes comes back well within it, so the offer is not withdrawn.
  const stack = new RealtimeStack({ router: true, gatewayEnv: { AGENT_PRESENCE_GRACE_MS: '60000' } });
  beforeAll(async () => {
    await stack.start();
    await stack.db.collection('queues').insertOne({ _id: 'Offered' as never, description: 'offered chats', offerSeconds: 120 });
    await stack.db.collection('topics').insertOne({ _id: 'offered' as never, name: 'Offered', queue: 'Offered' });
    // Written past the admin API: announced as it would announce it, for the processes' caches (ADR 8).
    stack.nc.publish(stack.subjects.referenceDataChanged);
    await stack.nc.flush();
    await stack.saveSettings({ agentAutoAccept: true });
  }, 180_000);
  afterAll(() => stack.stop());

  it('presence.get tells the agent the pending offer (deadline, time left, the chat) after a reload and on a gateway started since; not once it is accepted', async () => {
    await stack.addAgent('ag-offered', { queues: ['Offered'] });
    await stack.addEndUser('or-user');
    const first = await stack.client('ag-offered');
    const seen = recorder(first);
    const user = await stack.client('or-user');
    const { session } = await user.startSession('Printer jams on every page', 'offered');
    const offered = await eventually(() => seen.of(session.sessionId).find((e) => e.type === 'ChatOffered' && e.notices.includes('CHAT_OFFERED')) ?? Promise.reject(new Error('no offer yet')), {
      timeoutMs: 20_000,
    });
    const expiresAt = offered.event['expiresAt'];
    expect(typeof expiresAt).toBe('string');

    // The page is reloaded: the old socket goes, a new one asks what it holds.
    first.close();
    const again = await stack.client('ag-offered');
    const before = Date.now();
    const { presence, offers } = await again.presence();
    expect(presence).toBe('online');
    expect(offers).toHaveLength(1);
    const [offer] = offers!;
    expect(offer).toMatchObject({ sessionId: session.sessionId, expiresAt, session: { sessionId: session.sessionId, status: 'QUEUED', queue: 'Offered', endUserName: 'User or-user' } });
    // The time left is the gateway's: at most what the offer had when made, and what was left when asked.
    expect(offer!.leftMs).toBeGreaterThan(0);
    expect(offer!.leftMs).toBeLessThanOrEqual(120_000);
    expect(Math.abs(before + offer!.leftMs - Date.parse(expiresAt as string))).toBeLessThan(5_000);

    // A gateway started after the offer was made reads it from the database with the open sessions.
    const later = await stack.startGateway();
    stack.gateways.push(later);
    const elsewhere = await stack.client('ag-offered', { gateway: stack.gateways.length - 1 });
    await eventually(async () => expect((await elsewhere.presence()).offers?.map((o) => [o.sessionId, o.expiresAt])).toEqual([[session.sessionId, expiresAt]]), { timeoutMs: 20_000 });

    // Accepted: no offer is told any more, on either gateway.
    await again.acceptOffer(session.sessionId);
    await eventually(async () => expect((await again.presence()).offers).toBeUndefined());
    await eventually(async () => expect((await elsewhere.presence()).offers).toBeUndefined());
  }, 120_000);
});
