import { hostname } from 'node:os';
import { DEFAULT_SUBJECT_PREFIX, SUBJECT_PREFIX_PATTERN } from '@switchboard/contracts';
import { z } from 'zod';

/** Settings every service reads; each app may extend the schema. */
export const baseConfigSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Every subject of this deployment hangs under it (see contracts `createSubjects`). */
  NATS_SUBJECT_PREFIX: z.string().regex(SUBJECT_PREFIX_PATTERN).default(DEFAULT_SUBJECT_PREFIX),
  /**
   * Replicas of every JetStream stream and KV bucket: 1 on one server, 3 (or 5)
   * on a NATS cluster, where a node may then fail without losing acknowledged data.
   * Existing streams and buckets are brought to it at start-up.
   */
  NATS_REPLICAS: z.coerce
    .number()
    .int()
    .refine((n) => [1, 3, 5].includes(n), 'must be 1, 3 or 5')
    .default(1),
  /** Storage of new streams and buckets (an existing one keeps its own). */
  NATS_STORAGE: z.enum(['file', 'memory']).default('file'),
  /**
   * How often the connection pings its NATS server; two pings unanswered and
   * it moves to another server of NATS_URL (issue 18: a server cut off by a
   * network partition sends no reset, and the client's default of 2 min left
   * a process talking to it for 4 min).
   */
  NATS_PING_INTERVAL_MS: z.coerce.number().int().min(500).max(120_000).default(5000),
  /**
   * How long one attempt to reach a NATS server may take before the next server is
   * tried. A server cut off by a partition drops the connect packets, so every
   * reconnect that picks it waits this long (nats.js's own 20 s made a partition's
   * move take 24 to 29 s in issue 18). Not below 2 s: a loaded machine's start-up
   * takes over a second to connect.
   */
  NATS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(2000).max(120_000).default(5000),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI')
    .default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('switchboard'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** 0 picks a free port (tests); the bound URL is logged. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INSTANCE_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  /**
   * Bearer token for the operator endpoints (/metrics, /diagnostics/...): Prometheus and
   * operators send it; without it configured those endpoints answer 403 to everyone.
   */
  OPS_TOKEN: z.string().min(32, 'OPS_TOKEN must be at least 32 characters').optional(),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/**
 * Validates the environment once at start-up into a typed object; nothing
 * else in a service reads `process.env`.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}

/** Injection token for the validated configuration object. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
