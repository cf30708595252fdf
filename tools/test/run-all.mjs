#!/usr/bin/env node
// `npm test`: lint and typecheck every project, then unit tests, then
// integration tests (real NATS and MongoDB-wire servers, one tier at a time
// so that their processes do not compete for the two cores), then one
// summary line over every jest run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('../..', import.meta.url).pathname;
const resultsDir = join(root, 'tmp/test-results');
const require = createRequire(import.meta.url);
const nxPackage = require.resolve('nx/package.json');
const nx = join(dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);
const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };

const steps = [
  ['lint and typecheck', ['run-many', '-t', 'lint', 'typecheck', '--parallel=2', '--outputStyle=static']],
  ['unit tests', ['run-many', '-t', 'test', '--parallel=2', '--outputStyle=static']],
  ['integration tests', ['run-many', '-t', 'integration', '--parallel=1', '--outputStyle=static']],
];

rmSync(resultsDir, { recursive: true, force: true });
let failedStep;
for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [nx, ...args], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0, suites: 0 };
for (const file of walk(resultsDir)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  totals.suites += 1;
  if (report.numFailedTests > 0 || report.numRuntimeErrorTestSuites > 0) {
    console.log(`failures in ${relative(resultsDir, file)}`);
  }
}
console.log(`\n${totals.suites} jest runs${failedStep ? `; stopped at: ${failedStep}` : ''}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep || totals.failed > 0 ? 1 : 0);

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.json')) yield path;
  }
}
