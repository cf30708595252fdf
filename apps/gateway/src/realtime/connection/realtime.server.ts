import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROTOCOL_VERSION, WS_CLOSE_CODES, type HelloFrame } from '@switchboard/contracts';
import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AgentConsoleSettingsService } from '../agent/agent-console-settings.service';
import { AgentPresenceService } from '../agent/agent-presence.service';
import { EndUserPresenceService } from '../end-user/end-user-presence.service';
import { FanoutService } from '../fanout/fanout.service';
import { bearerToken, TokenService } from '../../identity';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { HARD_FRAME_CAP_BYTES, REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { CommandDispatcher } from './command-dispatcher';
import { checkOrigin } from '../../http/origin-policy';
import { Connection } from './connection';
import { CONNECTION_POLICY, type ConnectionPolicy } from './connection-policy';
import { ConnectionRegistry } from './connection-registry';
import { PrincipalLimits } from './principal-limits';

export const WS_PATH = '/ws';
/** Frames a client may send before its token is checked; more are dropped (a well-behaved client waits for hello). */
const MAX_EARLY_FRAMES = 32;

/**
 * The WebSocket endpoint (`ws` on the Nest HTTP server, path /ws). The
 * handshake is authenticated with the signed token; nothing else on the
 * socket can change who it acts as.
 */
@Injectable()
export class RealtimeServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeServer.name);
  private wss?: WebSocketServer;
  private heartbeat?: ReturnType<typeof setInterval>;

  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
    @Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher,
    @Inject(FanoutService) private readonly fanout: FanoutService,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(AgentPresenceService) private readonly agentPresence: AgentPresenceService,
    @Inject(EndUserPresenceService) private readonly endUserPresence: EndUserPresenceService,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    @Inject(CONNECTION_POLICY) private readonly policy: ConnectionPolicy,
    @Inject(PrincipalLimits) private readonly principals: PrincipalLimits,
    @Inject(AgentConsoleSettingsService) private readonly agentSettings: AgentConsoleSettingsService,
  ) {}

  onApplicationBootstrap(): void {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_CAP_BYTES, perMessageDeflate: false });
    const server: Server = this.http.httpAdapter.getHttpServer();
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.heartbeat = setInterval(() => this.ping(), this.config.WS_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const conn of this.registry.connections()) conn.socket.close(WS_CLOSE_CODES.GOING_AWAY, 'gateway shutting down');
    this.wss?.close();
  }

  get connectionCount(): number {
    return this.registry.size;
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // A page of another site must not open a socket with a user's token (issue 13); non-browser clients send no Origin.
    const origin = checkOrigin(request.headers, this.policy);
    if (!origin.ok) {
      const body = JSON.stringify({ code: 'ORIGIN_NOT_ALLOWED', message: `Pages of ${origin.origin.slice(0, 200)} may not open a socket to this gateway.` });
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const token = url.searchParams.get('token') ?? bearerToken(request.headers['authorization']);
    socket.on('error', () => undefined);
    this.wss!.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, token ?? undefined));
  }

  private async accept(ws: WebSocket, token: string | undefined): Promise<void> {
    ws.on('error', (err) => this.logger.debug?.({ err }, 'socket error'));
    // Frames sent before the token is checked wait (a few at most), then go through the normal path.
    const ready: { conn?: Connection } = {};
    const early: Array<[Buffer, boolean]> = [];
    ws.on('message', (data, isBinary) => {
      if (ready.conn) this.dispatcher.onFrame(ready.conn, data as Buffer, isBinary);
      else if (early.length < MAX_EARLY_FRAMES) early.push([data as Buffer, isBinary]);
    });
    const check = token ? await this.tokens.verify(token) : undefined;
    if (!check?.ok) {
      const message = !token ? 'Connect with ?token=<token from POST /api/auth/login>.' : check?.reason === 'expired' ? 'The token has expired; log in again.' : 'The token is not valid.';
      ws.send(JSON.stringify({ type: 'error', error: { code: 'UNAUTHORIZED', message } }));
      ws.close(WS_CLOSE_CODES.UNAUTHORIZED, 'unauthorized');
      return;
    }
    // Sockets per principal count over every gateway (ADR 10).
    const { role, id } = check.principal;
    if (!(await this.principals.admitSocket(role, id))) {
      const message = `At most ${this.policy.WS_MAX_SOCKETS_PER_PRINCIPAL} connections per user; close one first.`;
      ws.send(JSON.stringify({ type: 'error', error: { code: 'TOO_MANY_CONNECTIONS', message } }));
      ws.close(WS_CLOSE_CODES.TOO_MANY_CONNECTIONS, 'too many connections');
      return;
    }
    // The client may have gone while its place was taken: give the place back.
    if (ws.readyState !== ws.OPEN) {
      this.principals.releaseSocket(role, id);
      return;
    }
    const connection = new Connection(`c-${randomUUID()}`, ws, check.principal, {
      ratePerSecond: this.config.WS_RATE_PER_SECOND,
      burst: this.config.WS_RATE_BURST,
      // The flood limit stays well above the command limit: at least five times it.
      floodPerSecond: Math.max(this.policy.WS_FLOOD_FRAMES_PER_SECOND, 5 * this.config.WS_RATE_PER_SECOND),
      maxBufferedBytes: this.policy.WS_MAX_BUFFERED_BYTES,
    });
    this.registry.add(connection);
    const expiry = setTimeout(() => ws.close(WS_CLOSE_CODES.TOKEN_EXPIRED, 'token expired'), Math.max(0, check.expiresAt.getTime() - Date.now()));
    expiry.unref();
    ws.on('pong', () => (connection.alive = true));
    ws.on('close', () => {
      clearTimeout(expiry);
      this.principals.releaseSocket(role, id);
      const remaining = this.registry.remove(connection);
      if (connection.principal.role === 'agent') this.agentPresence.disconnected(connection.principal.id, remaining);
      if (connection.principal.role === 'endUser') this.endUserPresence.disconnected(connection.principal.id, remaining);
    });
    const hello: HelloFrame = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      connectionId: connection.id,
      principal: connection.principal,
      limits: {
        maxFrameBytes: this.config.WS_MAX_FRAME_BYTES,
        ratePerSecond: this.config.WS_RATE_PER_SECOND,
        burst: this.config.WS_RATE_BURST,
        requestTimeoutMs: this.config.WS_REQUEST_TIMEOUT_MS,
      },
    };
    // Agents: the settings their console acts on (idle → away); later changes come as agent.settings.
    if (connection.principal.role === 'agent') hello.agentSettings = this.agentSettings.forHello(connection);
    // An agent is online (R18) by the time it hears hello: what it does next may count on it.
    if (connection.principal.role === 'agent') {
      await this.agentPresence.connected(connection.principal.id).catch((error: unknown) => this.logger.warn({ err: error, connection: connection.id }, 'presence not set'));
    }
    connection.greet(hello);
    ready.conn = connection;
    for (const [data, isBinary] of early.splice(0)) this.dispatcher.onFrame(connection, data, isBinary);
    try {
      if (connection.principal.role === 'agent') {
        await this.projection.ready;
        if (connection.open) this.fanout.sendListsSnapshot(connection);
      } else if (connection.principal.role === 'endUser') {
        await this.endUserPresence.connected(connection.principal.id);
        await this.projection.ready;
        if (connection.open) this.fanout.sendQueuePosition(connection);
      }
    } catch (error) {
      this.logger.warn({ err: error, connection: connection.id }, 'connection set-up incomplete');
    }
  }

  /** Sockets that did not answer the previous ping are dead (a half-open TCP connection): drop them. */
  private ping(): void {
    for (const conn of this.registry.connections()) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }
}
