import { BrowserStack, shoot } from './browser-stack';
import { Widget } from './pages';

const T = 20_000;
const DAY = 86_400_000;
const utcDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Issue 15 in Chromium, the end user's side: a start while the Network desk
 * is closed shows when it opens again and leaves the description as a
 * message (a ticket the desk sees among the customer's open tickets); a chat
 * no agent took within the desk's maximum wait offers to leave a message or
 * keep waiting. Screenshots of each state.
 */
describe('widget: after hours and a long wait (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it('opening hours: after hours the widget says when the desk opens and leaves the message as a ticket', async () => {
    // Closed now whatever the time: yesterday, today and tomorrow are holidays; it opens at 09:00 UTC the day after.
    const now = Date.now();
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '09:00', to: '17:00' }));
    await stack.admin('PUT', '/api/admin/queues/Network', { openingHours: { timeZone: 'UTC', weekly, holidays: [utcDate(now - DAY), utcDate(now), utcDate(now + DAY)] } });

    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await erin.signIn('erin');
    await erin.page.getByTestId('topic').click();
    await erin.page.getByRole('option', { name: 'VPN' }).click();
    await erin.page.getByLabel('Describe your issue').fill('My VPN drops every evening; please call me back.');
    await erin.page.getByRole('button', { name: 'Start chat' }).click();

    const card = erin.page.getByTestId('after-hours');
    await card.waitFor({ timeout: T });
    expect(await erin.page.getByTestId('next-opening').textContent()).toContain('opens again on');
    expect(await erin.page.getByTestId('message-preview').textContent()).toContain('My VPN drops every evening');
    await shoot(erin.page, 'widget', '60-after-hours');

    await erin.page.getByTestId('leave-message').click();
    await erin.title().filter({ hasText: 'Message left' }).waitFor({ timeout: T });
    await erin.waitForLine('Your message was left as ticket');
    expect(await erin.page.getByTestId('status-text').textContent()).toContain('Your message was left for the team');
    await shoot(erin.page, 'widget', '61-message-left');

    // The desk sees it: an open ticket on the end user's closed session (the chat records).
    const records = (await stack.admin('GET', '/api/admin/sessions?endUserId=erin&status=CLOSED')) as { items: Array<{ sessionId: string }> };
    expect(records.items).toHaveLength(1);
    const record = (await stack.admin('GET', `/api/admin/sessions/${records.items[0]!.sessionId}`)) as { ticket?: { status?: string; summary?: string } };
    expect(record.ticket).toMatchObject({ status: 'Open', summary: 'My VPN drops every evening; please call me back.' });

    await stack.admin('PUT', '/api/admin/queues/Network', { openingHours: null });
  });

  it('maximum wait: a chat nobody took within the limit offers to leave a message or keep waiting', async () => {
    await stack.admin('PUT', '/api/admin/queues/Network', { maxWaitSeconds: 2, overflowQueue: '' });
    const frank = new Widget(await stack.page(), stack.gatewayUrl);
    await frank.signIn('frank');
    await frank.start('VPN', 'The VPN client will not install.');

    const banner = frank.page.getByTestId('long-wait');
    await banner.waitFor({ timeout: T });
    expect(await banner.textContent()).toContain('all agents are busy');
    await shoot(frank.page, 'widget', '62-long-wait');

    // Keep waiting: the choice goes, and comes back after the limit again.
    await frank.page.getByTestId('keep-waiting').click();
    await frank.waitForLine('You chose to keep waiting');
    await banner.waitFor({ timeout: T });

    await frank.page.getByTestId('leave-message-now').click();
    await frank.title().filter({ hasText: 'Message left' }).waitFor({ timeout: T });
    await banner.waitFor({ state: 'detached', timeout: T });
    await shoot(frank.page, 'widget', '63-long-wait-message-left');
    await stack.admin('PUT', '/api/admin/queues/Network', { maxWaitSeconds: 0 });
  });
});
