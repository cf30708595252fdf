import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 15 in Chromium, end-user inactivity: with the Network queue warning
 * after 3 silent seconds and closing 4 seconds later, the widget asks "Are
 * you still there?" (the agent's transcript says it was asked); the end
 * user's answer keeps the chat open; silent after the agent's next message,
 * the chat closes for inactivity and both sides say why. Screenshots of each state.
 */
describe('widget: end-user inactivity (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it('"Are you still there?" after the warning time; an answer keeps the chat; silence closes it for inactivity', async () => {
    await stack.admin('PUT', '/api/admin/queues/Network', { userInactivityWarnSeconds: 3, userInactivityCloseSeconds: 4 });
    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await erin.signIn('erin');
    await erin.start('VPN', 'The VPN asks for my password every hour.');
    await alice.select('queue', 'Erin');
    await alice.accept();
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await alice.reply('Which VPN client version do you have?');

    // Warned: the widget asks, with the time it closes; the agent sees that it asked.
    const banner = erin.page.getByTestId('still-there');
    await banner.waitFor({ timeout: T });
    expect(await banner.textContent()).toContain('Are you still there? The chat closes at');
    await erin.waitForLine('Are you still there? Reply to keep the chat open.');
    await alice.waitForLine('The end user was asked whether they are still there');
    await shoot(erin.page, 'widget', '64-still-there');
    await shoot(alice.page, 'agent', '48-user-asked-still-there');

    // The answer keeps the chat open and takes the question away.
    await erin.page.getByTestId('still-here').click();
    await banner.waitFor({ state: 'detached', timeout: T });
    await alice.waitForLine("I'm still here");
    expect(await erin.title().textContent()).not.toContain('Chat ended');

    // Silence counts from the agent's message (ADR 20): the next one, left unanswered, is asked about again, then the chat closes.
    await alice.reply('Please restart the VPN client and tell me what it says.');
    await banner.waitFor({ timeout: T });
    await erin.waitForLine('The chat was closed because we did not hear from you');
    await banner.waitFor({ state: 'detached', timeout: T });
    expect(await erin.page.getByTestId('status-text').textContent()).toContain('We did not hear from you for a while, so the chat was closed.');
    await erin.page.getByTestId('new-chat').waitFor({ timeout: T });
    await shoot(erin.page, 'widget', '65-closed-for-inactivity');
    await alice.waitForLine('Chat closed: the end user did not answer in time');
    await shoot(alice.page, 'agent', '49-closed-for-inactivity');

    await stack.admin('PUT', '/api/admin/queues/Network', { userInactivityWarnSeconds: 0, userInactivityCloseSeconds: 0 });
  });
});
