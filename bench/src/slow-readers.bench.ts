/**
 * Slow readers (issue 13 item 2): the gateway's memory while 3 sockets of one
 * end user keep asking for pages of their own history (about 120 KB each) and
 * never read what comes back (the socket is paused: nothing is read from TCP,
 * the window closes and the gateway's send buffer is all that grows).
 *
 * Runs the system twice — a gateway process and a chat-actor on a real NATS
 * and database, demo data seeded — once with the default
 * `WS_MAX_BUFFERED_BYTES` (4 MiB: past it the socket is closed with 4413) and
 * once with the bound at its maximum (256 MiB, in effect no bound: "before").
 * Prints for each: the gateway's RSS before the readers, its peak and end over
 * the run, and which of the 3 sockets were closed with 4413.
 *
 * Usage: npm run bench:slow-readers   (BENCH_SLOW_SECONDS, default 8)
 */
import { MAX_TEXT, WS_CLOSE_CODES } from '@switchboard/contracts';
import { provideInfrastructure } from '@switchboard/infra';
import { startService, type ServiceProcess } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';

const SECONDS = Number(process.env['BENCH_SLOW_SECONDS'] ?? 8);
const READERS = 3;
const ROOT = resolve(__dirname, '../..');
/** The largest bound the gateway accepts: no socket reaches it in a run, so it stands for "no bound". */
const UNBOUNDED = String(256 * 1024 * 1024);
const MiB = 2 ** 20;

interface Figures {
  label: string;
  rssBefore: number;
  rssPeak: number;
  rssEnd: number;
  closedWith4413: number[];
  otherCloses: string[];
}

async function main(): Promise<void> {
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT });
  const results: Figures[] = [];
  try {
    results.push(await run(infra, 'bounded (WS_MAX_BUFFERED_BYTES default, 4 MiB)', {}));
    results.push(await run(infra, 'before (WS_MAX_BUFFERED_BYTES=256 MiB, in effect no bound)', { WS_MAX_BUFFERED_BYTES: UNBOUNDED }));
  } finally {
    await infra.stop();
  }
  log('');
  log(`gateway memory under ${READERS} slow readers asking for their own history, ${SECONDS} s:`);
  for (const r of results) {
    log(
      `  ${r.label}: RSS ${mib(r.rssBefore)} before, peak ${mib(r.rssPeak)} (+${mib(r.rssPeak - r.rssBefore)}), end ${mib(r.rssEnd)}; ` +
        `closed with 4413: ${r.closedWith4413.length ? r.closedWith4413.map((n) => `socket ${n}`).join(', ') : 'none'}` +
        (r.otherCloses.length ? `; other: ${r.otherCloses.join(', ')}` : ''),
    );
  }
}

