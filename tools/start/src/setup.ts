/**
 * `npm run setup`: everything the machine needs beyond `npm ci`, each step
 * skipped when already done: nats-server and Chromium from Debian's packages
 * (when missing and we may install), FerretDB built with Go (when no mongod
 * and no MONGODB_URI), nats-server v2.11 built with Go for the clustered
 * tests and the chaos run, and the builds of the admin console, agent console and
 * end-user widget.
 */
import { ensureClusterNatsServer, ensureFerretDb, findNatsServer, which } from '@switchboard/infra';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nxCli } from './nx-cli';

const ROOT = resolve(__dirname, '../../..');
let aptUpdated = false;

function run(command: string, args: string[], what: string): void {
  console.log(`[setup] ${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NG_CLI_ANALYTICS: 'false', DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
}

function aptInstall(pkg: string, why: string): void {
  const root = process.getuid?.() === 0;
  if (!root || !which('apt-get')) {
    console.log(`[setup] ${pkg} is missing (${why}); install it with your package manager`);
    return;
  }
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq'], 'refresh package lists');
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-qq', pkg], `install ${pkg}`);
}

function main(): void {
  if (!process.env['NATS_URL'] && !findNatsServer()) aptInstall('nats-server', 'local NATS for npm start and tests');
  if (!existsSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium')) aptInstall('chromium', 'browser tests');
  if (!process.env['MONGODB_URI'] && !which('mongod')) console.log(`[setup] FerretDB: ${ensureFerretDb(ROOT)}`);
  console.log(`[setup] nats-server for the three-node cluster tests and the chaos run: ${ensureClusterNatsServer(ROOT)}`);
  for (const [app, what] of [['admin', 'the admin console'], ['agent', 'the agent console'], ['widget', 'the end-user chat widget']] as const) {
    if (!existsSync(join(ROOT, `dist/apps/${app}/browser/index.html`))) run(process.execPath, [nxCli(), 'run', `${app}:build`], `build ${what}`);
  }
  console.log('[setup] done');
}

try {
  main();
} catch (error) {
  console.error(`[setup] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
