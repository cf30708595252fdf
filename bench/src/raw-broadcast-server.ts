/**
 * The ceiling of the gateway benchmark: a bare `ws` server that does the
 * least a push can do. A socket sends `{"go":"<id>"}`; the server publishes
 * it on NATS, and on receiving it back sends one frame to every other socket.
 * Run as its own process (like the gateway) by gateway.bench.ts.
 */
import { connect } from '@nats-io/transport-node';
import { WebSocketServer, type WebSocket } from 'ws';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.env['NATS_URL']! });
  const subject = `${process.env['SUBJECT'] ?? 'bench.raw'}`;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => nc.publish(subject, data as Buffer));
  });
  nc.subscribe(subject, {
    callback: (_err, msg) => {
      const { go } = JSON.parse(new TextDecoder().decode(msg.data)) as { go: string };
      const text = JSON.stringify({ type: 'lists.changed', changes: [{ op: 'upsert', list: 'queue', item: { sessionId: go } }] });
      for (const ws of sockets) ws.send(text);
    },
  });
  await new Promise<void>((r) => wss.on('listening', () => r()));
  const address = wss.address() as { port: number };
  console.log(JSON.stringify({ msg: 'listening', url: `ws://127.0.0.1:${address.port}` }));
}

void main();
