import { SwitchboardClient } from '@switchboard/client';
import { loginResponseSchema } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import WebSocket from 'ws';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole } from './pages';

const T = 20_000;

/**
 * Issue 14, idle agents, in Chromium: with Away after idle at 1 minute, an
 * agent console left without input sets its agent Away (the page's clock is
 * Playwright's, moved on by hand: no real minute is waited), the agent reads
 * why, and goes online again with one click.
 */
describe('agent console: an idle agent is set Away and goes online again (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  async function login(username: string, password: string): Promise<string> {
    const res = await fetch(`${stack.gatewayUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return loginResponseSchema.parse(await res.json()).token;
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

  it('one minute without input: Away through the presence command, a notice saying so, and Go online puts the agent back', async () => {
    const admin = await login('admin', 'admin123');
    const saved = await fetch(`${stack.gatewayUrl}/api/admin/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ agentIdleMinutes: 1 }),
    });
    expect(saved.status).toBe(200);

    const page = await stack.page();
    await page.clock.install();
    const carol = new AgentConsole(page, stack.gatewayUrl);
    await carol.signIn('carol');
    expect(await page.getByTestId('presence-online').getAttribute('class')).toContain('checked');
    expect(await page.getByTestId('idle-notice').count()).toBe(0);

    // A minute and a little more without touching the page.
    await page.clock.fastForward('01:05');
    const notice = page.getByTestId('idle-notice');
    await notice.waitFor({ timeout: T });
    expect(await notice.textContent()).toContain('You were set to Away after 1 minute without activity.');
    expect(await page.getByTestId('presence-away').getAttribute('class')).toContain('checked');
    await eventually(async () => expect(await presenceOf('carol')).toBe('away'), { timeoutMs: T });
    await page.mouse.move(400, 300);
    await shoot(page, 'agent', '40-idle-away-notice');

    // Input does not bring the agent back; the agent does.
    expect(await notice.isVisible()).toBe(true);
    await page.getByTestId('idle-go-online').click();
    await notice.waitFor({ state: 'detached', timeout: T });
    expect(await page.getByTestId('presence-online').getAttribute('class')).toContain('checked');
    await eventually(async () => expect(await presenceOf('carol')).toBe('online'), { timeoutMs: T });
  });
});
