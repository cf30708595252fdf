import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';

/** Every child started through this module, so that none outlives its parent. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a signal is all we can still send.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * `setpriv --pdeathsig` makes the kernel kill the child when this process dies,
 * even by SIGKILL, where no exit handler runs. Used when util-linux has it.
 */
const pdeathsigPrefix: string[] = (() => {
  const probe = spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? ['setpriv', '--pdeathsig', 'SIGKILL', '--'] : [];
})();

/** How a process ended: its exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  alive(): boolean;
  /** Graceful stop (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** Immediate SIGKILL, as a crash would. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
  /** Like `exited`, with the signal too (null code and null signal: it never started). */
  readonly ended: Promise<ProcessExit>;
}

export interface StartProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** File that receives the child's stdout and stderr; inherited output when absent. */
  logFile?: string;
}

export function startProcess(options: StartProcessOptions): ManagedProcess {
  installExitHook();
  if (!existsSync(options.command) && options.command.includes('/')) {
    throw new Error(`${options.name}: ${options.command} does not exist`);
  }
  const [cmd, ...args] = [...pdeathsigPrefix, options.command, ...options.args];
  const child = spawn(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.logFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  running.add(child);
  let alive = true;
  const ended = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', () => {
      alive = false;
      running.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  const exited = ended.then((e) => e.code);

  const stopWith = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!alive) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    name: options.name,
    get pid() {
      return child.pid;
    },
    alive: () => alive,
    stop: (graceMs = 5000) => stopWith('SIGTERM', graceMs),
    kill: () => stopWith('SIGKILL', 0),
    exited,
    ended,
  };
}

/** Finds an executable on PATH, or undefined. */
export function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}
