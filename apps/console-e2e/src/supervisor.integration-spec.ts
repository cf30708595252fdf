import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 16, working together, in Chromium on the real stack, in one flow:
 * the agent with a chat invites a colleague with a note, who accepts in his
 * Invites tab, consults (agents only: the end user never sees it) and
 * leaves; the agent then raises a help flag; the supervisor (demo `sam`, who supervises
 * General and Network) sees it on the monitoring board, opens the chat
 * read-only and live, whispers to the agent (the agent sees it, the end
 * user's widget does not), then takes the chat over (the agent is told).
 * Screenshots of each screen.
 */
describe('agent console: invite a colleague, help flag, the supervisor\'s board, monitor, whisper and take-over (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it('issue 16: an agent invites a colleague who consults and leaves, then asks for help; the supervisor sees it on the board, monitors the chat, whispers and takes it over', async () => {
    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const bob = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await bob.signIn('bob');
    await erin.signIn('erin');
    await erin.start('VPN', 'My VPN drops every five minutes.');

    // Alice has the chat and answers.
    await alice.expectCount('queue', 1);
    await alice.select('queue', 'My VPN drops every five minutes.');
    await alice.accept();
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await alice.reply('Hello Erin, let me check the VPN.');
    await erin.waitForLine('Hello Erin, let me check the VPN.');

    // Alice invites Bob with a note: her dialog lists the colleagues a transfer could go to (R6).
    await alice.page.getByTestId('invite').click();
    await alice.dialog().getByText('Bob Agent').click();
    await alice.dialog().getByLabel('Note for your colleague').fill('Can you check her VPN certificate on the gateway?');
    await shoot(alice.page, 'agent', '66-invite-dialog');
    await alice.page.getByTestId('invite-send').click();
    await alice.dialog().waitFor({ state: 'detached', timeout: T });
    await alice.page.getByTestId('invited').waitFor({ timeout: T });

    // Bob's Invites tab: the invitation with its note; he accepts and sees the whole chat; Erin is told he joined.
    await bob.page.getByTestId('tab-invites').click();
    const invitation = bob.page.getByTestId('invite').filter({ hasText: 'Alice Agent' });
    await invitation.waitFor({ timeout: T });
    expect(await invitation.getByTestId('invite-note').textContent()).toContain('Can you check her VPN certificate on the gateway?');
    await shoot(bob.page, 'agent', '67-invites-tab');
    await invitation.getByTestId('invite-accept').click();
    await bob.select('mychats', 'Erin');
    await bob.waitForLine('My VPN drops every five minutes.');
    await erin.waitForLine('Bob Agent joined the chat');
    await alice.page.getByTestId('participant').filter({ hasText: 'Bob Agent' }).waitFor({ timeout: T });

    // Bob consults: Alice sees it (agents only); then he leaves.
    await bob.page.getByTestId('mode-consult').click();
    await bob.page.getByTestId('composer').fill('Her certificate expired yesterday; renewing it should fix the drops.');
    await bob.page.getByTestId('composer').press('Enter');
    await alice.waitForLine('Her certificate expired yesterday; renewing it should fix the drops.');
    expect(await alice.transcript().getByText('Bob Agent (agents only)').count()).toBeGreaterThan(0);
    await shoot(bob.page, 'agent', '68-colleague-consults');
    await bob.page.getByTestId('leave-chat').click();
    await alice.waitForLine('Bob Agent left the chat');
    await erin.waitForLine('Bob Agent left the chat');
    await shoot(alice.page, 'agent', '69-colleague-consulted-and-left');

    // Alice asks for help: the toggle becomes Lower flag.
    await alice.page.getByTestId('ask-help').click();
    await alice.page.getByTestId('lower-help').waitFor({ timeout: T });
    await alice.waitForLine('asked a supervisor for help');
    await shoot(alice.page, 'agent', '70-agent-asks-for-help');

    // Sam signs in: the Board tab, its badge counting the raised flag.
    const sam = new AgentConsole(await stack.page(), stack.gatewayUrl);
    await sam.signIn('sam');
    const badge = sam.page.getByTestId('help-badge');
    await badge.filter({ hasText: '1' }).waitFor({ timeout: T });
    await sam.page.getByTestId('tab-board').click();
    const alert = sam.page.getByTestId('help-alert');
    await alert.filter({ hasText: 'Alice' }).waitFor({ timeout: T });
    const row = sam.page.locator('[data-testid="board-chat"]', { hasText: 'Erin' });
    await row.waitFor({ timeout: T });
    await row.getByTestId('board-help-flag').waitFor({ timeout: T });
    await shoot(sam.page, 'agent', '71-supervisor-board-help-flag');

    // Opened from the board: read-only, live; the end user is not told.
    await row.click();
    const monitor = sam.page.getByTestId('monitor-transcript');
    await sam.page.getByTestId('monitor-tag').waitFor({ timeout: T });
    await monitor.getByText('Hello Erin, let me check the VPN.').waitFor({ timeout: T });
    expect(await sam.page.getByTestId('composer').count()).toBe(0);
    await erin.send('It dropped again just now.');
    await monitor.getByText('It dropped again just now.').waitFor({ timeout: T });
    await shoot(sam.page, 'agent', '72-supervisor-monitors-chat');

    // A whisper: Alice sees it as a note from the supervisor; Erin never does.
    await sam.page.getByTestId('whisper-text').fill('Offer the loaner laptop.');
    await sam.page.getByTestId('whisper-send').click();
    await monitor.getByText('Offer the loaner laptop.').waitFor({ timeout: T });
    await alice.transcript().locator('[data-testid="side-note"]', { hasText: 'Offer the loaner laptop.' }).waitFor({ timeout: T });
    expect(await alice.transcript().locator('[data-testid="side-note"]', { hasText: 'Offer the loaner laptop.' }).textContent()).toContain('Sam Supervisor (supervisor, whisper)');
    await shoot(alice.page, 'agent', '73-agent-sees-whisper');
    await alice.reply('We can lend you a laptop meanwhile.');
    await erin.waitForLine('We can lend you a laptop meanwhile.');
    expect(await erin.page.getByTestId('transcript').textContent()).not.toContain('Offer the loaner laptop.');
    expect(await erin.page.getByTestId('transcript').textContent()).not.toContain('renewing it should fix the drops');
    await shoot(erin.page, 'widget', '70-end-user-never-sees-whisper');

    // Take over: the chat is Sam's, in his My Chats; Alice is told; Erin sees who helps her now.
    await sam.page.getByTestId('take-over').click();
    await sam.page.getByTestId('monitor-pane').waitFor({ state: 'detached', timeout: T });
    await sam.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });
    await sam.expectCount('mychats', 1);
    await sam.page.getByTestId('composer').waitFor({ timeout: T });
    await shoot(sam.page, 'agent', '74-supervisor-took-over');
    await alice.page.getByText('Sam Supervisor (supervisor) took this chat over.').first().waitFor({ timeout: T });
    await alice.expectCount('mychats', 0);
    await shoot(alice.page, 'agent', '75-agent-told-taken-over');
    await erin.waitForLine('Sam Supervisor');
    await sam.reply('Sam here, I will sort out the laptop.');
    await erin.waitForLine('Sam here, I will sort out the laptop.');
    await shoot(erin.page, 'widget', '71-end-user-after-take-over');
  }, 300_000);
});
