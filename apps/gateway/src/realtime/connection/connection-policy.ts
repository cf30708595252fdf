import { z } from 'zod';
import type { HttpConfig } from '../../http/http.config';

/** Limits of one socket and of one principal's sockets on a gateway (docs/security.md lists them). */
export const connectionPolicyFields = {
  /**
   * Unsent bytes one socket may have queued (a client that stops reading); above it the
   * socket is closed with 4413 SEND_BUFFER_FULL, so a slow reader cannot grow the gateway.
   */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  /**
   * Frames per second a socket may send at all, refused and oversized ones included;
   * past it (with a burst of twice as many) the socket is closed with 4429.
   */
  WS_FLOOD_FRAMES_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(100),
  /** Sockets one principal may have open over all gateways sharing a NATS; more are refused with 4409 TOO_MANY_CONNECTIONS (ADR 10). */
  WS_MAX_SOCKETS_PER_PRINCIPAL: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Commands per second of one principal over all its sockets on all gateways (burst: twice as many; ADR 10). */
  WS_PRINCIPAL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(30),
  /**
   * How long a gateway's count of a principal's sockets stays valid in the shared bucket without being renewed
   * (renewed every third of it): the sockets of a gateway that died stop counting after at most this long (ADR 10).
   */
  WS_PRINCIPAL_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
};

export interface ConnectionPolicy extends HttpConfig {
  WS_MAX_BUFFERED_BYTES: number;
  WS_FLOOD_FRAMES_PER_SECOND: number;
  WS_MAX_SOCKETS_PER_PRINCIPAL: number;
  WS_PRINCIPAL_RATE_PER_SECOND: number;
  WS_PRINCIPAL_LEASE_MS: number;
}

export const CONNECTION_POLICY = Symbol('CONNECTION_POLICY');
