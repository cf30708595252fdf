/**
 * `npm run chaos`: a bounded chaos run (CHAOS_MINUTES, default 10) of the
 * whole system on a three-node NATS cluster, then the independent checker's
 * report. Exits 1 on any violation.
 *
 * Environment: CHAOS_MINUTES, CHAOS_KILL_EVERY_MS (5000), CHAOS_DOWN_MS
 * (1000), CHAOS_MAX_DOWN (2, at most 4), CHAOS_END_USERS (30), CHAOS_AGENTS (10), CHAOS_SEED, CHAOS_OUT_DIR
 * (tmp/chaos). The database comes from the infrastructure provider as for
 * the tests (MONGODB_URI, containers, or the local FerretDB).
 *
 * `npm run chaos -- recheck tmp/chaos/<run>/evidence.json` runs the checker
 * again on the evidence a run with violations saved (no servers needed).
 */
import { provideInfrastructure } from '@switchboard/infra';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkChaosRun, formatVerdict } from './checker/check';
import type { ChaosEvidence } from './checker/evidence';
import { chaosOptionsFromEnv, runChaos } from './run-chaos';

async function main(): Promise<void> {
  if (process.argv[2] === 'recheck') {
    const evidence = JSON.parse(readFileSync(resolve(process.argv[3] ?? ''), 'utf8')) as ChaosEvidence;
    const verdict = checkChaosRun(evidence);
    const times = evidence.kills.map((k) => k.at);
    const bounds = times.length > 0 ? [new Date(Math.min(...times)), new Date(Math.max(...times))] : [new Date(0), new Date(0)];
    console.log(formatVerdict(verdict, { minutes: 0, startedAt: bounds[0]!, endedAt: bounds[1]! }));
    process.exitCode = verdict.violations.length > 0 ? 1 : 0;
    return;
  }
  const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: resolve(__dirname, '../..') });
  try {
    const options = chaosOptionsFromEnv(process.env, { mongoUri: infra.mongoUri, log });
    const { verdict, report } = await runChaos(options);
    console.log(`\n${report}`);
    process.exitCode = verdict.violations.length > 0 ? 1 : 0;
  } finally {
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
