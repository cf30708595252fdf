import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import {
  FatalProcessError,
  installFailurePolicy,
  isFatalByDesign,
  processFailuresMetric,
  registerProcessFailureMetrics,
  type FailureLogger,
} from './failure-policy';

function setup(options: { maxUncaughtExceptions?: number; stormWindowMs?: number } = {}) {
  const target = new EventEmitter();
  const entries: Record<string, unknown>[] = [];
  const fatalEntries: Record<string, unknown>[] = [];
  const logger: FailureLogger = { error: (e) => entries.push(e), fatal: (e) => fatalEntries.push(e) };
  const exits: number[] = [];
  let clock = 1_000_000;
  const policy = installFailurePolicy({ target, logger, exit: (code) => exits.push(code), now: () => clock, ...options });
  return { target, entries, fatalEntries, exits, policy, advance: (ms: number) => (clock += ms) };
}

async function metricValue(kind: string): Promise<number> {
  const metric = await processFailuresMetric.get();
  return metric.values.find((v) => v.labels['kind'] === kind)?.value ?? 0;
}

describe('process failure policy', () => {
  it('logs an unhandled rejection through the service logger, counts it, and does not exit', async () => {
    const { target, entries, exits, policy } = setup();
    const before = await metricValue('unhandledRejection');

    target.emit('unhandledRejection', new Error('nobody awaited me'));

    expect(exits).toEqual([]);
    expect(entries).toEqual([expect.objectContaining({ kind: 'unhandledRejection', count: 1, err: expect.objectContaining({ message: 'nobody awaited me' }) })]);
    expect(policy.report()).toMatchObject({ installed: true, unhandledRejections: 1, uncaughtExceptions: 0, last: { kind: 'unhandledRejection', message: 'nobody awaited me', fatal: false } });
    expect(await metricValue('unhandledRejection')).toBe(before + 1);
    policy.uninstall();
  });

  it('logs a rejection with a reason that is not an Error by its text', () => {
    const { target, entries, policy } = setup();
    target.emit('unhandledRejection', { code: 'X' });
    expect(entries[0]).toMatchObject({ reason: '{"code":"X"}' });
    policy.uninstall();
  });

  it('survives an ordinary uncaught exception', () => {
    const { target, entries, exits, policy } = setup();
    target.emit('uncaughtException', new TypeError('cannot read x of undefined'));
    expect(exits).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(policy.report()).toMatchObject({ uncaughtExceptions: 1, last: { fatal: false } });
    policy.uninstall();
  });

  it('exits with code 1 on an uncaught exception marked fatal, logging it at fatal', () => {
    const { target, fatalEntries, exits, policy } = setup();
    target.emit('uncaughtException', new FatalProcessError('store is corrupt'));
    expect(exits).toEqual([1]);
    expect(fatalEntries).toEqual([expect.objectContaining({ kind: 'uncaughtException', msg: 'uncaughtException is fatal: the process exits' })]);
    policy.uninstall();
  });

  it('exits when a server cannot listen (EADDRINUSE on listen)', () => {
    const { target, exits, policy } = setup();
    target.emit('uncaughtException', Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen' }));
    expect(exits).toEqual([1]);
    policy.uninstall();
  });

  it('never exits on an unhandled rejection, even one marked fatal', () => {
    const { target, exits, policy } = setup();
    target.emit('unhandledRejection', new FatalProcessError('rejected, not thrown'));
    expect(exits).toEqual([]);
    policy.uninstall();
  });

  it('exits on a storm of uncaught exceptions, and not on the same number spread over time', () => {
    const spread = setup({ maxUncaughtExceptions: 3, stormWindowMs: 1000 });
    for (let i = 0; i < 10; i++) {
      spread.target.emit('uncaughtException', new Error(`spread ${i}`));
      spread.advance(400);
    }
    expect(spread.exits).toEqual([]);
    spread.policy.uninstall();

    const storm = setup({ maxUncaughtExceptions: 3, stormWindowMs: 1000 });
    for (let i = 0; i < 4; i++) storm.target.emit('uncaughtException', new Error(`storm ${i}`));
    expect(storm.exits).toEqual([1]);
    storm.policy.uninstall();
  });

  it('stops listening once uninstalled', () => {
    const { target, policy } = setup();
    policy.uninstall();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });

  it('a logger that throws does not turn into another failure', () => {
    const target = new EventEmitter();
    const policy = installFailurePolicy({ target, logger: { error: () => { throw new Error('log sink gone'); } }, exit: () => undefined });
    expect(() => target.emit('unhandledRejection', new Error('x'))).not.toThrow();
    expect(policy.report().unhandledRejections).toBe(1);
    policy.uninstall();
  });

  it('classifies fatal-by-design errors', () => {
    expect(isFatalByDesign(new FatalProcessError('x'))).toBe(true);
    expect(isFatalByDesign(Object.assign(new Error('x'), { fatal: true }))).toBe(true);
    expect(isFatalByDesign(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'bind' }))).toBe(true);
    expect(isFatalByDesign(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'open' }))).toBe(false);
    expect(isFatalByDesign(Object.assign(new Error('x'), { code: 'ECONNRESET', syscall: 'read' }))).toBe(false);
    expect(isFatalByDesign('a string')).toBe(false);
  });

  it('registers its counter in a service registry once, so /metrics shows it', async () => {
    const registry = new Registry();
    registerProcessFailureMetrics(registry);
    registerProcessFailureMetrics(registry);
    expect(await registry.metrics()).toContain('switchboard_process_failures_total{kind="unhandledRejection"}');
  });
});
