import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 14, wrap-up, in Chromium: with the Network queue at a 5-second
 * wrap-up that requires a disposition, the agent ends a chat and the console
 * shows the wrap-up panel (countdown, "Disposition required", the
 * administrator's codes), again after a reload; past the 5 seconds it stays
 * until the agent picks a code and presses Done, then it closes.
 */
describe('agent console: wrap-up after ending a chat (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('End Chat: the panel counts down, says a disposition is required, and closes once a code is recorded with Done', async () => {
    await stack.admin('PUT', '/api/admin/queues/Network', { wrapUpSeconds: 5, dispositionRequired: true });

    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await erin.signIn('erin');
    await erin.start('VPN', 'My VPN disconnects every five minutes.');
    await alice.select('queue', 'Erin');
    await alice.accept();
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await alice.reply('Fixed: the tunnel keeps alive now.');

    await alice.action('End Chat');
    await alice.dialog().getByRole('button', { name: 'Yes, end chat' }).click();
    await alice.dialog().waitFor({ state: 'detached', timeout: T });
    const panel = alice.page.getByTestId('wrap-up-panel');
    await panel.waitFor({ timeout: T });
    expect(await alice.page.getByTestId('wrap-up-required').textContent()).toContain('Disposition required');
    expect(await alice.page.getByTestId('wrap-up-next').textContent()).toContain('You get new chats again when you record the disposition.');
    expect(await alice.page.getByTestId('wrap-up-countdown').textContent()).toMatch(/\d seconds? of wrap-up left/);
    await panel.getByText('Workaround given').waitFor({ timeout: T });
    await shoot(alice.page, 'agent', '45-wrap-up-panel');

    // A reload during the wrap-up shows it again: presence.get tells the console what the gateway holds.
    await alice.page.reload();
    await alice.page.getByTestId('tab-queue').waitFor({ timeout: T });
    await panel.waitFor({ timeout: T });
    expect(await alice.page.getByTestId('wrap-up-required').textContent()).toContain('Disposition required');
    await panel.getByText('Workaround given').waitFor({ timeout: T });

    // A required disposition keeps the panel past the wrap-up time.
    await alice.page.getByTestId('wrap-up-countdown').waitFor({ state: 'detached', timeout: T });
    expect(await panel.isVisible()).toBe(true);
    await panel.getByText('Resolved').click();
    await shoot(alice.page, 'agent', '46-wrap-up-code-picked');
    await alice.page.getByTestId('wrap-up-done').click();
    await panel.waitFor({ state: 'detached', timeout: T });
    await shoot(alice.page, 'agent', '47-wrap-up-done');
  });
});