async function run(infra: { natsUrl: string; mongoUri: string }, label: string, extra: Record<string, string>): Promise<Figures> {
  log(`${label}: starting the system...`);
  const env = {
    NATS_URL: infra.natsUrl,
    MONGODB_URI: infra.mongoUri,
    MONGODB_DB: `slowbench_${randomBytes(4).toString('hex')}`,
    NATS_SUBJECT_PREFIX: `slowbench${randomBytes(3).toString('hex')}`,
    CHAT_PARTITIONS: '4',
    LOG_LEVEL: 'warn',
  };
  const processes: ServiceProcess[] = [];
  const sockets: Raw[] = [];
  try {
    // The gateway seeds the demo logins; no heartbeat, so a reader that stops is not dropped for missing pongs first.
    const gateway = await startService('gateway', { ...env, SEED_DEMO_DATA: 'true', AUTH_MODE: 'development', INSTANCE_ID: 'slow-gateway', WS_HEARTBEAT_MS: '600000', ...extra }, { timeoutMs: 60_000 });
    processes.push(gateway);
    processes.push(await startService('chat-actor', { ...env, INSTANCE_ID: 'slow-chat-actor' }, { timeoutMs: 60_000 }));
    const wsUrl = (token: string) => `${gateway.url.replace(/^http/, 'ws')}/ws?token=${token}`;
    const userToken = await login(gateway.url, 'erin', 'user123');
    const agentToken = await login(gateway.url, 'alice', 'agent123');

    // A chat with 30 posts of the longest text: a page of 100 events is about 120 KB.
    const user = await open(wsUrl(userToken));
    const agent = await open(wsUrl(agentToken));
    sockets.push(user, agent);
    const started = await command(user, { type: 'session.start', description: 'slow readers', topic: 'vpn' });
    const sessionId = (started['session'] as { sessionId: string }).sessionId;
    await command(agent, { type: 'session.accept', sessionId });
    for (let i = 0; i < 30; i++) await command(user, { type: 'session.post', sessionId, text: `${i} ${'z'.repeat(MAX_TEXT - 4)}` });
    user.ws.close();
    agent.ws.close();

    const readers = await Promise.all(Array.from({ length: READERS }, () => open(wsUrl(userToken), true)));
    sockets.push(...readers);
    await new Promise((r) => setTimeout(r, 2000));
    const rssBefore = rssOf(gateway.pid);
    let rssPeak = rssBefore;
    // Stop reading: nothing more is taken from TCP; the gateway's unsent data is all that can grow.
    for (const reader of readers) reader.ws.pause();
    log(`${label}: ${READERS} readers paused, asking for history for ${SECONDS} s...`);
    const end = Date.now() + SECONDS * 1000;
    let round = 0;
    while (Date.now() < end) {
      for (const [r, reader] of readers.entries()) {
        if (reader.ws.readyState !== WebSocket.OPEN) continue;
        // 5 requests per 100 ms: above the command rate (so the gateway's limits decide), below the flood limit.
        for (let i = 0; i < 5; i++) reader.ws.send(JSON.stringify({ type: 'session.history', clientId: `slow-${r}-${round}-${i}`, sessionId, limit: 100 }));
      }
      round++;
      await new Promise((r) => setTimeout(r, 100));
      rssPeak = Math.max(rssPeak, rssOf(gateway.pid));
    }
    const rssEnd = rssOf(gateway.pid);
    // Read again: a socket the gateway closed finds the close frame behind its data; the others are closed here.
    for (const reader of readers) reader.ws.resume();
    const codes = await Promise.all(readers.map((reader) => Promise.race([reader.closed, new Promise<number>((r) => setTimeout(() => r(0), 15_000))])));
    return {
      label,
      rssBefore,
      rssPeak,
      rssEnd,
      closedWith4413: codes.flatMap((code, i) => (code === WS_CLOSE_CODES.SEND_BUFFER_FULL ? [i + 1] : [])),
      otherCloses: codes.flatMap((code, i) => (code !== WS_CLOSE_CODES.SEND_BUFFER_FULL && code !== 0 ? [`socket ${i + 1}: ${code}`] : [])),
    };
  } finally {
    for (const s of sockets) s.ws.terminate();
    await Promise.all(processes.map((p) => p.stop()));
  }
}

interface Raw {
  ws: WebSocket;
  replies: Map<string, (frame: Record<string, unknown>) => void>;
  closed: Promise<number>;
}

/** A socket past its hello; `discard`: its frames are not kept (the bench process's memory is not measured, but keep it small). */
function open(url: string, discard = false): Promise<Raw> {
  return new Promise((resolveSocket, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const replies = new Map<string, (frame: Record<string, unknown>) => void>();
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    let ready = false;
    ws.on('message', (data) => {
      if (!ready) {
        ready = true;
        resolveSocket({ ws, replies, closed });
        return;
      }
      if (discard) return;
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame['type'] === 'reply') replies.get(String(frame['clientId']))?.(frame);
    });
    ws.once('error', (error) => (ready ? undefined : reject(error)));
  });
}

let commands = 0;
async function command(socket: Raw, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const clientId = `bench-cmd-${++commands}`;
  const reply = await new Promise<Record<string, unknown>>((resolveReply) => {
    socket.replies.set(clientId, resolveReply);
    socket.ws.send(JSON.stringify({ ...payload, clientId }));
  });
  socket.replies.delete(clientId);
  if (reply['ok'] !== true) throw new Error(`${String(payload['type'])} refused: ${JSON.stringify(reply['error'])}`);
  return (reply['data'] ?? {}) as Record<string, unknown>;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
