import { consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { AdminStack } from './admin-stack';

/**
 * The admin console against the real stack: gateway (serving the built
 * console), chat-actor and router as OS processes, real NATS and database.
 * Chats are driven the way the services drive them (commands to the chat
 * actors); everything an administrator does goes through the browser.
 */
describe('admin console in Chromium against the running system', () => {
  const stack = new AdminStack();
  let page: Page;

  const endUsers = ['u-dash', 'u-topics', 'u-queues1', 'u-queues2', 'u-cap1', 'u-cap2', 'u-print'];

  beforeAll(async () => {
    await stack.start();
    await stack.cluster.seedEndUsers(endUsers, 'acme');
    await stack.cluster.agentStates.setPresence('alice', 'online');
    await stack.cluster.agentStates.setPresence('bob', 'online');
    page = await stack.newPage();
  }, 180_000);
  afterAll(() => stack.stop());

  async function openSettings(): Promise<void> {
    await page.goto(stack.url('/settings'));
    await page.getByRole('switch', { name: 'Agent Auto Accept' }).waitFor();
  }

  /** Changes settings on the Settings page and waits for the page to say they are in effect. */
  async function saveSettings(change: () => Promise<void>): Promise<void> {
    await openSettings();
    await change();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved and in effect.').waitFor();
  }

  const toggle = (name: string) => () => page.getByRole('switch', { name }).click();

  it('R19 refuses the console to a signed-in agent and sends anonymous visitors to sign-in', async () => {
    const other = await stack.newPage();
    await other.goto(stack.url('/settings'));
    await other.waitForURL(/\/admin\/login\?returnUrl=%2Fsettings/);
    await stack.signIn(other, 'alice', 'agent123');
    await other.getByRole('alert').getByText('Alice Agent is not an administrator').waitFor();
    expect(other.url()).toContain('/admin/login');
    await stack.screenshot(other, 'login-refused');
    await other.close();
  });

  it('signs an administrator in through the gateway and opens the live dashboard', async () => {
    await stack.signIn(page);
    await page.waitForURL(/\/admin\/dashboard/);
    await page.getByTestId('live-state').getByText('Live').waitFor();
    await page.locator('[data-agent="alice"]').getByText('online').waitFor();
  });

  it('dashboard: a new waiting chat shows within 1 second, without a refresh', async () => {
    const waiting = page.getByTestId('kpi-waiting').locator('.kpi-value');
    const before = Number(await waiting.textContent());
    const startedAt = Date.now();
    const { reply } = await stack.startChat('u-dash', 'password-reset');
    expect(reply.ok).toBe(true);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-waiting"] .kpi-value')?.textContent) === n, before + 1, { timeout: 1000 });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await page.locator('[data-queue="General"]').getByText(String(before + 1)).waitFor();
    await stack.screenshot(page, 'dashboard-first-chat');
  });

  it('settings: turning Use Topics off lets a chat start without a topic', async () => {
    const refused = await stack.startChat('u-topics');
    expect(refused.reply).toMatchObject({ ok: false, error: { code: 'TOPIC_REQUIRED' } });
    await saveSettings(toggle('Use Topics'));
    const started = await stack.startChat('u-topics');
    expect(started.reply.ok).toBe(true);
  });

  it('settings: Support Queues routes a chat to its topic\u2019s queue, off sends it to General', async () => {
    await saveSettings(toggle('Use Topics'));
    const routed = await stack.startChat('u-queues1', 'vpn');
    expect(routed.reply.ok && routed.reply.data.session.queue).toBe('Network');
    await saveSettings(toggle('Support Queues'));
    const general = await stack.startChat('u-queues2', 'vpn');
    expect(general.reply.ok && general.reply.data.session.queue).toBe('General');
    await saveSettings(toggle('Support Queues'));
  });

  it('settings: the Company filter stops an agent from taking chats of other companies', async () => {
    const accept = (sessionId: string) => stack.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: 'bob' } });
    // bob serves acme only; grace and heidi are of globex.
    const grace = await stack.startChat('grace', 'password-reset');
    expect((await accept(grace.sessionId)).ok).toBe(true);
    await saveSettings(toggle('Company filter'));
    const heidi = await stack.startChat('heidi', 'password-reset');
    const refused = await accept(heidi.sessionId);
    expect(refused.ok).toBe(false);
    await saveSettings(toggle('Company filter'));
    expect((await accept(heidi.sessionId)).ok).toBe(true);
  });

  it('settings: turning Agent Auto Accept on assigns a waiting chat; the remote-control URL is checked and used', async () => {
    const erin = await stack.startChat('erin', 'password-reset');
    // Auto Accept is off: the chat waits.
    await consistently(async () => expect((await stack.sessionStatus(erin.sessionId))?.status).toBe('QUEUED'), { forMs: 1000, intervalMs: 100 });
    await saveSettings(toggle('Agent Auto Accept'));
    const assigned = await eventually(async () => {
      const session = await stack.sessionStatus(erin.sessionId);
      expect(session?.status).toBe('ASSIGNED');
      return session!;
    });
    // Every chat that waited before (General, Network) is assigned too, oldest first (R4.1).
    await eventually(async () => expect(await stack.cluster.db.collection('chat_sessions').countDocuments({ status: 'QUEUED' })).toBe(0));

    await openSettings();
    const url = page.getByLabel('Remote control console URL');
    await url.fill('ftp://remote.example.test');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Enter a web address starting with http:// or https://.').waitFor();
    await stack.screenshot(page, 'settings-invalid');
    await url.fill('https://rc.example.test/console');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved and in effect.').waitFor();
    const control = await stack.send({
      type: 'RequestControl',
      commandId: randomUUID(),
      sessionId: erin.sessionId,
      actor: { role: 'agent', id: assigned.ownerAgentId! },
      assetId: 'erin-laptop',
    });
    expect(control.ok).toBe(true);
    expect(JSON.stringify(control.ok && control.data.events)).toContain('https://rc.example.test/console');
  });

  it('settings: Max concurrent chats per agent caps automatic assignment', async () => {
    await stack.cluster.agentStates.setPresence('bob', 'offline');
    const load = Object.keys((await stack.cluster.agentStates.get('alice')).state.sessions).length;
    await saveSettings(() => page.getByLabel('Max concurrent chats per agent').fill(String(load + 1)));
    const first = await stack.startChat('u-cap1', 'password-reset');
    const second = await stack.startChat('u-cap2', 'password-reset');
    await eventually(async () => {
      const statuses = [await stack.sessionStatus(first.sessionId), await stack.sessionStatus(second.sessionId)].map((s) => s?.status);
      expect(statuses.sort()).toEqual(['ASSIGNED', 'QUEUED']);
    });
    // The cap holds: the second chat keeps waiting.
    await consistently(
      async () => {
        const statuses = [await stack.sessionStatus(first.sessionId), await stack.sessionStatus(second.sessionId)].map((s) => s?.status);
        expect(statuses.sort()).toEqual(['ASSIGNED', 'QUEUED']);
      },
      { forMs: 1000, intervalMs: 100 },
    );
    await saveSettings(() => page.getByLabel('Max concurrent chats per agent').fill('0'));
    await eventually(async () => {
      expect((await stack.sessionStatus(first.sessionId))?.status).toBe('ASSIGNED');
      expect((await stack.sessionStatus(second.sessionId))?.status).toBe('ASSIGNED');
    });
  });

  it('creates a queue and a topic in the console, and a new chat of that topic waits in that queue', async () => {
    await page.goto(stack.url('/support-queues'));
    await page.getByRole('button', { name: 'New queue' }).click();
    const queueDialog = page.getByRole('dialog');
    await queueDialog.getByLabel('Name').fill('Printing');
    await queueDialog.getByLabel('Description').fill('Printers, scanners and copiers');
    await stack.screenshot(page, 'support-queues-new');
    await queueDialog.getByRole('button', { name: 'Create queue' }).click();
    await page.getByText('Queue Printing created.').waitFor();
    await page.getByRole('cell', { name: 'Printing', exact: true }).waitFor();
    await stack.screenshot(page, 'support-queues');

    await page.goto(stack.url('/topics'));
    await page.getByRole('button', { name: 'New topic' }).click();
    const topicDialog = page.getByRole('dialog');
    await topicDialog.getByLabel('Name').fill('Printer jam');
    await topicDialog.getByLabel('Code').fill('printer-jam');
    await topicDialog.getByRole('combobox', { name: 'Support queue' }).click();
    await page.getByRole('option', { name: 'Printing' }).click();
    await topicDialog.getByRole('button', { name: 'Create topic' }).click();
    await page.getByText('Topic Printer jam created; its chats go to Printing.').waitFor();
    await stack.screenshot(page, 'topics');

    const printing = await stack.startChat('u-print', 'printer-jam', 'The printer on floor 2 is jammed');
    expect(printing.reply.ok && printing.reply.data.session.queue).toBe('Printing');
    await page.goto(stack.url('/dashboard'));
    await page.locator('[data-queue="Printing"]').getByText('1').waitFor();
  });

  it('R17 finds a chat in the chat records, reads its whole history, and force-closes it after confirmation', async () => {
    const session = (await stack.cluster.db.collection('chat_sessions').findOne<{ _id: string }>({ endUserId: 'u-print' }))!;
    await stack.send({ type: 'PostMessage', commandId: randomUUID(), sessionId: session._id, actor: { role: 'endUser', id: 'u-print' }, text: 'It shows error E42' });

    await page.goto(stack.url('/chat-records'));
    await page.getByLabel('End user', { exact: true }).fill('u-print');
    await page.getByLabel('End user', { exact: true }).press('Tab');
    const row = page.getByRole('row', { name: `Open session ${session._id}` });
    await row.waitFor();
    // The filtered list replaces the unfiltered one: wait until only the header and this row remain.
    await page.getByRole('row').nth(2).waitFor({ state: 'detached' });
    expect(await page.getByRole('row').count()).toBe(2);
    await stack.screenshot(page, 'chat-records');
    await row.click();

    await page.waitForURL(new RegExp(`/admin/chat-records/${session._id}$`));
    await page.getByText('It shows error E42').waitFor();
    await page.getByText('Chat started in queue Printing, topic printer-jam').waitFor();
    expect(await page.getByTestId('record-status').textContent()).toContain('Waiting');
    await stack.screenshot(page, 'chat-record');

    await page.getByRole('button', { name: 'Force-close' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('This cannot be undone.').waitFor();
    await confirm.getByLabel('Comment (kept in the history)').fill('Printer replaced; no follow-up needed');
    await stack.screenshot(page, 'chat-record-force-close');
    await confirm.getByRole('button', { name: 'Force-close' }).click();
    await page.getByTestId('record-status').getByText('Closed').waitFor();
    await page.getByText('Force-closed by administrator admin: \u201cPrinter replaced; no follow-up needed\u201d').waitFor();
    expect((await stack.sessionStatus(session._id))?.status).toBe('CLOSED');
    await stack.screenshot(page, 'chat-record-closed');
  });

  it('screenshots every other page at 1280x800, each showing its data', async () => {
    const pages: Array<[string, string, string]> = [
      ['dashboard', '/dashboard', 'Printing'],
      ['settings', '/settings', 'Routing and assignment'],
      ['agents', '/agents', 'Alice Agent'],
      ['companies', '/companies', 'Acme Corporation'],
      ['end-users', '/end-users', 'Erin User'],
      ['resources', '/resources', 'Resetting the VPN client'],
    ];
    for (const [name, path, text] of pages) {
      await page.goto(stack.url(path));
      await page.getByText(text).first().waitFor();
      await stack.screenshot(page, name);
    }
    await page.getByRole('tab', { name: 'Response templates' }).click();
    await page.getByText('Ask to restart').waitFor();
    await stack.screenshot(page, 'resources-templates');
    await page.getByRole('tab', { name: 'Outages' }).click();
    await page.getByText('VPN gateway EU-West degraded').waitFor();
    await stack.screenshot(page, 'resources-outages');

    await page.goto(stack.url('/agents'));
    await page.getByRole('button', { name: 'Edit Alice Agent' }).click();
    await page.getByRole('dialog').getByLabel('Concurrent chats cap').fill('-2');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').getByText('The cap must be at least 0.').waitFor();
    await stack.screenshot(page, 'agents-edit-invalid');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const fresh = await stack.newPage();
    await fresh.goto(stack.url('/login'));
    await fresh.getByRole('button', { name: 'Sign in' }).waitFor();
    await stack.screenshot(fresh, 'login');
    await fresh.close();
  });
});
