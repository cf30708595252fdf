import { eventually } from '@switchboard/testing';
import type { Page } from 'playwright-core';
import { AdminStack } from './admin-stack';

/** Everything a script of the page can read: both web storages and the cookies it can see. */
const readableByScript = (page: Page) =>
  page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
  }));
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describe('issue 13 (tokens in localStorage): the admin console keeps no token where a script can read it (Chromium)', () => {
  const stack = new AdminStack();

  beforeAll(async () => {
    await stack.start();
  }, 120_000);

  afterAll(() => stack.stop());

  it('after sign-in neither web storage nor document.cookie holds a token; the refresh cookie is HttpOnly and SameSite=Strict; a reload keeps the administrator signed in; signing out ends it', async () => {
    const page = await stack.newPage();
    const tokens: string[] = [];
    page.on('response', (res) => {
      if (/\/api\/auth\/(login|refresh)$/.test(new URL(res.url()).pathname) && res.status() === 200) void res.json().then((body: { token?: string }) => body.token && tokens.push(body.token));
    });
    await stack.signIn(page);
    await page.waitForURL(/\/admin\/dashboard/);
    await page.getByTestId('live-state').getByText('Live').waitFor();

    expect(tokens.length).toBeGreaterThan(0);
    const seen = await readableByScript(page);
    for (const place of [seen.local, seen.session, seen.cookie]) {
      expect(place).not.toMatch(JWT);
      for (const token of tokens) expect(place).not.toContain(token);
    }
    const cookies = await page.context().cookies();
    const refresh = cookies.filter((c) => c.name === 'sb_refresh_admin');
    expect(refresh.map((c) => [c.path, c.httpOnly, c.sameSite])).toEqual(
      expect.arrayContaining([
        ['/api/auth/refresh', true, 'Strict'],
        ['/api/auth/sign-out', true, 'Strict'],
      ]),
    );

    await page.reload();
    await page.getByTestId('live-state').getByText('Live').waitFor();
    expect(page.url()).toContain('/admin/dashboard');
    await page.goto(stack.url('/settings'));
    await page.waitForURL(/\/admin\/settings/);
    const afterReload = await readableByScript(page);
    expect([afterReload.local, afterReload.session, afterReload.cookie].join(' ')).not.toMatch(JWT);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/login/);
    await eventually(async () => expect((await page.context().cookies()).filter((c) => c.name === 'sb_refresh_admin')).toEqual([]), { timeoutMs: 10_000 });
    await page.goto(stack.url('/settings'));
    await page.waitForURL(/\/admin\/login\?returnUrl=%2Fsettings/);
    await page.close();
  }, 90_000);
});
