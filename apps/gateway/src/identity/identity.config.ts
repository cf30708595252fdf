import { z } from 'zod';

/** A fixed secret so that development tokens survive restarts; refused in production. */
export const DEVELOPMENT_TOKEN_SECRET = 'switchboard-development-secret-do-not-use-in-production';

export const identityConfigFields = {
  NODE_ENV: z.string().default('development'),
  /** HS256 key of the signed tokens; at least 32 characters. Required when NODE_ENV=production. */
  AUTH_TOKEN_SECRET: z.string().min(32, 'AUTH_TOKEN_SECRET must be at least 32 characters').optional(),
  /** Lifetime of a token, in seconds (8 h). */
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
};

export interface IdentityConfig {
  NODE_ENV: string;
  AUTH_TOKEN_SECRET?: string;
  AUTH_TOKEN_TTL_SECONDS: number;
}

/** The signing secret; a missing secret in production is a start-up error, never a silent default. */
export function resolveTokenSecret(config: IdentityConfig): string {
  if (config.AUTH_TOKEN_SECRET) return config.AUTH_TOKEN_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new Error('AUTH_TOKEN_SECRET must be set when NODE_ENV=production');
  }
  return DEVELOPMENT_TOKEN_SECRET;
}
