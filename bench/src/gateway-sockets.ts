/**
 * WebSocket clients of the gateway for the benchmarks: development tokens
 * (the gateway's development secret, AUTH_MODE=development) and sockets
 * opened many at a time, each handing its parsed frames to `onFrame`.
 */
import { SignJWT } from 'jose';
import WebSocket from 'ws';

/** The gateway's development secret (no AUTH_TOKEN_SECRET is given to it). */
const DEV_SECRET = 'switchboard-development-secret-do-not-use-in-production';
const CONNECT_CONCURRENCY = 100;

export interface Socket {
  ws: WebSocket;
  /** Called with every parsed frame. */
  onFrame?: (frame: Record<string, unknown>) => void;
}

const key = new TextEncoder().encode(DEV_SECRET);
export function token(id: string, role: 'endUser' | 'agent'): Promise<string> {
  return new SignJWT({ role, name: id })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(id)
    .setIssuer('switchboard')
    .setAudience('switchboard')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key);
}

export async function connectMany(count: number, urlOf: (i: number) => Promise<string>): Promise<Socket[]> {
  const out: Socket[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await open(await urlOf(i));
    }),
  );
  return out;
}

export function open(url: string): Promise<Socket> {
  return new Promise((resolveSocket, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const socket: Socket = { ws };
    let ready = false;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (!ready) {
        // The gateway greets with hello; the bare server sends nothing first.
        ready = true;
        resolveSocket(socket);
      }
      socket.onFrame?.(frame);
    });
    ws.on('open', () => {
      if (!url.includes('/ws?')) {
        ready = true;
        resolveSocket(socket);
      }
    });
    ws.on('error', (error) => {
      if (!ready) reject(/EMFILE/.test(String(error)) ? new Error(`${error.message}: raise the open-file limit (ulimit -n 65536)`) : error);
    });
  });
}
