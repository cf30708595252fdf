import type { DashboardSnapshot, SessionDetailView } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 14, offers to wrap-up in one flow, in Chromium: with Agent Auto
 * Accept on and the Network queue offering chats for 5 seconds with a
 * 5-second wrap-up that requires a disposition, a chat is offered to the one
 * agent online, who sees the card with its countdown and lets it lapse; the
 * console says Not responding and why; "I'm back" puts the agent online and
 * the chat is offered again (no one else is eligible); a reload while it is
 * offered shows the card again; the agent accepts it, which opens it as an
 * accepted chat, ends the chat, and records a disposition code in the
 * wrap-up panel. Screenshots of each state.
 */
describe('agent console: an offer lapses, Not responding, back, the next offer survives a reload and is accepted, and wrap-up records a disposition (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  /** The administrators' dashboard figures now. */
  const dashboard = () => stack.admin<DashboardSnapshot>('GET', '/api/admin/dashboard');

  it('an offer lapses, the agent is Not responding until back, sees the next offer again after a reload, accepts it, ends the chat and records the disposition', async () => {
    await stack.admin('PUT', '/api/admin/settings', { agentAutoAccept: true });
    await stack.admin('PUT', '/api/admin/queues/Network', { offerSeconds: 5, wrapUpSeconds: 5, dispositionRequired: true });

    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await erin.signIn('erin');
    await erin.start('VPN', 'My VPN disconnects every five minutes.');

    // Offered: the card with who waits and the seconds left.
    const card = alice.page.getByTestId('offer-card');
    await card.waitFor({ timeout: T });
    expect(await card.textContent()).toContain('Chat offered to you');
    expect(await alice.page.getByTestId('offer-countdown').textContent()).toMatch(/[0-5] seconds? left to answer/);
    await shoot(alice.page, 'agent', '50-offer-card');

    // Unanswered: the card goes and the agent is Not responding, on the gateway too.
    await card.waitFor({ state: 'detached', timeout: T });
    const notice = alice.page.getByTestId('not-responding-notice');
    await notice.waitFor({ timeout: T });
    expect(await notice.textContent()).toContain('You did not answer an offer in time; you get no new chats until you are back.');
    expect(await alice.page.getByTestId('presence-not-responding').textContent()).toContain('Not responding');
    await eventually(async () => expect(await stack.presenceOf('alice')).toBe('notResponding'), { timeoutMs: T });
    await shoot(alice.page, 'agent', '51-not-responding');
    // The administrators' dashboard counts the lapse (and no offer pending now).
    await eventually(async () => expect((await dashboard()).offers).toEqual({ pending: 0, declined: 0, lapsed: 1 }), { timeoutMs: T });

    // Longer offers from now on, so the reload and the accept below do not race a busy machine.
    await stack.admin('PUT', '/api/admin/queues/Network', { offerSeconds: 120 });
    await alice.page.getByTestId('not-responding-back').click();
    await notice.waitFor({ state: 'detached', timeout: T });
    await shoot(alice.page, 'agent', '52-back-online');
    await eventually(async () => expect(await stack.presenceOf('alice')).toBe('online'), { timeoutMs: T });

    // Back online: the chat is offered again (no one else is eligible).
    await card.waitFor({ timeout: T });
    await shoot(alice.page, 'agent', '53-offer-again');
    await eventually(async () => expect((await dashboard()).offers).toMatchObject({ pending: 1, lapsed: 1 }), { timeoutMs: T });

    // A reload while it is offered: the card is back, counting down what the offer has left.
    const before = Number((await alice.page.getByTestId('offer-countdown').textContent())?.match(/(\d+) seconds? left/)?.[1]);
    await alice.page.reload();
    await alice.page.getByTestId('tab-queue').waitFor({ timeout: T });
    await card.waitFor({ timeout: T });
    expect(await card.textContent()).toContain('Erin');
    const after = Number((await alice.page.getByTestId('offer-countdown').textContent())?.match(/(\d+) seconds? left/)?.[1]);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before);
    await shoot(alice.page, 'agent', '54-offer-after-reload');

    // Accepted: it opens as an accepted chat.
    await alice.page.getByTestId('offer-accept').click();
    await card.waitFor({ state: 'detached', timeout: T });
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await alice.expectCount('mychats', 1);
    await alice.waitForLine('My VPN disconnects every five minutes.');
    await shoot(alice.page, 'agent', '55-offer-accepted');

    // Ended: the wrap-up panel counts down and asks for the disposition.
    await alice.reply('Fixed: the tunnel keeps alive now.');
    await alice.action('End Chat');
    await alice.dialog().getByRole('button', { name: 'Yes, end chat' }).click();
    await alice.dialog().waitFor({ state: 'detached', timeout: T });
    const panel = alice.page.getByTestId('wrap-up-panel');
    await panel.waitFor({ timeout: T });
    expect(await alice.page.getByTestId('wrap-up-required').textContent()).toContain('Disposition required');
    await panel.getByText('Resolved').waitFor({ timeout: T });
    await shoot(alice.page, 'agent', '56-chat-ended-wrap-up');

    // The code picked and recorded with Done: the panel closes and the chat's record has it.
    await panel.getByText('Resolved').click();
    await shoot(alice.page, 'agent', '57-disposition-picked');
    await alice.page.getByTestId('wrap-up-done').click();
    await panel.waitFor({ state: 'detached', timeout: T });
    await shoot(alice.page, 'agent', '58-disposition-recorded');
    const { items } = await stack.admin<{ items: Array<{ sessionId: string }> }>('GET', '/api/admin/sessions?agentId=alice');
    expect(items).toHaveLength(1);
    await eventually(
      async () => {
        const record = await stack.admin<SessionDetailView>('GET', `/api/admin/sessions/${items[0]!.sessionId}`);
        expect(record.history.filter((e) => e.type === 'DispositionRecorded')).toEqual([expect.objectContaining({ code: 'Resolved', agentId: 'alice' })]);
      },
      { timeoutMs: T },
    );
  }, 300_000);
});
