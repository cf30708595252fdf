import { testInfra } from '@switchboard/testing';
import { chaosOptionsFromEnv, runChaos } from './run-chaos';

/**
 * The short chaos run of `npm test`: two minutes of load with a kill every
 * 8 s (gateways, chat-actors, routers, NATS nodes), then the checker. The
 * full run is `npm run chaos` (10 minutes, a kill every 5 s).
 */
describe('chaos run (short)', () => {
  it('kills and restarts processes and NATS nodes under load; the checker finds no violation', async () => {
    const options = chaosOptionsFromEnv(
      { CHAOS_MINUTES: '2', CHAOS_KILL_EVERY_MS: '8000', CHAOS_END_USERS: '16', CHAOS_AGENTS: '6', CHAOS_SEED: process.env['CHAOS_SEED'] },
      { mongoUri: testInfra().mongoUri, log: (line) => process.stdout.write(`[chaos] ${line}\n`) },
    );
    const { verdict, report } = await runChaos(options);
    process.stdout.write(`${report}\n`);
    expect(verdict.violations).toEqual([]);
    // A busy machine restarts services slowly and the killer keeps at most two down: a few kills at least.
    expect(Object.values(verdict.kills).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    expect(verdict.commandsAcknowledged).toBeGreaterThan(100);
  }, 12 * 60_000);
});
