import { eventually } from '@switchboard/testing';
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

  it('one minute without input: Away through the presence command, a notice saying so, and Go online puts the agent back', async () => {
    await stack.admin('PUT', '/api/admin/settings', { agentIdleMinutes: 1 });

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
    await eventually(async () => expect(await stack.presenceOf('carol')).toBe('away'), { timeoutMs: T });
    await page.mouse.move(400, 300);
    await shoot(page, 'agent', '40-idle-away-notice');

    // Input does not bring the agent back; the agent does.
    expect(await notice.isVisible()).toBe(true);
    await page.getByTestId('idle-go-online').click();
    await notice.waitFor({ state: 'detached', timeout: T });
    expect(await page.getByTestId('presence-online').getAttribute('class')).toContain('checked');
    await eventually(async () => expect(await stack.presenceOf('carol')).toBe('online'), { timeoutMs: T });
  });
});
