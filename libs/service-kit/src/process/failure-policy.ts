import { Counter, type Registry } from 'prom-client';

/**
 * The process-wide answer to a failure nobody handled (ADR 0005): a service
 * logs it through its own logger, counts it, and goes on serving.
 *
 * - `unhandledRejection`: never fatal. A rejected promise that nobody awaits
 *   has already lost its caller; the process state is as consistent as it was
 *   before the promise ran, so ending every other request with it helps nobody.
 * - `uncaughtException`: not fatal either, except when it is fatal by design:
 *   - an error marked fatal (`FatalProcessError`, or any error with
 *     `fatal: true`): code that knows the process cannot go on says so;
 *   - a server that cannot listen (`EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES` on
 *     `listen`/`bind`): the process cannot serve what it was started for;
 *   - a storm: more than `maxUncaughtExceptions` within `stormWindowMs`; a
 *     process that keeps throwing is broken, and a fresh one from its
 *     supervisor (`npm start`, the orchestrator) is the better answer.
 *   A fatal exception is logged at `fatal` and the process exits with code 1.
 */

export type ProcessFailureKind = 'unhandledRejection' | 'uncaughtException';

/** The logger's one method the policy uses; nestjs-pino's `Logger` and pino fit. */
export interface FailureLogger {
  error(entry: Record<string, unknown>): void;
  fatal?(entry: Record<string, unknown>): void;
}

export interface ProcessFailureReport {
  /** Whether the policy is installed in this process. */
  installed: boolean;
  unhandledRejections: number;
  uncaughtExceptions: number;
  last?: { kind: ProcessFailureKind; message: string; at: string; fatal: boolean };
}

/** Thrown (or rejected with) by code that knows the process must not go on. */
export class FatalProcessError extends Error {
  readonly fatal = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FatalProcessError';
  }
}

/** The part of `process` the policy listens on; an EventEmitter in unit tests. */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export interface FailurePolicyOptions {
  logger?: FailureLogger;
  /** Defaults to the real `process`. */
  target?: ProcessEvents;
  /** How a fatal exception ends the process; defaults to `process.exit`. */
  exit?: (code: number) => void;
  /** More uncaught exceptions than this within `stormWindowMs` are fatal. Default 20. */
  maxUncaughtExceptions?: number;
  stormWindowMs?: number;
  now?: () => number;
}

export interface FailurePolicy {
  /** Logs through this logger from now on (the service's, once it exists). */
  useLogger(logger: FailureLogger): void;
  /** What this policy counted. */
  report(): ProcessFailureReport;
  uninstall(): void;
}

/** Counted in every registry a service registers it in (`registerProcessFailureMetrics`). */
const METRIC_NAME = 'switchboard_process_failures_total';
export const processFailuresMetric = new Counter({
  name: METRIC_NAME,
  help: 'Unhandled rejections and uncaught exceptions this process logged and survived (or, when fatal, exited on)',
  labelNames: ['kind'],
  registers: [],
});
processFailuresMetric.inc({ kind: 'unhandledRejection' }, 0);
processFailuresMetric.inc({ kind: 'uncaughtException' }, 0);

/** Adds the process failure counter to a service's Prometheus registry. */
export function registerProcessFailureMetrics(registry: Registry): void {
  if (!registry.getSingleMetric(METRIC_NAME)) registry.registerMetric(processFailuresMetric);
}

// The process-wide policy lives on `process`, not in this module: a process
// that loads this module twice (jest's module registry per test file, for
// example) still has one set of listeners and one count.
const SLOT = Symbol.for('switchboard.processFailurePolicy');
const holder: { [SLOT]?: FailurePolicy } = process as NodeJS.Process & { [SLOT]?: FailurePolicy };
const installed = () => holder[SLOT];

/** What the policy counted in this process (GET /diagnostics/process). */
export function processFailureReport(): ProcessFailureReport {
  return installed()?.report() ?? { installed: false, unhandledRejections: 0, uncaughtExceptions: 0 };
}

