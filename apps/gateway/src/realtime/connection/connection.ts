import { WS_CLOSE_CODES, type AgentList, type Principal } from '@switchboard/contracts';
import type { WebSocket } from 'ws';
import { RateLimiter } from './rate-limiter';

/**
 * One authenticated WebSocket. Holds only what belongs to this socket: the
 * principal from the token, the rate budget, and (agents) which list each
 * session is in as last told to the client, so changes are sent as diffs.
 */
export class Connection {
  readonly limiter: RateLimiter;
  /** Every frame, refused or oversized too; when it runs dry the client floods and the socket is closed (4429). */
  readonly flood: RateLimiter;
  alive = true;
  /** Agents: sessionId -> list and version last sent. Undefined until the first snapshot. */
  lists?: Map<string, { list: AgentList | undefined; version: number; signature: string }>;
  /** End users: the queue place last sent (session.queuePosition), so only changes go out. */
  queuePlace?: { sessionId: string; queue: string; position: number };
  /** Sessions this socket follows without holding them (session.resume by an admin, or an agent's Queue preview); kept by the registry. */
  readonly watching = new Set<string>();
  /** clientIds being answered on this socket. */
  readonly inFlight = new Set<string>();

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly principal: Principal,
    rate: { ratePerSecond: number; burst: number; floodPerSecond: number; maxBufferedBytes: number },
  ) {
    this.limiter = new RateLimiter(rate.ratePerSecond, rate.burst);
    this.flood = new RateLimiter(rate.floodPerSecond, 2 * rate.floodPerSecond);
    this.maxBufferedBytes = rate.maxBufferedBytes;
  }

  /** Unsent bytes this socket may have queued before it counts as a reader that stopped. */
  private readonly maxBufferedBytes: number;

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Frames pushed before hello went out (hello is always the first frame). */
  private beforeHello: string[] | undefined = [];

  /** Sends hello, then whatever was pushed while the connection was being set up. */
  greet(hello: object): void {
    const queued = this.beforeHello ?? [];
    this.beforeHello = undefined;
    this.sendText(JSON.stringify(hello));
    for (const text of queued) this.sendText(text);
  }

  send(frame: object): void {
    this.sendText(JSON.stringify(frame));
  }

  /** Sends an already serialised frame (one serialisation for many sockets). */
  sendText(text: string): void {
    if (this.beforeHello) this.beforeHello.push(text);
    else if (this.open) {
      // A client that stops reading must not grow the gateway (issue 13): past the bound it is closed, not buffered for.
      if (this.socket.bufferedAmount + Buffer.byteLength(text) > this.maxBufferedBytes) {
        this.socket.close(WS_CLOSE_CODES.SEND_BUFFER_FULL, 'send buffer full: the client is not reading');
        return;
      }
      this.socket.send(text);
    }
  }
}
