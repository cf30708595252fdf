import { freePort } from '@switchboard/infra';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Operator endpoints (/diagnostics/...) need it; npm start hands its environment to every service. */
const OPS_TOKEN = 'start-test-ops-token-0123456789abcdef';

/**
 * Resolves when what `npm start` printed passes `check`, looked at on each new chunk of its output (and at once);
 * fails when the time is up or when it exits first.
 */
function outputShows(child: ChildProcess, output: () => string, what: string, check: (printed: string) => boolean, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(deadline);
      child.stdout!.off('data', look);
      child.stderr!.off('data', look);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve();
    };
    // After the listener that appends the chunk: output() already holds it.
    const look = () => {
      if (check(output())) done();
    };
    const exited = () => done(new Error(`npm start exited before ${what}:\n${output()}`));
    const deadline = setTimeout(() => done(new Error(`${what} did not happen within ${timeoutMs / 1000} s:\n${output()}`)), timeoutMs);
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', exited);
    if (child.exitCode !== null) exited();
    else look();
  });
}

async function processDiagnostics(port: number): Promise<{ pid: number } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/diagnostics/process`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    return response.ok ? ((await response.json()) as { pid: number }) : undefined;
  } catch {
    return undefined;
  }
}

async function isReady(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
  let gateway: number;
  let chatActor: number;
  let router: number;
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    [gateway, chatActor, router] = [await freePort(), await freePort(), await freePort()];
    // Consecutive ports for the second instances: pick bases with room above them.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_NO_CONTAINERS: '1',
      OPS_TOKEN,
      GATEWAY_PORT: String(gateway),
      CHAT_ACTOR_BASE_PORT: String(chatActor),
      ROUTER_BASE_PORT: String(router),
    };
    // npm start must provide its own infrastructure here, not reuse the test run's.
    delete env['NATS_URL'];
    delete env['MONGODB_URI'];
    child = spawn(process.execPath, ['-r', join(ROOT, 'tools/runtime/register.cjs'), join(ROOT, 'tools/start/src/start.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await outputShows(child, () => output, 'npm start ready', (printed) => printed.includes('Press Ctrl-C to stop.'), 180_000);
  }, 240_000);

  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings every service to ready and serves the admin console, agent console and widget to Chromium', async () => {
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
  });

  it('restarts a service process killed with SIGKILL, says so, and the service is ready again while the others keep running', async () => {
    const victim = await processDiagnostics(chatActor);
    expect(victim?.pid).toEqual(expect.any(Number));
    process.kill(victim!.pid, 'SIGKILL');

    await outputShows(child, () => output, 'the death report', (printed) => printed.includes(`chat-actor-1 (pid ${victim!.pid}) died`), 30_000);
    const report = output.split('\n').find((line) => line.includes(`chat-actor-1 (pid ${victim!.pid}) died`))!;
    expect(report).toMatch(/^\[switchboard\] chat-actor-1 \(pid \d+\) died at \S+ with signal SIGKILL after [\d.]+ s; restarting in 0\.5 s \(at \S+, restart 1\); see \S+chat-actor-1\.log$/);

    await outputShows(child, () => output, 'the restart', (printed) => /\[switchboard\] chat-actor-1 restarted \(pid \d+, restart 1\)/.test(printed), 30_000);
    await outputShows(child, () => output, 'ready again', (printed) => printed.includes('[switchboard] chat-actor-1 ready again'), 90_000);
    const replacement = await processDiagnostics(chatActor);
    expect(replacement?.pid).toEqual(expect.any(Number));
    expect(replacement!.pid).not.toBe(victim!.pid);
    expect(await isReady(chatActor)).toBe(true);

    // Nothing else was stopped.
    expect(output).not.toContain('stopping...');
    expect(child.exitCode).toBeNull();
    for (const port of [gateway, chatActor + 1, router, router + 1]) expect({ port, ready: await isReady(port) }).toEqual({ port, ready: true });
  });

  it('stops everything cleanly on Ctrl-C', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('[switchboard] stopped');
    for (const port of [gateway, chatActor, router]) {
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    }
  });
});
