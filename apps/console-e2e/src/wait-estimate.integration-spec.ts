import type { DashboardSnapshot } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 15 in Chromium: with one chat per agent and Alice (the one agent
 * online) busy, Erin's widget shows the estimated wait of her chat ("about
 * 2 to 4 minutes"); Alice sees the chat in her Queue tab, raises its
 * priority there, and the tab shows it; once Alice takes the chat, the
 * dashboard counts its real wait against the range shown.
 */
describe('widget: the estimated wait, and priority in the Queue tab (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it('wait estimate: the widget shows the range while the chat waits; priority: the agent raises it from the Queue tab; the dashboard counts the real wait', async () => {
    await stack.admin('PUT', '/api/admin/settings', { maxConcurrentChatsPerAgent: 1 });
    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const frank = new Widget(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');

    // Alice takes Frank's chat: her one slot is used.
    await frank.signIn('frank');
    await frank.start('VPN', 'The VPN asks for my password again and again.');
    await alice.select('queue', 'Frank');
    await alice.accept();
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });

    // Erin waits; her widget shows how long, in minutes.
    await erin.signIn('erin');
    await erin.start('VPN', 'My VPN disconnects every five minutes.');
    // The estimate is recorded on the chat (its history), then shown.
    const recorded = await eventually(
      async () => {
        const page = (await stack.admin('GET', '/api/admin/sessions?endUserId=erin&status=QUEUED')) as { items: Array<{ sessionId: string }> };
        const sessionId = page.items[0]?.sessionId;
        if (!sessionId) throw new Error('no waiting chat of erin yet');
        const history = (await stack.admin('GET', `/api/admin/sessions/${sessionId}/history`)) as { events: Array<{ type: string; minSeconds?: number; maxSeconds?: number }> };
        const estimate = history.events.find((e) => e.type === 'WaitEstimated');
        if (!estimate) throw new Error(`no estimate yet: ${history.events.map((e) => e.type).join(', ')}`);
        return estimate;
      },
      { timeoutMs: T, intervalMs: 250 },
    );
    expect(recorded.maxSeconds).toBeGreaterThan(60);
    const wait = erin.page.getByTestId('wait-estimate');
    await wait.waitFor({ timeout: T });
    expect(await wait.textContent()).toMatch(/Estimated wait: (up to \d+ minutes|about \d+ to \d+ minutes)\./);
    await shoot(erin.page, 'widget', '60-wait-estimate');

    // Alice raises the waiting chat's priority from her Queue tab; the tab shows it.
    await alice.select('queue', 'Erin');
    await alice.page.getByTestId('raise-priority').click();
    await alice.page.getByRole('menuitem', { name: 'Urgent' }).click();
    const tag = alice.item('Erin').getByTestId('priority');
    await tag.waitFor({ timeout: T });
    expect(await tag.textContent()).toContain('Urgent');
    await alice.waitForLine('Priority raised to Urgent');
    await shoot(alice.page, 'agent', '61-queue-priority');
    // The end user never sees the priority.
    expect(await erin.page.getByText('Urgent').count()).toBe(0);

    // Alice takes it (by hand: Auto Accept is off); the dashboard compares the wait with the range.
    await alice.accept();
    await erin.page.getByTestId('wait-estimate').waitFor({ state: 'detached', timeout: T });
    const figures = await eventually(
      async () => {
        const snapshot = (await stack.admin('GET', '/api/admin/dashboard')) as DashboardSnapshot;
        expect(snapshot.waitEstimates?.measured).toBeGreaterThanOrEqual(1);
        return snapshot.waitEstimates!;
      },
      { timeoutMs: T, intervalMs: 250 },
    );
    expect(figures.within + figures.shorter + figures.longer).toBe(figures.measured);
  });
});
