import { eventually } from '@switchboard/testing';
import WebSocket from 'ws';

/** A WebSocket to the gateway without the client library: every frame as it came, and how it closed. */
export interface RawSocket {
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * Opens a raw socket and waits for the gateway's first frame (its hello, or
 * the error it refuses the socket with). `keep` picks which later frames to
 * record (all by default): a test of a slow reader keeps none.
 */
export async function openRawSocket(url: string, keep: (frame: Record<string, unknown>) => boolean = () => true): Promise<RawSocket> {
  const ws = new WebSocket(url);
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    if (frames.length === 0 || keep(frame)) frames.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await eventually(() => expect(frames.length).toBeGreaterThan(0));
  return { ws, frames, closed };
}
