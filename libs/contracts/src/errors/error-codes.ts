/**
 * Stable error codes on every wire (NATS replies, WebSocket, REST). Clients
 * branch on the code; the message is for people.
 */
export const TRANSPORT_ERROR_CODES = [
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

export interface WireError {
  /** A transport code above, or a domain code such as `ALREADY_TAKEN`. */
  code: string;
  message: string;
  details?: unknown;
}
