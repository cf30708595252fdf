import { signInAtProviderPage, startCompanyProvider, type CompanyProvider } from '@switchboard/testing';
import { BrowserStack, shoot } from './browser-stack';

const TIMEOUT = 20_000;

/** The agent console and the widget signing in through a real OpenID Connect provider, in Chromium. */
describe('issue 13: sign-in through the company\'s OpenID Connect provider in the agent console and the widget (browser)', () => {
  let provider: CompanyProvider;
  let stack: BrowserStack;
  let url: string;

  beforeAll(async () => {
    provider = await startCompanyProvider({
      // The demo data's agent alice and end user erin, as the company's provider knows them.
      accounts: { alice: { name: 'Alice Agent', switchboard_role: 'agent' }, erin: { name: 'Erin User', switchboard_role: 'endUser' } },
    });
    url = provider.gatewayUrl;
    stack = await new BrowserStack({
      ...provider.gatewayEnv,
      // Short-lived access tokens: the consoles renew them with the refresh token.
      AUTH_TOKEN_TTL_SECONDS: '60',
    }).start();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  it('issue 13 (agent console; short-lived access tokens with refresh): an agent signs in with the company account, the console opens on their lists, and when the 60 s token expires the console reconnects with a refreshed one', async () => {
    const page = await stack.page();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).searchParams.get('token') ?? ''));
    await page.goto(`${url}/agent/`);
    await page.getByRole('link', { name: /Sign in with your company account/ }).click();
    await signInAtProviderPage(page, provider.issuer, 'alice', TIMEOUT);
    await page.waitForURL(`${url}/agent/`, { timeout: TIMEOUT });
    await page.getByTestId('tab-queue').waitFor({ timeout: TIMEOUT });
    expect(page.url()).not.toContain('token=');
    await shoot(page, 'agent', 'company-sign-in');

    // The gateway closes the socket when its token expires (4403); the console comes back with a new token, by itself.
    const renewed = await page.waitForEvent('websocket', { timeout: 90_000 });
    await renewed.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).includes('"hello"'), timeout: TIMEOUT });
    expect(sockets).toHaveLength(2);
    expect(sockets[1]).not.toBe(sockets[0]);
    await page.getByTestId('tab-queue').waitFor({ timeout: TIMEOUT });
  }, 150_000);

  it('issue 13 (widget): an end user signs in with the company account and can start a chat', async () => {
    const page = await stack.page();
    await page.goto(`${url}/widget/`);
    await page.getByRole('link', { name: /Sign in with your company account/ }).click();
    await signInAtProviderPage(page, provider.issuer, 'erin', TIMEOUT);
    await page.waitForURL(`${url}/widget/`, { timeout: TIMEOUT });
    await page.getByTestId('topic').waitFor({ timeout: TIMEOUT });
    expect(page.url()).not.toContain('token=');
    await shoot(page, 'widget', 'company-sign-in');
  });
});
