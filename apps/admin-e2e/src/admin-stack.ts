import type { SessionCommandMessage } from '@switchboard/contracts';
import { animationsFinished, ChatCluster, startService, testInfra, type ServiceProcess } from '@switchboard/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
export const ADMIN_BUILD = join(ROOT, 'dist/apps/admin/browser');
export const SCREENSHOTS = join(ROOT, 'dist/screenshots/admin');

/**
 * The whole system for a browser test: a chat-actor (ChatCluster), a router
 * and a gateway serving the built console with the demo data, each an OS
 * process on the shared test NATS and a database of its own.
 */
export class AdminStack {
  readonly cluster = new ChatCluster({ chatActors: 1, partitions: 8 });
  gateway!: ServiceProcess;
  router!: ServiceProcess;
  browser!: Browser;

  async start(): Promise<this> {
    if (!existsSync(join(ADMIN_BUILD, 'index.html'))) {
      throw new Error(`No admin build at ${ADMIN_BUILD}: run "npx nx run admin:build" (the integration target depends on it)`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.cluster.start();
    await this.cluster.allPartitionsOwned();
    const env = {
      NATS_URL: this.cluster.natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: this.cluster.db.name,
      NATS_SUBJECT_PREFIX: this.cluster.subjects.prefix,
      CHAT_PARTITIONS: String(this.cluster.partitions),
      LOG_LEVEL: 'warn',
    };
    // The tests put agents online in their live state and start chats by command, with no socket
    // behind either; the presence sweep would rightly take them offline or mark the end users as left.
    const noSweep = { PRESENCE_SWEEP_MS: '3600000' };
    this.gateway = await startService('gateway', { ...env, ...noSweep, AUTH_MODE: 'development', SEED_DEMO_DATA: 'true', ADMIN_STATIC_DIR: ADMIN_BUILD, LOG_LEVEL: 'info' });
    this.router = await startService('router', { ...env, LOG_LEVEL: 'info' });
    this.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.router?.stop();
    await this.gateway?.stop();
    await this.cluster.stop();
  }

  url(path: string): string {
    return `${this.gateway.url}/admin${path}`;
  }

  async newPage(): Promise<Page> {
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    return page;
  }

  async signIn(page: Page, username = 'admin', password = 'admin123'): Promise<void> {
    await page.goto(this.url('/login'));
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async screenshot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    await animationsFinished(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  /** Sends a chat command as the services do; throws on a refusal unless `allowError`. */
  async send(command: SessionCommandMessage) {
    return this.cluster.client.send(command);
  }

  /** Starts a chat for an end user (demo or seeded), optionally with a topic. */
  async startChat(endUserId: string, topic?: string, description = 'My laptop does not boot') {
    const command = { ...this.cluster.startCommand(endUserId), description, ...(topic ? { topic } : {}) };
    return { sessionId: command.sessionId, reply: await this.send(command) };
  }

  async sessionStatus(sessionId: string): Promise<{ status: string; queue: string; ownerAgentId?: string } | null> {
    return this.cluster.db.collection('chat_sessions').findOne<{ status: string; queue: string; ownerAgentId?: string }>(
      { _id: sessionId as never },
      { projection: { status: 1, queue: 1, ownerAgentId: 1 } },
    );
  }
}
