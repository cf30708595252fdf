import { CommandError } from '@switchboard/client';
import { DevIdentityProvider } from '../../identity';
import { RealtimeStack } from '../../testing/realtime-stack';

/** Issue 12: a valid token whose subject has no end-user record (an identity provider that knows more people than the admin API). */
describe('an end user without an end-user record (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('issue 12: session.start is refused with CONTEXT_INCOMPLETE (code and message), nothing is stored, the connection and the services go on', async () => {
    // A login for "no-record" but no document in end_users.
    await stack.gateways[0]!.app.get(DevIdentityProvider).register('no-record', 'user123', { id: 'no-record', role: 'endUser', name: 'Nobody' });
    const user = await stack.client('no-record');

    const refused = await user.command('session.start', { description: 'My VPN drops', topic: 'vpn' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CONTEXT_INCOMPLETE');
    expect(refused.error.message.length).toBeGreaterThan(0);
    await expect(user.startSession('again', 'vpn')).rejects.toEqual(expect.objectContaining({ code: 'CONTEXT_INCOMPLETE' }));
    await expect(user.startSession('again', 'vpn')).rejects.toBeInstanceOf(CommandError);

    expect(await stack.db.collection('chat_sessions').countDocuments({ endUserId: 'no-record' })).toBe(0);
    expect(await user.currentSession()).toBeNull();
    // The same connection still answers, and everyone else can still chat.
    expect((await user.command('ping', {})).ok).toBe(true);
    await stack.addEndUser('has-record');
    const other = await stack.client('has-record');
    expect((await other.startSession('Printer jams', 'printer')).session.status).toBe('QUEUED');
  });
});
