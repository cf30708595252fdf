import { z } from 'zod';

/**
 * How long and how much reference data and settings each process keeps
 * (ADR 8). Read from the environment, like every service setting.
 */
export const referenceCacheConfigSchema = z.object({
  /** An agent profile, end user or list is read again after this long: the bound on a missed change event. */
  REFERENCE_CACHE_MAX_AGE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Agent profiles kept, and end users kept (each); the least recently used go first. */
  REFERENCE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** The settings are read again this often and listeners told when they differ: the bound on a missed settings event. */
  SETTINGS_REFRESH_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});
export type ReferenceCacheConfig = z.infer<typeof referenceCacheConfigSchema>;

export const REFERENCE_CACHE_CONFIG = Symbol('REFERENCE_CACHE_CONFIG');

/** The settings from the environment; an invalid value stops the process at start-up with its name. */
export function referenceCacheConfigFrom(env: NodeJS.ProcessEnv): ReferenceCacheConfig {
  const parsed = referenceCacheConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ReferenceCacheConfigError(`Invalid reference cache settings: ${problems}`);
  }
  return parsed.data;
}

export class ReferenceCacheConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}
