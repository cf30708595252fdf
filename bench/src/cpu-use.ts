import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU seconds used so far by each part of the system on this machine
 * (services, the database, NATS, the benchmark itself), read from /proc:
 * what a measured run costs in CPU, next to what the machine's cores can
 * give. Undefined where /proc is not there (not Linux).
 */
export type CpuUse = Record<string, number>;

const PARTS: Array<[string, (cmd: string, pid: number) => boolean]> = [
  ['benchmark', (_cmd, pid) => pid === process.pid],
  ['chat-actor', (cmd) => cmd.includes('chat-actor/src/main')],
  ['router', (cmd) => cmd.includes('router/src/main')],
  ['gateway', (cmd) => cmd.includes('gateway/src/main')],
  ['ferretdb', (cmd) => cmd.includes('ferretdb')],
  ['postgresql', (cmd) => cmd.startsWith('postgres')],
  ['nats-server', (cmd) => cmd.includes('nats-server')],
];

const TICKS_PER_SECOND = 100;

export function cpuUse(): CpuUse | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  const use: CpuUse = {};
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ').at(-1)!.split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      const part = PARTS.find(([, matches]) => matches(cmd, Number(pid)))?.[0] ?? 'other processes';
      use[part] = (use[part] ?? 0) + seconds;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return use;
}

/** CPU milliseconds per operation by part, between two readings. */
export function cpuPerOperation(before: CpuUse | undefined, after: CpuUse | undefined, operations: number): Record<string, number> | undefined {
  if (!before || !after || operations === 0) return undefined;
  const per: Record<string, number> = {};
  for (const [part, seconds] of Object.entries(after)) per[part] = ((seconds - (before[part] ?? 0)) * 1000) / operations;
  return per;
}

export function formatCpu(per: Record<string, number> | undefined, unit: 'session' | 'second' = 'session'): string {
  if (!per) return 'CPU use not readable here';
  const parts = Object.entries(per).filter(([, ms]) => ms >= 0.05).sort((a, b) => b[1] - a[1]);
  const total = parts.filter(([part]) => part !== 'other processes').reduce((sum, [, ms]) => sum + ms, 0);
  const byPart = parts.map(([part, ms]) => `${part} ${ms.toFixed(1)}`).join(', ');
  if (unit === 'second') return `CPU ${total.toFixed(0)} ms per second (${byPart})`;
  // What the machine's cores can give at this cost, were nothing else running.
  const most = Math.floor((availableParallelism() * 1000) / total);
  return `CPU ${total.toFixed(1)} ms per session, ${availableParallelism()} cores run at most ${most}/s (${byPart})`;
}
