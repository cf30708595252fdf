import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../../../..');

/** The operator token every service started by the tests accepts (/metrics, /diagnostics/...). */
export const TEST_OPS_TOKEN = 'test-ops-token-0123456789abcdef0123456789';
/** Headers of an operator's request (Prometheus, diagnostics). */
export const opsHeaders = { authorization: `Bearer ${TEST_OPS_TOKEN}` };

export type AppName = 'gateway' | 'chat-actor' | 'router';

export interface ServiceProcess {
  readonly app: AppName;
  readonly url: string;
  readonly pid: number;
  /** Every line the service printed so far (JSON log lines). */
  readonly logs: string[];
  alive(): boolean;
  /** SIGKILL: a crash, no shutdown hooks. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

/**
 * Starts an app as a separate OS process, exactly as `npm start` does, and
 * resolves once it logs its `listening` line. With `injectFailures`, the
 * process also makes an unhandled rejection or an uncaught exception when it
 * receives the signals of `inject-failure-signals.ts`.
 */
export async function startService(
  app: AppName,
  env: Record<string, string>,
  options: { timeoutMs?: number; injectFailures?: boolean; runIn?: readonly string[] } = {},
): Promise<ServiceProcess> {
  const preload = options.injectFailures ? ['-r', resolve(__dirname, 'inject-failures.ts')] : [];
  // runIn: a prefix that execs the service elsewhere (`ip netns exec <ns>`: a test host); the pid stays the service's.
  const [command, ...prefix] = [...(options.runIn ?? []), process.execPath];
  const child: ChildProcess = spawn(
    command!,
    [...prefix, '-r', resolve(ROOT, 'tools/runtime/register.cjs'), ...preload, resolve(ROOT, `apps/${app}/src/main.ts`)],
    {
      cwd: ROOT,
      // Test services run the development identity (an explicit opt-in since issue 13); a test may set another mode.
      env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', AUTH_MODE: 'development', OPS_TOKEN: TEST_OPS_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      // A start that took too long is given up for good: left running, it would be a second process under the same instance id.
      child.kill('SIGKILL');
      reject(new Error(`${app} did not start within ${options.timeoutMs ?? 30000} ms:\n${logs.slice(-20).join('\n')}`));
    }, options.timeoutMs ?? 30000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        logs.push(line);
        const match = /"msg":"listening".*?"url":"([^"]+)"|"url":"([^"]+)".*?"msg":"listening"/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1] ?? match[2]);
        }
      });
    }
    // 'close' comes after the output is read to its end ('exit' can come first): the error shows the last lines.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited during start-up (${signal ?? `code ${String(code)}`}):\n${logs.slice(-20).join('\n')}`));
    });
  });

  const signal = async (sig: NodeJS.Signals) => {
    if (exited) return;
    child.kill(sig);
    await exit;
  };
  return { app, url, pid: child.pid!, logs, alive: () => !exited, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
