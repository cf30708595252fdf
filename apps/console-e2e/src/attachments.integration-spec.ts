import { eventually } from '@switchboard/testing';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/**
 * Issue 17, files both ways, in Chromium: the end user pastes a screenshot
 * into the widget, the agent sees it as a preview and answers with a file,
 * the end user sees it as a download.
 */
describe('agent console and widget: screenshots and files both ways (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('the end user pastes a screenshot; the agent sees its preview and replies with a log file, which the end user can download', async () => {
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await erin.signIn('erin');
    await erin.start('VPN', 'The VPN client shows error 809, screenshot follows.');

    // A screenshot as the clipboard holds one: a PNG drawn by the page, pasted into the message field.
    await erin.page.getByTestId('composer').click();
    await erin.page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 200;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fde7e9';
      g.fillRect(0, 0, 480, 200);
      g.fillStyle = '#a4262c';
      g.font = 'bold 28px sans-serif';
      g.fillText('VPN connection failed', 24, 80);
      g.font = '20px sans-serif';
      g.fillText('Error 809: the remote server is not responding', 24, 130);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
      document.querySelector('[data-testid="composer"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const ownPreview = erin.page.locator('[data-testid="attachment-preview"] img');
    await ownPreview.waitFor({ timeout: T });
    await eventually(async () => expect(await ownPreview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480), { timeoutMs: T });
    await shoot(erin.page, 'widget', '30-screenshot-pasted');

    const bob = new AgentConsole(await stack.page(), stack.gatewayUrl);
    await bob.signIn('bob');
    await bob.select('queue', 'error 809');
    await bob.accept();
    await bob.page.getByTestId('composer').waitFor({ timeout: T });
    const preview = bob.transcript().locator('[data-testid="attachment-preview"] img');
    await preview.waitFor({ timeout: T });
    await eventually(async () => expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480), { timeoutMs: T });
    expect(await preview.getAttribute('alt')).toMatch(/^screenshot-.*\.png$/);
    await shoot(bob.page, 'agent', '30-screenshot-preview');

    await bob.page.getByTestId('file-input').setInputFiles({
      name: 'vpn-client.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('2026-11-30 08:02:11 IKE SA negotiation failed: no response from 203.0.113.7\n2026-11-30 08:02:12 error 809\n'),
    });
    await bob.transcript().locator('.sb-msg.sb-mine [data-testid="attachment-link"]', { hasText: 'vpn-client.log' }).waitFor({ timeout: T });

    const link = erin.page.locator('[data-testid="attachment-link"]', { hasText: 'vpn-client.log' });
    await link.waitFor({ timeout: T });
    const href = await link.getAttribute('href');
    const download = await erin.page.evaluate(async (url) => {
      const res = await fetch(url!);
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
    }, href);
    expect(download).toMatchObject({ status: 200, type: 'text/plain', disposition: expect.stringMatching(/^attachment; filename="vpn-client.log"/), text: expect.stringContaining('error 809') });
    await shoot(erin.page, 'widget', '31-file-from-agent');
  }, 120_000);
});
