import { z } from 'zod';

/** A fixed secret so that development tokens survive restarts; accepted with AUTH_MODE=development only. */
export const DEVELOPMENT_TOKEN_SECRET = 'switchboard-development-secret-do-not-use-in-production';

/**
 * How people sign in. `development`: the development identity provider
 * (seeded demo logins, fixed signing key) — an explicit opt-in that
 * `npm start` sets, refused unless NODE_ENV is development or test.
 * `oidc`: the company's OpenID Connect provider; the default.
 */
export const AUTH_MODES = ['development', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const identityConfigFields = {
  NODE_ENV: z.string().default('development'),
  AUTH_MODE: z.enum(AUTH_MODES).default('oidc'),
  /** HS256 key of the signed tokens; at least 32 characters. Required unless AUTH_MODE=development. */
  AUTH_TOKEN_SECRET: z.string().min(32, 'AUTH_TOKEN_SECRET must be at least 32 characters').optional(),
  /** Lifetime of a token, in seconds (8 h). */
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(900),
  /** Lifetime of a refresh token (POST /api/auth/refresh), in seconds (8 h). */
  AUTH_REFRESH_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(8 * 3600),
  /**
   * The Secure flag of the sign-in cookie: `auto` (default) when the request came over https — behind a TLS terminator
   * that means X-Forwarded-Proto from a proxy TRUST_PROXY names; `always` when the terminator cannot say; `never` for
   * plain-http development only (refused when NODE_ENV is production-like).
   */
  AUTH_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** The company's OpenID Connect provider (issuer URL, discovery at /.well-known/openid-configuration); sign-in at /api/auth/oidc/login. */
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Confidential client; leave unset for a public client (PKCE alone). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** This gateway's callback as registered at the provider: https://<host>/api/auth/oidc/callback. */
  OIDC_REDIRECT_URL: z.string().url().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** The claim whose value is the Switchboard user id (agent profile / end-user record id); `sub` when absent. */
  OIDC_ID_CLAIM: z.string().min(1).default('preferred_username'),
  /** The claim holding the role: admin, supervisor, agent or endUser (a string or a list). */
  OIDC_ROLE_CLAIM: z.string().min(1).default('switchboard_role'),
  /** Plain-http provider (tests, local development only; refused when NODE_ENV is production-like). */
  OIDC_ALLOW_HTTP: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
};

export interface IdentityConfig {
  NODE_ENV: string;
  AUTH_MODE: AuthMode;
  AUTH_TOKEN_SECRET?: string;
  AUTH_TOKEN_TTL_SECONDS: number;
  AUTH_REFRESH_TTL_SECONDS: number;
  AUTH_COOKIE_SECURE?: 'auto' | 'always' | 'never';
  OIDC_ISSUER_URL?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_REDIRECT_URL?: string;
  OIDC_SCOPES: string;
  OIDC_ID_CLAIM: string;
  OIDC_ROLE_CLAIM: string;
  OIDC_ALLOW_HTTP: boolean;
  /** Seeds demo logins (admin/admin123 ...): development mode only. */
  SEED_DEMO_DATA?: boolean;
}

/** A typed start-up refusal: the configuration would let strangers in. */
export class IdentityConfigError extends Error {
  constructor(
    readonly code: 'DEVELOPMENT_IDENTITY_IN_PRODUCTION' | 'DEVELOPMENT_KEY_REFUSED' | 'TOKEN_SECRET_REQUIRED' | 'DEMO_SEED_REFUSED' | 'OIDC_CONFIG_INCOMPLETE' | 'INSECURE_COOKIE_REFUSED',
    message: string,
  ) {
    super(message);
    this.name = 'IdentityConfigError';
  }
}

/** Only these NODE_ENV values (any case) are not production-like; `staging`, `prod`, `Production`... are. */
export function isProductionLike(nodeEnv: string): boolean {
  return !['development', 'test'].includes(nodeEnv.trim().toLowerCase());
}

/**
 * Refuses identity settings anyone who read the source could abuse: the
 * development provider, its fixed key or its demo logins anywhere
 * production-like, and the fixed key outside development mode.
 */
export function assertSafeIdentityConfig(config: IdentityConfig): void {
  const productionLike = isProductionLike(config.NODE_ENV);
  if (config.AUTH_MODE === 'development' && productionLike) {
    throw new IdentityConfigError(
      'DEVELOPMENT_IDENTITY_IN_PRODUCTION',
      `AUTH_MODE=development is refused with NODE_ENV=${config.NODE_ENV}: the development identity provider is for NODE_ENV=development or test only.`,
    );
  }
  if (config.SEED_DEMO_DATA && (productionLike || config.AUTH_MODE !== 'development')) {
    throw new IdentityConfigError(
      'DEMO_SEED_REFUSED',
      `SEED_DEMO_DATA=true is refused with NODE_ENV=${config.NODE_ENV} and AUTH_MODE=${config.AUTH_MODE}: its logins (admin/admin123 ...) are public; it needs AUTH_MODE=development.`,
    );
  }
  if (config.AUTH_TOKEN_SECRET === DEVELOPMENT_TOKEN_SECRET && config.AUTH_MODE !== 'development') {
    throw new IdentityConfigError('DEVELOPMENT_KEY_REFUSED', 'AUTH_TOKEN_SECRET is the published development key; set a secret of your own (openssl rand -hex 32).');
  }
  if (config.OIDC_ISSUER_URL && (!config.OIDC_CLIENT_ID || !config.OIDC_REDIRECT_URL)) {
    throw new IdentityConfigError('OIDC_CONFIG_INCOMPLETE', 'OIDC_ISSUER_URL needs OIDC_CLIENT_ID and OIDC_REDIRECT_URL (this gateway\'s /api/auth/oidc/callback).');
  }
  if (config.OIDC_ALLOW_HTTP && productionLike) {
    throw new IdentityConfigError('OIDC_CONFIG_INCOMPLETE', `OIDC_ALLOW_HTTP is refused with NODE_ENV=${config.NODE_ENV}: the provider must be reached over https.`);
  }
  if (config.AUTH_COOKIE_SECURE === 'never' && productionLike) {
    throw new IdentityConfigError('INSECURE_COOKIE_REFUSED', `AUTH_COOKIE_SECURE=never is refused with NODE_ENV=${config.NODE_ENV}: the sign-in cookie must not travel over plain http.`);
  }
  if (!config.AUTH_TOKEN_SECRET && config.AUTH_MODE !== 'development') {
    throw new IdentityConfigError('TOKEN_SECRET_REQUIRED', `AUTH_TOKEN_SECRET must be set with AUTH_MODE=${config.AUTH_MODE} (32+ random characters).`);
  }
}

/** The signing secret, after the safety check; the fixed development key only in development mode. */
export function resolveTokenSecret(config: IdentityConfig): string {
  assertSafeIdentityConfig(config);
  return config.AUTH_TOKEN_SECRET ?? DEVELOPMENT_TOKEN_SECRET;
}