const LISTEN_SYSCALLS = new Set(['listen', 'bind']);
const LISTEN_CODES = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/** Whether an uncaught exception must end the process whatever the count (see above). */
export function isFatalByDesign(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { fatal?: unknown; code?: unknown; syscall?: unknown };
  if (e.fatal === true) return true;
  return typeof e.code === 'string' && LISTEN_CODES.has(e.code) && typeof e.syscall === 'string' && LISTEN_SYSCALLS.has(e.syscall);
}

/** Writes one JSON line to stderr: the logger until the service's own exists. */
export const stderrFailureLogger: FailureLogger = {
  error: (entry) => process.stderr.write(`${safeJson({ level: 50, time: Date.now(), ...entry })}\n`),
  fatal: (entry) => process.stderr.write(`${safeJson({ level: 60, time: Date.now(), ...entry })}\n`),
};

/**
 * Installs the policy for this process; a second call returns the installed
 * one, with the new logger if one is given. `uninstall()` restores Node's
 * defaults. With a `target` (tests), a separate policy on that emitter.
 */
export function installFailurePolicy(options: FailurePolicyOptions = {}): FailurePolicy {
  const existing = options.target ? undefined : installed();
  if (existing) {
    if (options.logger) existing.useLogger(options.logger);
    return existing;
  }
  const target: ProcessEvents = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  const maxUncaught = options.maxUncaughtExceptions ?? 20;
  const windowMs = options.stormWindowMs ?? 60_000;
  let logger = options.logger ?? stderrFailureLogger;
  let active = true;
  const counts: Record<ProcessFailureKind, number> = { unhandledRejection: 0, uncaughtException: 0 };
  let last: ProcessFailureReport['last'];
  const recentUncaught: number[] = [];

  const record = (kind: ProcessFailureKind, reason: unknown, fatal: boolean) => {
    counts[kind] += 1;
    processFailuresMetric.inc({ kind });
    last = { kind, message: messageOf(reason), at: new Date(now()).toISOString(), fatal };
    const entry: Record<string, unknown> = {
      msg: fatal ? `${kind} is fatal: the process exits` : `${kind} logged and survived`,
      kind,
      count: counts[kind],
      ...(reason instanceof Error ? { err: reason } : { reason: messageOf(reason) }),
    };
    try {
      if (fatal) (logger.fatal ?? logger.error).call(logger, entry);
      else logger.error(entry);
    } catch {
      // The logger itself failing must not become the next uncaught exception.
    }
  };

  const onRejection = (reason: unknown) => record('unhandledRejection', reason, false);
  const onException = (error: Error) => {
    const at = now();
    recentUncaught.push(at);
    while (recentUncaught.length > 0 && recentUncaught[0]! <= at - windowMs) recentUncaught.shift();
    const fatal = isFatalByDesign(error) || recentUncaught.length > maxUncaught;
    record('uncaughtException', error, fatal);
    if (fatal) exit(1);
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  const policy: FailurePolicy = {
    useLogger: (next) => {
      logger = next;
    },
    report: () => ({
      installed: active,
      unhandledRejections: counts.unhandledRejection,
      uncaughtExceptions: counts.uncaughtException,
      ...(last ? { last: { ...last } } : {}),
    }),
    uninstall: () => {
      active = false;
      target.off('unhandledRejection', onRejection);
      target.off('uncaughtException', onException);
      if (installed() === policy) delete holder[SLOT];
    },
  };
  if (!options.target) holder[SLOT] = policy;
  return policy;
}

function messageOf(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  try {
    return typeof reason === 'string' ? reason : String(JSON.stringify(reason));
  } catch {
    return String(reason);
  }
}

function safeJson(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v));
  } catch {
    return JSON.stringify({ level: value['level'], msg: String(value['msg']) });
  }
}
