import type { ProcessExit } from '@switchboard/infra';
import { RestartBackoff } from './restart-policy';

/** What the supervisor needs of a started process (`ManagedProcess` fits). */
export interface SupervisedProcess {
  readonly pid: number | undefined;
  readonly ended: Promise<ProcessExit>;
  stop(): Promise<void>;
}

export interface Timer {
  cancel(): void;
}

export interface SupervisorOptions {
  name: string;
  start: () => SupervisedProcess;
  log: (message: string) => void;
  backoff?: RestartBackoff;
  /** Where the service's output goes, named when it dies. */
  logFile?: string;
  /** Called after each restart, with a check that says whether that process is still the current one. */
  onRestarted?: (process: SupervisedProcess, isCurrent: () => boolean) => void;
  now?: () => number;
  schedule?: (run: () => void, delayMs: number) => Timer;
}

const realSchedule = (run: () => void, delayMs: number): Timer => {
  const timer = setTimeout(run, delayMs);
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Keeps one service process running for `npm start`: a process that dies
 * while nobody asked it to stop is started again after the backoff, and each
 * step is said on the console. `stop()` ends the process and any pending
 * restart for good.
 */
export class ServiceSupervisor {
  private process?: SupervisedProcess;
  private pending?: Timer;
  private stopping = false;
  private restartCount = 0;
  private readonly backoff: RestartBackoff;
  private readonly now: () => number;
  private readonly schedule: (run: () => void, delayMs: number) => Timer;

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = options.backoff ?? new RestartBackoff();
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? realSchedule;
  }

  get current(): SupervisedProcess | undefined {
    return this.process;
  }

  get restarts(): number {
    return this.restartCount;
  }

  start(): SupervisedProcess {
    const proc = this.options.start();
    const startedAt = this.now();
    this.process = proc;
    void proc.ended.then((exit) => this.onEnded(proc, exit, startedAt));
    return proc;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.pending?.cancel();
    this.pending = undefined;
    await this.process?.stop();
  }

  private onEnded(proc: SupervisedProcess, exit: ProcessExit, startedAt: number): void {
    if (this.stopping || proc !== this.process) return;
    const { name, log, logFile } = this.options;
    const diedAt = this.now();
    const delay = this.backoff.nextDelay(diedAt - startedAt);
    log(
      `${name} (pid ${proc.pid ?? '?'}) died at ${clock(diedAt)} with ${describeExit(exit)} after ${seconds(diedAt - startedAt)}` +
        `; restarting in ${seconds(delay)} (at ${clock(diedAt + delay)}, restart ${this.restartCount + 1})` +
        (logFile ? `; see ${logFile}` : ''),
    );
    this.pending = this.schedule(() => {
      this.pending = undefined;
      if (this.stopping) return;
      this.restartCount += 1;
      let next: SupervisedProcess;
      try {
        next = this.start();
      } catch (error) {
        // Could not even spawn: count it as one more quick death and try again later.
        const failed: SupervisedProcess = { pid: undefined, ended: Promise.resolve({ code: null, signal: null }), stop: async () => undefined };
        this.process = failed;
        log(`${name} could not be started: ${error instanceof Error ? error.message : String(error)}`);
        this.onEnded(failed, { code: null, signal: null }, this.now());
        return;
      }
      log(`${name} restarted (pid ${next.pid ?? '?'}, restart ${this.restartCount})`);
      this.options.onRestarted?.(next, () => !this.stopping && this.process === next);
    }, delay);
  }
}

export function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `signal ${exit.signal}`;
  if (exit.code !== null) return `code ${exit.code}`;
  return 'no exit status (it could not be started)';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}
