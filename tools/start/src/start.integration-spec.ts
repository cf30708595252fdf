import { freePort } from '@switchboard/infra';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('npm start', () => {
  it('brings every service to ready, serves the admin console, agent console and widget to Chromium, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
    const [gateway, chatActor, router] = [await freePort(), await freePort(), await freePort()];
    // Consecutive ports for the second instances: pick bases with room above them.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_NO_CONTAINERS: '1',
      GATEWAY_PORT: String(gateway),
      CHAT_ACTOR_BASE_PORT: String(chatActor),
      ROUTER_BASE_PORT: String(router),
    };
    // npm start must provide its own infrastructure here, not reuse the test run's.
    delete env['NATS_URL'];
    delete env['MONGODB_URI'];
    const child = spawn(process.execPath, ['-r', join(ROOT, 'tools/runtime/register.cjs'), join(ROOT, 'tools/start/src/start.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

    try {
      const started = Date.now();
      while (!output.includes('Press Ctrl-C to stop.')) {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        if (Date.now() - started > 180_000) throw new Error(`npm start was not ready in time:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      for (const port of [gateway, chatActor, chatActor + 1, router, router + 1]) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
        expect({ port, status: ready.status }).toEqual({ port, status: 200 });
      }
      expect(output).toContain(`http://127.0.0.1:${gateway}/admin/`);
      expect(output).toContain(`http://127.0.0.1:${gateway}/agent/`);
      expect(output).toContain(`http://127.0.0.1:${gateway}/widget/`);
      // The demo data is seeded: its users can log in (README).
      const login = await fetch(`http://127.0.0.1:${gateway}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'agent123' }),
      });
      expect(login.status).toBe(200);

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const response = await page.goto(`http://127.0.0.1:${gateway}/admin/`);
        expect(response?.status()).toBe(200);
        await page.getByText('Switchboard').first().waitFor({ timeout: 15000 });
        // The agent console and the end-user widget are served the same way.
        await page.goto(`http://127.0.0.1:${gateway}/agent/`);
        await page.getByText('Agent console').first().waitFor({ timeout: 15000 });
        await page.goto(`http://127.0.0.1:${gateway}/widget/`);
        await page.getByText('Chat with the service desk').first().waitFor({ timeout: 15000 });
      } finally {
        await browser.close();
      }

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('[switchboard] stopped');
      for (const port of [gateway, chatActor, router]) {
        await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
