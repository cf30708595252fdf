import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 16 in Chromium, inviting a colleague: Alice, who holds Erin's chat,
 * invites Bob with a note; Bob sees it in his Invites tab and accepts; the
 * end user is told Bob joined; Bob consults (agents only: Alice sees it,
 * Erin never does) and leaves; the owner's chat goes on. Screenshots of each
 * screen.
 */
describe('agent console: invite a colleague who consults and leaves (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it('Alice invites Bob, Bob accepts in the Invites tab, consults only the agents, and leaves', async () => {
    const alice = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const bob = new AgentConsole(await stack.page(), stack.gatewayUrl);
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await alice.signIn('alice');
    await bob.signIn('bob');
    await erin.signIn('erin');
    await erin.start('VPN', 'The VPN certificate expired, I think.');
    await alice.select('queue', 'Erin');
    await alice.accept();
    await alice.status().filter({ hasText: 'Assigned' }).waitFor({ timeout: T });

    // The invitation, with a note: the owner's dialog lists the colleagues a transfer could go to (R6).
    await alice.page.getByTestId('invite').click();
    await alice.dialog().getByText('Bob Agent').click();
    await alice.dialog().getByLabel('Note for your colleague').fill('Can you check her certificate on the VPN gateway?');
    await shoot(alice.page, 'agent', '50-invite-dialog');
    await alice.page.getByTestId('invite-send').click();
    await alice.dialog().waitFor({ state: 'detached', timeout: T });
    await alice.page.getByTestId('invited').waitFor({ timeout: T });

    // Bob's Invites tab.
    await bob.page.getByTestId('tab-invites').click();
    const invitation = bob.page.getByTestId('invite').filter({ hasText: 'Alice Agent' });
    await invitation.waitFor({ timeout: T });
    expect(await invitation.getByTestId('invite-note').textContent()).toContain('Can you check her certificate on the VPN gateway?');
    await shoot(bob.page, 'agent', '51-invites-tab');
    await invitation.getByTestId('invite-accept').click();

    // In: the whole history, the end user told.
    await bob.select('mychats', 'Erin');
    await bob.waitForLine('The VPN certificate expired, I think.');
    await erin.waitForLine('Bob Agent joined the chat');
    await alice.page.getByTestId('participant').filter({ hasText: 'Bob Agent' }).waitFor({ timeout: T });

    // A consult: the agents only.
    await bob.page.getByTestId('mode-consult').click();
    await bob.page.getByTestId('composer').fill('Her certificate expired yesterday; renewing it fixes this.');
    await bob.page.getByTestId('composer').press('Enter');
    await alice.waitForLine('Her certificate expired yesterday; renewing it fixes this.');
    expect(await alice.transcript().getByText('Bob Agent (agents only)').count()).toBeGreaterThan(0);
    await shoot(bob.page, 'agent', '52-participant-consults');
    await shoot(alice.page, 'agent', '53-owner-sees-consult');

    // Bob leaves; the owner answers the end user, who never saw the consult (events reach her in order: Alice's reply came after it).
    await bob.page.getByTestId('leave-chat').click();
    await alice.waitForLine('Bob Agent left the chat');
    await alice.reply('Your certificate is renewed; please reconnect.');
    await erin.waitForLine('Your certificate is renewed; please reconnect.');
    await erin.waitForLine('Bob Agent left the chat');
    expect(await erin.page.getByTestId('transcript').getByText('renewing it fixes this', { exact: false }).count()).toBe(0);
    await shoot(erin.page, 'widget', '66-colleague-joined-and-left');
    await shoot(alice.page, 'agent', '54-colleague-left');
  });
});
