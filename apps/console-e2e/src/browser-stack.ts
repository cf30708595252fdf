import { SwitchboardClient } from '@switchboard/client';
import { loginResponseSchema } from '@switchboard/contracts';
import { animationsFinished, startService, testInfra, uniqueDatabase, type ServiceProcess } from '@switchboard/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';

const ROOT = resolve(__dirname, '../../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'dist/screenshots');
/** How long one service may take to start: generous, the browser tests run beside builds and other tests on a small machine. */
const SERVICE_START_MS = 90_000;

/**
 * The real stack for browser tests: gateway (serving the built agent console
 * and widget), chat-actor and router as OS processes on the run's NATS and
 * MongoDB-wire servers, with the demo data; and Debian's Chromium.
 */
export class BrowserStack {
  readonly database = uniqueDatabase('e2e');
  readonly prefix = `e${Math.random().toString(36).slice(2, 8)}`;
  readonly processes: ServiceProcess[] = [];
  private readonly contexts: BrowserContext[] = [];
  browser!: Browser;
  gatewayUrl!: string;

  constructor(private readonly gatewayEnv: Record<string, string> = {}) {}

  async start(): Promise<this> {
    for (const app of ['agent', 'widget']) {
      if (!existsSync(join(ROOT, `dist/apps/${app}/browser/index.html`))) throw new Error(`No build of ${app}: run "npx nx run ${app}:build" first (the integration target does).`);
    }
    const env = {
      NATS_URL: testInfra().natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: this.database.name,
      NATS_SUBJECT_PREFIX: this.prefix,
      CHAT_PARTITIONS: '8',
    };
    const gateway = await startService('gateway', { ...env, AUTH_MODE: 'development', SEED_DEMO_DATA: 'true', ...this.gatewayEnv }, { timeoutMs: SERVICE_START_MS });
    this.processes.push(gateway);
    this.gatewayUrl = gateway.url;
    // Every service that started is stopped by stop(), also when another did not start.
    const others = await Promise.allSettled([startService('chat-actor', env, { timeoutMs: SERVICE_START_MS }), startService('router', env, { timeoutMs: SERVICE_START_MS })]);
    for (const result of others) if (result.status === 'fulfilled') this.processes.push(result.value);
    const failed = others.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    return this;
  }

  /** A fresh browser profile (its own storage) with a page at 1280x800. */
  async page(): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    this.contexts.push(context);
    return context.newPage();
  }

  /** A demo user's token, from the development identity's login. */
  async login(username: string, password: string): Promise<string> {
    const res = await fetch(`${this.gatewayUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return loginResponseSchema.parse(await res.json()).token;
  }

  /** The administrators' REST API as the demo administrator: the JSON of a 200 answer (anything else throws). */
  async admin<T = unknown>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    const token = await this.login('admin', 'admin123');
    const res = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A demo agent's presence as the gateway has it (what the routers read), through a client of its own. */
  async presenceOf(username: string): Promise<string> {
    const client = new SwitchboardClient({ url: `${this.gatewayUrl.replace(/^http/, 'ws')}/ws`, token: await this.login(username, 'agent123'), WebSocket: WebSocket as never, reconnect: false });
    try {
      await client.connect();
      return (await client.presence()).presence;
    } finally {
      client.close();
    }
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}

/** Saves a 1280x800 screenshot under dist/screenshots/<app>/<name>.png. */
export async function shoot(page: Page, app: 'agent' | 'widget', name: string): Promise<void> {
  const dir = join(SCREENSHOTS, app);
  mkdirSync(dir, { recursive: true });
  // Dialogs, snack bars and ripples at rest.
  await animationsFinished(page);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
