import { SwitchboardClient, login } from '@switchboard/client';
import { eventually } from '@switchboard/testing';
import type { Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;
const line = (n: number) => `Long chat line ${String(n).padStart(3, '0')}`;

/**
 * R13 history in pages, in Chromium: a long chat opens with its most recent
 * messages; scrolling to the top of the transcript loads the earlier ones
 * (the view stays where it was) until the start of the conversation.
 */
describe('agent console and widget: a long chat loads earlier messages as the person scrolls up (browser, real stack)', () => {
  const stack = new BrowserStack({ WS_RATE_PER_SECOND: '100000', WS_RATE_BURST: '100000' });
  const clients: SwitchboardClient[] = [];
  const MESSAGES = 140;

  beforeAll(async () => {
    await stack.start();
    // The chat is written over the protocol: the end user and the agent take turns.
    const connect = async (username: string, password: string) => {
      const { token } = await login(stack.gatewayUrl, username, password);
      const client = new SwitchboardClient({ url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/ws`, token, WebSocket: WebSocket as never });
      await client.connect();
      clients.push(client);
      return client;
    };
    const user = await connect('frank', 'user123');
    const agent = await connect('bob', 'agent123');
    const id = (await user.startSession(line(0), 'vpn')).session.sessionId;
    await eventually(async () => expect((await agent.accept(id)).session.status).toBe('ASSIGNED'));
    for (let n = 1; n <= MESSAGES; n++) await (n % 2 ? user : agent).post(id, line(n));
  }, 180_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack.stop();
  });

  /** Scrolls the transcript to its top, as a person does. */
  const scrollToTop = (page: Page) => page.getByTestId('transcript').evaluate((el) => el.scrollTo({ top: 0 }));

  /** Whether a line is inside the transcript's visible area. */
  async function inView(page: Page, target: Locator): Promise<boolean> {
    const [box, area] = await Promise.all([target.boundingBox(), page.getByTestId('transcript').boundingBox()]);
    return !!box && !!area && box.y >= area.y - 1 && box.y + box.height <= area.y + area.height + 1;
  }

  it('R3.3 R13 the agent console opens the chat at its newest messages and loads earlier pages on scrolling up, keeping the view', async () => {
    const bob = new AgentConsole(await stack.page(), stack.gatewayUrl);
    await bob.signIn('bob');
    await bob.select('mychats', 'frank');
    await bob.waitForLine(line(MESSAGES));
    const transcript = bob.transcript();
    await transcript.getByTestId('history-more').waitFor({ timeout: T });
    expect(await transcript.getByText(line(1), { exact: true }).count()).toBe(0);

    // The oldest line held is where the reader is when the earlier page arrives: it stays in view.
    const oldestShown = transcript.locator('.sb-msg').first();
    const oldestText = (await oldestShown.locator('.sb-text').textContent())!.trim();
    await scrollToTop(bob.page);
    await transcript.getByTestId('history-start').waitFor({ timeout: T });
    await transcript.getByText(line(1), { exact: true }).waitFor({ timeout: T });
    await eventually(async () => expect(await inView(bob.page, transcript.getByText(oldestText, { exact: true }))).toBe(true));
    expect(await inView(bob.page, transcript.getByText(line(MESSAGES), { exact: true }))).toBe(false);
    await shoot(bob.page, 'agent', '20-history-earlier-page');
    await scrollToTop(bob.page);
    await shoot(bob.page, 'agent', '21-history-start');
  });

  it('R13 the widget opens with the recent messages and reaches the start of the conversation by scrolling up', async () => {
    const frank = new Widget(await stack.page(), stack.gatewayUrl);
    await frank.signIn('frank');
    await frank.waitForLine(line(MESSAGES));
    const transcript = frank.page.getByTestId('transcript');
    await transcript.getByTestId('history-more').waitFor({ timeout: T });
    // The agent's name though the assignment lies pages back (R3.2).
    await expect(frank.title().textContent()).resolves.toContain('Bob');
    for (let page = 0; page < 5 && (await transcript.getByTestId('history-start').count()) === 0; page++) {
      await scrollToTop(frank.page);
      await eventually(async () => expect(await transcript.getByTestId('history-loading').count()).toBe(0));
    }
    await transcript.getByTestId('history-start').waitFor({ timeout: T });
    await transcript.getByText(line(0), { exact: true }).waitFor({ timeout: T });
    await scrollToTop(frank.page);
    await shoot(frank.page, 'widget', '20-history-start');
  });
});
