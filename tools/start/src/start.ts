/**
 * `npm start`: infrastructure (from the environment, containers, or local
 * binaries under .data/), every service as its own process, the admin
 * console, agent console and end-user widget served by the gateway. A service
 * process that dies is started again with backoff (ADR 0005), and the console
 * says which died, how, and when it restarts. Ctrl-C stops everything.
 */
import { provideInfrastructure, startProcess } from '@switchboard/infra';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nxCli } from './nx-cli';
import { ServiceSupervisor } from './supervisor';
import { localTopology } from './topology';

const ROOT = resolve(__dirname, '../../..');
const DATA_DIR = resolve(process.env['SWITCHBOARD_DATA_DIR'] ?? join(ROOT, '.data'));
const WEB_APPS = ['admin', 'agent', 'widget'] as const;
const distOf = (app: (typeof WEB_APPS)[number]) => join(ROOT, `dist/apps/${app}/browser`);
const READY_TIMEOUT_MS = 90_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const services = localTopology();
  ensureWebAppsBuilt();

  const infra = await provideInfrastructure({ purpose: 'start', projectRoot: ROOT, dataDir: DATA_DIR });
  log(`infrastructure (${infra.source}${infra.localMongo ? `, ${infra.localMongo.engine}` : ""}): NATS ${infra.natsUrl}, MongoDB ${infra.mongoUri}`);

  const logDir = join(DATA_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const supervisors = services.map((service) => {
    const logFile = join(logDir, `${service.instanceId}.log`);
    const readyUrl = `http://127.0.0.1:${service.port}/health/ready`;
    return new ServiceSupervisor({
      name: service.instanceId,
      logFile,
      log,
      start: () =>
        startProcess({
          name: service.instanceId,
          command: process.execPath,
          args: ['-r', join(ROOT, 'tools/runtime/register.cjs'), join(ROOT, `apps/${service.app}/src/main.ts`)],
          cwd: ROOT,
          env: {
            ...process.env,
            NATS_URL: infra.natsUrl,
            MONGODB_URI: infra.mongoUri,
            HTTP_PORT: String(service.port),
            INSTANCE_ID: service.instanceId,
            ADMIN_STATIC_DIR: distOf('admin'),
            AGENT_STATIC_DIR: distOf('agent'),
            WIDGET_STATIC_DIR: distOf('widget'),
            // The gateway runs the development identity provider (refused when NODE_ENV is production-like) and
            // seeds demo queues, topics, users and logins (README); idempotent.
            ...(service.app === 'gateway'
              ? { AUTH_MODE: process.env['AUTH_MODE'] ?? 'development', SEED_DEMO_DATA: process.env['SEED_DEMO_DATA'] ?? 'true' }
              : {}),
          },
          logFile,
        }),
      onRestarted: (_proc, isCurrent) => void announceReadyAgain(readyUrl, service.instanceId, isCurrent),
    });
  });
  for (const supervisor of supervisors) supervisor.start();

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await Promise.all(supervisors.map((s) => s.stop()));
    await infra.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  await Promise.all(services.map((s) => waitReady(`http://127.0.0.1:${s.port}/health/ready`, s.instanceId)));
  const gateway = services.find((s) => s.app === 'gateway')!;
  log(`all services ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(
    [
      '',
      'Switchboard is running:',
      `  Admin console   http://127.0.0.1:${gateway.port}/admin/`,
      `  Agent console   http://127.0.0.1:${gateway.port}/agent/`,
      `  Chat widget     http://127.0.0.1:${gateway.port}/widget/`,
      `  Gateway API     http://127.0.0.1:${gateway.port}/api`,
      ...services.map((s) => `  ${s.instanceId.padEnd(15)} http://127.0.0.1:${s.port}/health/ready`),
      `  NATS            ${infra.natsUrl}`,
      `  MongoDB         ${infra.mongoUri}`,
      `  Logs            ${logDir}`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

/** The gateway serves the built web apps; build each once if it is missing. */
function ensureWebAppsBuilt(): void {
  for (const app of WEB_APPS) {
    if (existsSync(join(distOf(app), 'index.html'))) continue;
    log(`building the ${app} app (first run only)...`);
    const result = spawnSync(process.execPath, [nxCli(), 'run', `${app}:build`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (result.status !== 0) throw new Error(`Building the ${app} app failed (nx run ${app}:build)`);
  }
}

/** After a restart: says when the service is ready again, unless it died again or everything stops. */
async function announceReadyAgain(url: string, name: string, isCurrent: () => boolean): Promise<void> {
  while (isCurrent()) {
    try {
      if ((await fetch(url)).ok) {
        if (isCurrent()) log(`${name} ready again`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitReady(url: string, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) {
        log(`${name} ready`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s (${url})`);
}

function log(message: string): void {
  console.log(`[switchboard] ${message}`);
}

main().catch((error) => {
  console.error(`[switchboard] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
