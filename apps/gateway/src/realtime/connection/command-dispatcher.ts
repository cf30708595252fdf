import { Inject, Injectable, Logger } from '@nestjs/common';
import { WS_CLOSE_CODES, type CommandType, type WsError } from '@switchboard/contracts';
import { AgentHandlers } from '../agent/agent.handlers';
import { EndUserHandlers } from '../end-user/end-user.handlers';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { CommandRefusal } from '../sessions/command-refusal';
import { SessionHandlers } from '../sessions/session.handlers';
import { ConversationHandlers } from '../conversation/conversation.handlers';
import { COMMAND_ACCESS } from './command-access';
import type { CommandHandler, CommandHandlers } from './command-handler';
import type { Connection } from './connection';
import { parseFrame } from './frame-parser';
import { PrincipalLimits } from './principal-limits';

/** Commands one socket may have being answered at once, the default burst (bounds the memory its answers hold). */
export const MAX_IN_FLIGHT_PER_SOCKET = 40;

/**
 * Thin transport adapter: size and rate limits, parse and validate the frame,
 * check the role, call one handler, answer exactly once. Whatever a client
 * sends, the socket and the process keep running.
 */
@Injectable()
export class CommandDispatcher {
  private readonly logger = new Logger(CommandDispatcher.name);
  private readonly handlers: CommandHandlers;

  constructor(
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    @Inject(SessionHandlers) sessions: SessionHandlers,
    @Inject(EndUserHandlers) endUsers: EndUserHandlers,
    @Inject(AgentHandlers) agents: AgentHandlers,
    @Inject(PrincipalLimits) private readonly principals: PrincipalLimits,
    @Inject(ConversationHandlers) conversation: ConversationHandlers,
  ) {
    this.handlers = { ...sessions.handlers, ...endUsers.handlers, ...agents.handlers, ...conversation.handlers };
  }

  onFrame(conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    // A socket being closed (flood, send buffer full, shutdown) gets no more work done for it.
    if (!conn.open) return;
    // Every frame counts against the flood limit and the socket's rate, oversized ones too (issue 13).
    if (!conn.flood.take()) {
      conn.socket.close(WS_CLOSE_CODES.RATE_LIMIT_ABUSE, 'rate limit exceeded');
      return;
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > this.config.WS_MAX_FRAME_BYTES) {
      if (!conn.limiter.take()) {
        this.refuseRate(conn, undefined, this.config.WS_RATE_PER_SECOND);
        return;
      }
      conn.send({ type: 'error', error: { code: 'FRAME_TOO_LARGE', message: `Frame is ${size} bytes; the limit is ${this.config.WS_MAX_FRAME_BYTES}.` } });
      return;
    }
    const text = isBinary ? undefined : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    if (!conn.limiter.take()) {
      this.refuseRate(conn, text, this.config.WS_RATE_PER_SECOND);
      return;
    }
    // One principal's sockets on every gateway share a budget too, so more sockets buy no more commands (ADR 10).
    // The frame goes on at once while this gateway holds a slice of that budget, else after the slice arrives.
    const { role, id } = conn.principal;
    this.principals.admitCommand(
      role,
      id,
      () => conn.open && this.handle(conn, text),
      () => conn.open && this.refuseRate(conn, text, this.principals.ratePerSecond, 'over all your connections'),
    );
  }

  private handle(conn: Connection, text: string | undefined): void {
    if (text === undefined) {
      conn.send({ type: 'error', error: { code: 'BAD_FRAME', message: 'Binary frames are not part of the protocol; send JSON text.' } });
      return;
    }
    const parsed = parseFrame(text);
    if (parsed.kind === 'unaddressed') {
      conn.send({ type: 'error', error: parsed.error });
      return;
    }
    if (parsed.kind === 'refused') {
      this.reply(conn, parsed.clientId, parsed.command, { ok: false, error: parsed.error });
      return;
    }
    const { clientId, type, payload } = parsed;
    if (!COMMAND_ACCESS[type].includes(conn.principal.role)) {
      this.reply(conn, clientId, type, { ok: false, error: { code: 'FORBIDDEN', message: `The ${type} command is not for the ${conn.principal.role} role.` } });
      return;
    }
    // Each command in flight holds its answer in memory until it is sent: a socket may not have more at once.
    if (conn.inFlight.size >= MAX_IN_FLIGHT_PER_SOCKET) {
      this.reply(conn, clientId, type, { ok: false, error: { code: 'RATE_LIMITED', message: `More than ${MAX_IN_FLIGHT_PER_SOCKET} commands in flight on this connection; wait for answers.` } });
      return;
    }
    if (conn.inFlight.has(clientId)) {
      this.reply(conn, clientId, type, { ok: false, error: { code: 'DUPLICATE_CLIENT_ID', message: 'A command with this clientId is still being answered.' } });
      return;
    }
    conn.inFlight.add(clientId);
    void this.run(conn, clientId, type, payload).finally(() => conn.inFlight.delete(clientId));
  }

  private async run(conn: Connection, clientId: string, type: CommandType, payload: Record<string, unknown>): Promise<void> {
    const handler = this.handlers[type] as CommandHandler<CommandType> | undefined;
    try {
      if (!handler) throw new CommandRefusal('UNKNOWN_COMMAND', `Unknown command "${type}".`);
      const data = await handler(conn, payload as never, clientId);
      this.reply(conn, clientId, type, { ok: true, data });
    } catch (error) {
      if (error instanceof CommandRefusal) {
        this.reply(conn, clientId, type, { ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
      } else {
        this.logger.error({ err: error, command: type, connection: conn.id }, 'command failed');
        this.reply(conn, clientId, type, { ok: false, error: { code: 'INTERNAL', message: 'The gateway failed to handle the command.' } });
      }
    }
  }

  private refuseRate(conn: Connection, text: string | undefined, ratePerSecond: number, scope = 'on this connection'): void {
    const error: WsError = { code: 'RATE_LIMITED', message: `More than ${ratePerSecond} frames per second ${scope}; nothing was done.` };
    const parsed = text === undefined ? undefined : parseFrame(text);
    if (parsed && parsed.kind !== 'unaddressed') this.reply(conn, parsed.clientId, parsed.kind === 'command' ? parsed.type : parsed.command, { ok: false, error });
    else conn.send({ type: 'error', error });
  }

  private reply(conn: Connection, clientId: string, command: string | undefined, result: { ok: true; data: unknown } | { ok: false; error: WsError }): void {
    conn.send({ type: 'reply', clientId, ...(command ? { command } : {}), ...result });
  }
}
