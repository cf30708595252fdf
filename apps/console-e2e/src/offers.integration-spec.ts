import { SwitchboardClient } from '@switchboard/client';
import { loginResponseSchema, type DashboardSnapshot } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import WebSocket from 'ws';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 14, offers, in Chromium: with Agent Auto Accept on and the Network
 * queue offering chats for 3 seconds, a chat is offered to the one agent
 * online, who sees the card with its countdown and lets it lapse; the
 * console says Not responding and why; "I'm back" puts the agent online,
 * the chat is offered again (no one else is eligible) and the agent accepts
 * it, which opens it as an accepted chat. Screenshots of each state.
 */
describe('agent console: offers with a countdown, Not responding, and back (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  async function login(username: string, password: string): Promise<string> {
    const res = await fetch(`${stack.gatewayUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return loginResponseSchema.parse(await res.json()).token;
  }

  async function put(path: string, body: unknown): Promise<void> {
    const admin = await login('admin', 'admin123');
    const res = await fetch(`${stack.gatewayUrl}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }

  /** The administrators' dashboard figures now. */
  async function dashboard(): Promise<DashboardSnapshot> {
    const admin = await login('admin', 'admin123');
    const res = await fetch(`${stack.gatewayUrl}/api/admin/dashboard`, { headers: { authorization: `Bearer ${admin}` } });
    return (await res.json()) as DashboardSnapshot;
  }

  /** The agent's presence as the gateway has it (what the routers read). */
  async function presenceOf(username: string): Promise<string> {
    const client = new SwitchboardClient({ url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/ws`, token: await login(username, 'agent123'), WebSocket: WebSocket as never, reconnect: false });
    try {
      await client.connect();
      return (await client.presence()).presence;
    } finally {
      client.close();
    }
  }

  it('an offer lapses, the agent is Not responding until back, and accepts the next offer', async () => {
    await put('/api/admin/settings', { agentAutoAccept: true });
    await put('/api/admin/queues/Network', { offerSeconds: 3 });

    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await erin.signIn('erin');
    await erin.start('VPN', 'My VPN disconnects every five minutes.');

    // Offered: the card with who waits and the seconds left.
    const card = alice.page.getByTestId('offer-card');
    await card.waitFor({ timeout: T });
    expect(await card.textContent()).toContain('Chat offered to you');
    expect(await alice.page.getByTestId('offer-countdown').textContent()).toMatch(/[0-3] seconds? left to answer/);
    await shoot(alice.page, 'agent', '50-offer-card');

    // Unanswered: the card goes and the agent is Not responding, on the gateway too.
    await card.waitFor({ state: 'detached', timeout: T });
    const notice = alice.page.getByTestId('not-responding-notice');
    await notice.waitFor({ timeout: T });
    expect(await notice.textContent()).toContain('You did not answer an offer in time; you get no new chats until you are back.');
    expect(await alice.page.getByTestId('presence-not-responding').textContent()).toContain('Not responding');
    await eventually(async () => expect(await presenceOf('alice')).toBe('notResponding'), { timeoutMs: T });
    await shoot(alice.page, 'agent', '51-not-responding');
    // The administrators' dashboard counts the lapse (and no offer pending now).
    await eventually(async () => expect((await dashboard()).offers).toEqual({ pending: 0, declined: 0, lapsed: 1 }), { timeoutMs: T });

    // Longer offers from now on, so the accept below does not race a busy machine.
    await put('/api/admin/queues/Network', { offerSeconds: 60 });
    await alice.page.getByTestId('not-responding-back').click();
    await notice.waitFor({ state: 'detached', timeout: T });
    await eventually(async () => expect(await presenceOf('alice')).toBe('online'), { timeoutMs: T });

    // Back online: the chat is offered again (no one else is eligible) and accepted.
    await card.waitFor({ timeout: T });
    await shoot(alice.page, 'agent', '52-offer-again');
    await eventually(async () => expect((await dashboard()).offers).toMatchObject({ pending: 1, lapsed: 1 }), { timeoutMs: T });
    await alice.page.getByTestId('offer-accept').click();
    await card.waitFor({ state: 'detached', timeout: T });
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await alice.expectCount('mychats', 1);
    await alice.waitForLine('My VPN disconnects every five minutes.');
    await shoot(alice.page, 'agent', '53-offer-accepted');
  });
});
