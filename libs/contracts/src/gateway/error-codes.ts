/**
 * Error codes of the WebSocket protocol (docs/protocol/websocket.md). Besides
 * these, a command's reply may carry any domain code of the chat session
 * (`ALREADY_TAKEN`, `NOT_OWNER`, ...: DOMAIN_ERROR_CODES of the domain) and the
 * transport codes `UNAVAILABLE`, `TIMEOUT`, `INTERNAL`.
 */
export const GATEWAY_ERROR_CODES = [
  /** Not JSON, not an object, or fields that do not match the command's schema. */
  'BAD_FRAME',
  /** `type` names no command of the protocol. */
  'UNKNOWN_COMMAND',
  /** The frame is larger than `limits.maxFrameBytes` (hello). */
  'FRAME_TOO_LARGE',
  /** More frames than the connection's rate limit allows. */
  'RATE_LIMITED',
  /** The role may not use the command, or the session is not visible to the caller. */
  'FORBIDDEN',
  /** The token is missing, invalid or expired (handshake; the socket is closed with 4401). */
  'UNAUTHORIZED',
  /** No such session (or knowledge article). */
  'SESSION_NOT_FOUND',
  /** The same clientId is already being answered on this connection. */
  'DUPLICATE_CLIENT_ID',
  /** The principal already has the most sockets it may have (handshake; the socket is closed with 4409). */
  'TOO_MANY_CONNECTIONS',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** WebSocket close codes the gateway uses (4000-4999 are the application's). */
export const WS_CLOSE_CODES = {
  /** Handshake without a valid token. */
  UNAUTHORIZED: 4401,
  /** The token expired while connected: log in again and reconnect. */
  TOKEN_EXPIRED: 4403,
  /** The client sent more frames per second than the flood limit (every frame counts, oversized ones too). */
  RATE_LIMIT_ABUSE: 4429,
  /** The client stopped reading: more unsent data queued for it than the gateway keeps per socket. */
  SEND_BUFFER_FULL: 4413,
  /** The principal already has as many sockets open on this gateway as it may. */
  TOO_MANY_CONNECTIONS: 4409,
  /** The gateway is shutting down: reconnect (to another instance). */
  GOING_AWAY: 1001,
  /** A frame over the hard size cap (the transport refuses it before it is read). */
  MESSAGE_TOO_BIG: 1009,
} as const;
