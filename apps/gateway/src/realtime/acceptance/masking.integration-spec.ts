import { eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/** Card numbers and the administrator's patterns are masked before anything is stored or shown. */
describe('masking (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack({ settings: { maskPatterns: ['(?i)pin:?\\s*\\d{4}'] } });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  const CARD = '4111 1111 1111 1111';
  let n = 0;

  /** An end user and an agent in one assigned session, each recording the events pushed to them. */
  async function chat() {
    const userId = `mask-eu${++n}`;
    const agentId = `ag-mask${n}`;
    await stack.addEndUser(userId);
    await stack.addAgent(agentId, { queues: ['Network', 'Hardware'] });
    const user = await stack.client(userId);
    const agent = await stack.client(agentId);
    const userSees = recorder(user);
    const agentSees = recorder(agent);
    const { session } = await user.startSession('Need help with a payment', 'vpn');
    await agent.accept(session.sessionId);
    return { id: session.sessionId, user, agent, userSees, agentSees };
  }

  /** Everything stored about the session: its commits (the events) and its record. */
  async function stored(sessionId: string): Promise<string> {
    const commits = await stack.db.collection('chat_session_commits').find({ sessionId }).toArray();
    const record = await stack.db.collection('chat_sessions').findOne({ _id: sessionId as never });
    expect(commits.length).toBeGreaterThan(0);
    return JSON.stringify({ commits, record });
  }

  const messages = (seen: ReturnType<typeof recorder>, id: string) => seen.of(id).filter((e) => e.type === 'MessagePosted').map((e) => e.event);

  it('a valid card number is stored masked, both sides see the masked text, and the sender is told in the answer', async () => {
    const { id, user, agent, userSees, agentSees } = await chat();
    const ack = await user.post(id, `my card is ${CARD}, expiry 12/29`);
    const masked = 'my card is **** **** **** 1111, expiry 12/29';
    expect(ack.events[0]).toMatchObject({ type: 'MessagePosted', text: masked, masked: ['card'] });
    await eventually(() => expect(messages(agentSees, id)).toEqual([expect.objectContaining({ text: masked, masked: ['card'] })]));
    await eventually(() => expect(messages(userSees, id)).toEqual([expect.objectContaining({ text: masked })]));

    const agentAck = await agent.post(id, 'Please never send 4111111111111111 here');
    expect(agentAck.events[0]).toMatchObject({ text: 'Please never send ************1111 here', masked: ['card'] });

    const everything = await stored(id);
    expect(everything).toContain('**** **** **** 1111');
    expect(everything.replace(/[ -]/g, '')).not.toContain('4111111111111111');
    user.close();
    agent.close();
  });

  it('a number that fails the Luhn check is left as written, with no masked field', async () => {
    const { id, user, agent, agentSees } = await chat();
    const ack = await user.post(id, 'order 4111 1111 1111 1112');
    expect(ack.events[0]).toMatchObject({ text: 'order 4111 1111 1111 1112' });
    expect(ack.events[0]).not.toHaveProperty('masked');
    await eventually(() => expect(messages(agentSees, id)[0]).toMatchObject({ text: 'order 4111 1111 1111 1112' }));
    user.close();
    agent.close();
  });

  it("an administrator's pattern masks messages and side notes", async () => {
    const { id, user, agent, agentSees } = await chat();
    const ack = await user.post(id, 'the PIN: 4321 does not work');
    expect(ack.events[0]).toMatchObject({ text: 'the ******** does not work', masked: ['pattern'] });
    await eventually(() => expect(messages(agentSees, id)[0]).toMatchObject({ text: 'the ******** does not work' }));
    const note = await agent.sideNote(id, 'user typed pin 4321 in the chat');
    expect(note.events[0]).toMatchObject({ type: 'SideNoteAdded', text: 'user typed ******** in the chat', masked: ['pattern'] });
    expect(await stored(id)).not.toMatch(/4321/);
    user.close();
    agent.close();
  });
});
