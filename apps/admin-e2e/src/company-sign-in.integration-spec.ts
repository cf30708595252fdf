import { signInAtProviderPage, startCompanyProvider, startService, testInfra, uniqueDatabase, type CompanyProvider, type ServiceProcess } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ADMIN_BUILD, SCREENSHOTS } from './admin-stack';

/**
 * The admin console signing in through a real OpenID Connect provider
 * (oidc-provider, its own sign-in and consent pages) in Chromium: the gateway
 * is configured as a company would (AUTH_MODE=oidc, no demo logins).
 */
describe('admin console: issue 13 sign-in through the company\'s OpenID Connect provider (browser)', () => {
  const database = uniqueDatabase('admin_oidc');
  let provider: CompanyProvider;
  let gateway: ServiceProcess;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    provider = await startCompanyProvider({
      postLogoutPaths: ['/admin/login'],
      accounts: { ada: { name: 'Ada Admin', switchboard_role: 'admin' }, alice: { name: 'Alice Agent', switchboard_role: 'agent' } },
    });
    url = provider.gatewayUrl;
    gateway = await startService('gateway', {
      NATS_URL: testInfra().natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: database.name,
      NATS_SUBJECT_PREFIX: `t${randomBytes(4).toString('hex')}`,
      NODE_ENV: 'test',
      AUTH_MODE: 'oidc',
      AUTH_TOKEN_SECRET: 'an-oidc-browser-test-secret-0123456789abcdef',
      ...provider.gatewayEnv,
      ADMIN_STATIC_DIR: ADMIN_BUILD,
    }, { timeoutMs: 90_000 });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await provider?.stop();
  });

  it('issue 13 (browser sign-in through the OpenID provider): an administrator signs in with the company account, passes the provider\'s sign-in and consent pages, and lands on the dashboard; no password form is offered', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${url}/admin/login`);
      const button = page.getByRole('link', { name: /Sign in with your company account/ });
      await button.waitFor();
      expect(await page.getByLabel('Username').count()).toBe(0);
      await button.click();

      // The provider's own pages (oidc-provider's development interactions).
      await signInAtProviderPage(page, provider.issuer, 'ada');

      await page.waitForURL(`${url}/admin/dashboard`);
      // The session left the address bar; the console calls the admin API with it.
      expect(page.url()).not.toContain('token=');
      await page.getByRole('heading', { name: 'Dashboard' }).first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'company-sign-in.png') });
    } finally {
      await page.close();
    }
  });

  it('issue 13: an agent who signs in with the company account is refused by the admin console and keeps no session there', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${url}/admin/login`);
      await page.getByRole('link', { name: /Sign in with your company account/ }).click();
      await signInAtProviderPage(page, provider.issuer, 'alice');
      // Alice has no agent profile: the gateway refuses before the console (403 NO_AGENT_PROFILE).
      await page.waitForURL(`${url}/api/auth/oidc/callback**`);
      expect(await page.locator('body').innerText()).toContain('NO_AGENT_PROFILE');
      await page.goto(`${url}/admin/dashboard`);
      await page.waitForURL(/\/admin\/login/);
    } finally {
      await page.close();
    }
  });
});
