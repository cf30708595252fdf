import { DEFAULT_CHAT_PARTITIONS } from '@switchboard/contracts';
import { baseConfigSchema } from '@switchboard/service-kit';
import { z } from 'zod';

export const routerConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3201),
  /** The chat cluster's partition count (to address session commands). */
  CHAT_PARTITIONS: z.coerce.number().int().min(1).max(4096).default(DEFAULT_CHAT_PARTITIONS),
  /** Queues are spread over this many router partitions; must match on every router (checked at start-up). */
  ROUTER_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(16),
  /** A dead router's queues are taken over after at most this long. */
  ROUTER_LEASE_TTL_MS: z.coerce.number().int().min(500).max(60000).default(2000),
  ROUTER_LEASE_TICK_MS: z.coerce.number().int().min(50).max(10000).default(250),
  /** Proposals awaiting an answer at once. */
  ROUTER_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(4096).default(128),
  /**
   * A full read of the waiting sessions, as a safety net under the events
   * (which do the work): covers events missed during a NATS reconnect.
   */
  ROUTER_RESYNC_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /**
   * How often counted sessions are checked against the sessions themselves:
   * a chat actor that crashed between reserving capacity and committing
   * leaves a reservation nobody confirms.
   */
  ROUTER_LOAD_SWEEP_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  /** A reservation younger than this is not checked (its commit may be under way). */
  ROUTER_LOAD_SWEEP_MIN_AGE_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /**
   * A count made before its commit, on a session still at the version it was
   * decided from, is dropped only this old: its chat actor died before
   * committing and nothing changed the session since (a commit under way
   * keeps it however slow, up to this).
   */
  ROUTER_LOAD_SWEEP_STUCK_AGE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});
export type RouterConfig = z.infer<typeof routerConfigSchema>;
