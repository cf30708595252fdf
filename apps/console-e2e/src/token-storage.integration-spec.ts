import { eventually } from '@switchboard/testing';
import type { Page } from 'playwright-core';
import { BrowserStack } from './browser-stack';

const TIMEOUT = 20_000;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** Everything a script of the page can read: both web storages and the cookies it can see. */
const readableByScript = (page: Page) =>
  page.evaluate(() => [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie]);

/** The access tokens the page was given (login and refresh answers), to look for afterwards. */
function collectTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on('response', (res) => {
    if (/\/api\/auth\/(login|refresh)$/.test(new URL(res.url()).pathname) && res.status() === 200) {
      void res.json().then((body: { token?: string }) => body.token && tokens.push(body.token), () => undefined);
    }
  });
  return tokens;
}

async function expectNoTokenReadable(page: Page, tokens: string[]): Promise<void> {
  expect(tokens.length).toBeGreaterThan(0);
  for (const place of await readableByScript(page)) {
    expect(place).not.toMatch(JWT);
    for (const token of tokens) expect(place).not.toContain(token);
  }
}

async function expectRefreshCookie(page: Page, name: string): Promise<void> {
  const cookies = (await page.context().cookies()).filter((c) => c.name === name);
  expect(cookies.map((c) => [c.path, c.httpOnly, c.sameSite]).sort()).toEqual([
    ['/api/auth/refresh', true, 'Strict'],
    ['/api/auth/sign-out', true, 'Strict'],
  ]);
}

describe('issue 13 (tokens in localStorage): the agent console and the widget keep no token where a script can read it (Chromium)', () => {
  let stack: BrowserStack;
  let url: string;

  beforeAll(async () => {
    stack = await new BrowserStack().start();
    url = stack.gatewayUrl;
  }, 120_000);

  afterAll(() => stack?.stop());

  it('agent console: after sign-in no token in localStorage, sessionStorage or document.cookie; a reload keeps the agent signed in', async () => {
    const page = await stack.page();
    const tokens = collectTokens(page);
    await page.goto(`${url}/agent/`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('agent123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('tab-queue').waitFor({ timeout: TIMEOUT });

    await expectNoTokenReadable(page, tokens);
    await expectRefreshCookie(page, 'sb_refresh_agent');

    await page.reload();
    await page.getByTestId('tab-queue').waitFor({ timeout: TIMEOUT });
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    await expectNoTokenReadable(page, tokens);
  }, 90_000);

  it('widget: after sign-in no token in localStorage, sessionStorage or document.cookie; a reload keeps the end user signed in; signing out ends it for the next reload', async () => {
    const page = await stack.page();
    const tokens = collectTokens(page);
    await page.goto(`${url}/widget/`);
    await page.getByLabel('Username').fill('erin');
    await page.getByLabel('Password').fill('user123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('topic').waitFor({ timeout: TIMEOUT });

    await expectNoTokenReadable(page, tokens);
    await expectRefreshCookie(page, 'sb_refresh_widget');

    await page.reload();
    await page.getByTestId('topic').waitFor({ timeout: TIMEOUT });
    await expectNoTokenReadable(page, tokens);

    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
    // The gateway ended this sign-in and cleared its cookie: the next reload finds none.
    await eventually(async () => expect((await page.context().cookies()).filter((c) => c.name === 'sb_refresh_widget')).toEqual([]), { timeoutMs: TIMEOUT });
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('topic').count()).toBe(0);
  }, 90_000);
});
