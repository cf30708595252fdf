/**
 * Slow readers (issue 13 item 2): the gateway's memory while 3 sockets (3 end
 * users) keep asking for pages of their own chat's history (about 400 KB each)
 * and never read what comes back (the socket is paused: nothing is read from TCP,
 * the window closes and the gateway's send buffer is all that grows).
 *
 * Runs the system twice — a gateway process and a chat-actor on a real NATS
 * and database, demo data seeded — once with the default
 * `WS_MAX_BUFFERED_BYTES` (4 MiB: past it the socket is closed with 4413) and
 * once with the bound at its maximum (256 MiB, in effect no bound: "before").
 * Prints for each: the gateway's RSS before the readers, its peak and end over
 * the run, and which of the 3 sockets were closed with 4413.
 *
 * Usage: npm run bench:slow-readers   (BENCH_SLOW_SECONDS, default 8; BENCH_SLOW_POSTS, default 100;
 * BENCH_SLOW_ORDER=before-first runs the unbounded case first)
 */
import { MAX_TEXT, WS_CLOSE_CODES } from '@switchboard/contracts';
import { provideInfrastructure } from '@switchboard/infra';
import { startService, type ServiceProcess } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';

const SECONDS = Number(process.env['BENCH_SLOW_SECONDS'] ?? 8);
/** Demo end users, one slow reader each. */
const USERS = ['erin', 'frank', 'grace'];
const READERS = USERS.length;
const POSTS = Number(process.env['BENCH_SLOW_POSTS'] ?? 100);
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
  /** What the gateway had queued for the readers (and the kernel held), read once they read again. */
  queuedBytes: number;
}

async function main(): Promise<void> {
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT });
  const results: Figures[] = [];
  try {
    const runs: Array<[string, Record<string, string>]> = [
      ['bounded (WS_MAX_BUFFERED_BYTES default, 4 MiB)', {}],
      ['before (WS_MAX_BUFFERED_BYTES=256 MiB, in effect no bound)', { WS_MAX_BUFFERED_BYTES: UNBOUNDED }],
    ];
    // BENCH_SLOW_ORDER=before-first: the unbounded run first (to see whether the order matters on a busy machine).
    if (process.env['BENCH_SLOW_ORDER'] === 'before-first') runs.reverse();
    for (const [label, extra] of runs) results.push(await run(infra, label, extra));
  } finally {
    await infra.stop();
  }
  log('');
  log(`gateway memory under ${READERS} slow readers asking for their own history, ${SECONDS} s:`);
  for (const r of results) {
    log(
      `  ${r.label}: RSS ${mib(r.rssBefore)} before, peak ${mib(r.rssPeak)} (+${mib(r.rssPeak - r.rssBefore)}), end ${mib(r.rssEnd)}; ` +
        `queued for the readers ${mib(r.queuedBytes)}; closed with 4413: ${r.closedWith4413.length ? r.closedWith4413.map((n) => `socket ${n}`).join(', ') : 'none'}` +
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
    // startService waits for the 'listening' line, an info entry.
    LOG_LEVEL: 'info',
  };
  const processes: ServiceProcess[] = [];
  const sockets: Raw[] = [];
  try {
    // The gateway seeds the demo logins; no heartbeat, so a reader that stops is not dropped for missing pongs first.
    const gateway = await startService('gateway', { ...env, SEED_DEMO_DATA: 'true', AUTH_MODE: 'development', INSTANCE_ID: 'slow-gateway', WS_HEARTBEAT_MS: '600000', ...extra }, { timeoutMs: 60_000 });
    processes.push(gateway);
    processes.push(await startService('chat-actor', { ...env, INSTANCE_ID: 'slow-chat-actor' }, { timeoutMs: 60_000 }));
    const wsUrl = (token: string) => `${gateway.url.replace(/^http/, 'ws')}/ws?token=${token}`;
    const agentToken = await login(gateway.url, 'alice', 'agent123');
    const agent = await open(wsUrl(agentToken));
    sockets.push(agent);
    // Each reader is an end user of the demo with a chat of its own: POSTS posts of the longest text, so a page of
    // 100 events is about 400 KB. The posts are paced under the command rate (20/s per socket).
    const readers: Array<Raw & { sessionId: string }> = await Promise.all(
      USERS.map(async (username) => {
        const token = await login(gateway.url, username, 'user123');
        const writer = await open(wsUrl(token));
        sockets.push(writer);
        const started = await command(writer, { type: 'session.start', description: `slow reader ${username}`, topic: 'vpn' });
        const sessionId = (started['session'] as { sessionId: string }).sessionId;
        await command(agent, { type: 'session.accept', sessionId });
        for (let i = 0; i < POSTS; i++) {
          await command(writer, { type: 'session.post', sessionId, text: `${i} ${'z'.repeat(MAX_TEXT - 8)}` });
          await new Promise((r) => setTimeout(r, 60));
        }
        writer.ws.close();
        const reader = await open(wsUrl(token), true);
        sockets.push(reader);
        return Object.assign(reader, { sessionId });
      }),
    );
    agent.ws.close();
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
        for (let i = 0; i < 5; i++) reader.ws.send(JSON.stringify({ type: 'session.history', clientId: `slow-${r}-${round}-${i}`, sessionId: reader.sessionId, limit: 100 }));
      }
      round++;
      await new Promise((r) => setTimeout(r, 100));
      rssPeak = Math.max(rssPeak, rssOf(gateway.pid));
    }
    const rssEnd = rssOf(gateway.pid);
    // Read again: a socket the gateway closed finds the close frame behind its data; the others are closed here.
    for (const reader of readers) reader.ws.resume();
    const codes = await Promise.all(readers.map((reader) => Promise.race([reader.closed, new Promise<number>((r) => setTimeout(() => r(0), 15_000))])));
    // Wait for what was queued to have been read (no byte more for a second).
    for (let last = -1, total = 0; total !== last; await new Promise((r) => setTimeout(r, 1000))) {
      last = total;
      total = readers.reduce((n, r) => n + r.received, 0);
    }
    return {
      label,
      rssBefore,
      rssPeak,
      rssEnd,
      closedWith4413: codes.flatMap((code, i) => (code === WS_CLOSE_CODES.SEND_BUFFER_FULL ? [i + 1] : [])),
      otherCloses: codes.flatMap((code, i) => (code !== WS_CLOSE_CODES.SEND_BUFFER_FULL && code !== 0 ? [`socket ${i + 1}: ${code}`] : [])),
      queuedBytes: readers.reduce((n, r) => n + r.received, 0),
    };
  } finally {
    for (const s of sockets) s.ws.terminate();
    await Promise.all(processes.map((p) => p.stop()));
  }
}

interface Raw {
  ws: WebSocket;
  /** Bytes of frames received after hello. */
  received: number;
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
    const socket: Raw = { ws, received: 0, replies, closed };
    ws.on('message', (data: Buffer) => {
      if (!ready) {
        ready = true;
        resolveSocket(socket);
        return;
      }
      socket.received += data.length;
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
