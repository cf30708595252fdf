import { eventually } from '@switchboard/testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BrowserStack, shoot } from './browser-stack';
import { AgentConsole, Widget } from './pages';

const T = 20_000;

/** A screenshot as the clipboard holds one: a PNG drawn by the page, pasted into the message field. */
async function pasteScreenshot(page: Page): Promise<void> {
  await page.getByTestId('composer').click();
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 200;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fde7e9';
    g.fillRect(0, 0, 480, 200);
    g.fillStyle = '#a4262c';
    g.font = 'bold 28px sans-serif';
    g.fillText('Printer offline', 24, 80);
    g.font = '20px sans-serif';
    g.fillText('Error 0x00000709: the printer cannot be reached', 24, 130);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    document.querySelector('[data-testid="composer"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

/**
 * Issue 17's acceptance in Chromium: the end user pastes a screenshot, the
 * agent sees its preview and replies with a file, both see the other typing
 * and their own lines marked seen, the chat ends, the end user rates it and
 * downloads the transcript.
 */
describe('agent console and widget: typing, seen marks, rating and transcript (browser, real stack)', () => {
  const stack = new BrowserStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('issue 17: a whole conversation with typing and seen marks, then the rating and the transcript', async () => {
    const erin = new Widget(await stack.page(), stack.gatewayUrl);
    await erin.signIn('erin');
    await erin.start('VPN', 'My printer went offline, screenshot follows.');
    await pasteScreenshot(erin.page);
    await erin.page.locator('[data-testid="attachment-preview"] img').waitFor({ timeout: T });

    const bob = new AgentConsole(await stack.page(), stack.gatewayUrl);
    await bob.signIn('bob');
    await bob.select('queue', 'printer went offline');
    await bob.accept();
    await bob.page.getByTestId('composer').waitFor({ timeout: T });
    const preview = bob.transcript().locator('[data-testid="attachment-preview"] img');
    await preview.waitFor({ timeout: T });
    await eventually(async () => expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480), { timeoutMs: T });

    // The agent types: the end user sees it.
    await bob.page.getByTestId('composer').fill('Let me look at the driver lo');
    await erin.page.getByTestId('typing').filter({ hasText: 'is typing' }).waitFor({ timeout: T });
    await shoot(erin.page, 'widget', '32-agent-typing');
    await bob.page.getByTestId('composer').fill('Here is the driver log, can you confirm the error?');
    await bob.page.getByTestId('composer').press('Enter');
    await erin.waitForLine('Here is the driver log');
    await bob.page.getByTestId('file-input').setInputFiles({
      name: 'printer-driver.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('2026-11-30 09:12:03 spooler: printer PRN-4F unreachable (0x00000709)\n'),
    });
    await erin.page.locator('[data-testid="attachment-link"]', { hasText: 'printer-driver.log' }).waitFor({ timeout: T });

    // The end user types: the agent sees it; then the end user's line is marked seen once the agent's pane shows it.
    await erin.page.getByTestId('composer').fill('Yes, that is the err');
    await bob.page.getByTestId('typing').filter({ hasText: 'is typing' }).waitFor({ timeout: T });
    await shoot(bob.page, 'agent', '32-end-user-typing');
    await erin.send('Yes, that is the error. Restarting the spooler fixed it, thanks!');
    await bob.waitForLine('Restarting the spooler fixed it');
    const erinsLine = erin.page.locator('.sb-msg.sb-mine', { hasText: 'Restarting the spooler' });
    await erinsLine.locator('[data-testid="receipt"][data-receipt="seen"]').waitFor({ timeout: T });
    await shoot(erin.page, 'widget', '33-seen-by-agent');
    // The agent's file and line were on the end user's screen: seen.
    const bobsFile = bob.transcript().locator('.sb-msg.sb-mine', { hasText: 'printer-driver.log' });
    await bobsFile.locator('[data-testid="receipt"][data-receipt="seen"]').waitFor({ timeout: T });
    await shoot(bob.page, 'agent', '33-seen-by-end-user');

    // The chat ends; the end user rates it and downloads the transcript.
    await bob.action('End Chat');
    await bob.dialog().getByRole('button', { name: 'Yes, end chat' }).click();
    await erin.title().filter({ hasText: 'Chat ended' }).waitFor({ timeout: T });
    const rating = erin.page.getByTestId('rating');
    await rating.waitFor({ timeout: T });
    await erin.page.getByTestId('star-5').click();
    await erin.page.getByTestId('rating-comment').fill('Fixed in five minutes.');
    await shoot(erin.page, 'widget', '34-rating');
    await erin.page.getByTestId('rating-submit').click();
    await erin.page.getByTestId('rating-thanks').filter({ hasText: '5 out of 5' }).waitFor({ timeout: T });
    const [download] = await Promise.all([erin.page.waitForEvent('download', { timeout: T }), erin.page.getByTestId('transcript-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shoot(erin.page, 'widget', '35-rated-and-transcript');
  }, 180_000);
});
