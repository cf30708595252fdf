import { loadConfig } from '@switchboard/service-kit';
import { gatewayConfigSchema } from '../config';
import { DEVELOPMENT_TOKEN_SECRET, IdentityConfigError, isProductionLike, resolveTokenSecret } from './identity.config';
import { IdentityModule } from './identity.module';

const OWN_SECRET = 'x'.repeat(32);
const config = (env: Record<string, string>) => loadConfig(gatewayConfigSchema, env);
const refusal = (env: Record<string, string>): string | undefined => {
  try {
    resolveTokenSecret(config(env));
    return undefined;
  } catch (error) {
    if (error instanceof IdentityConfigError) return error.code;
    throw error;
  }
};

describe('identity configuration', () => {
  it('issue 13 (development key outside production): the fixed development key is used only with the explicit AUTH_MODE=development', () => {
    expect(resolveTokenSecret(config({ AUTH_MODE: 'development' }))).toBe(DEVELOPMENT_TOKEN_SECRET);
    expect(resolveTokenSecret(config({ AUTH_MODE: 'development', NODE_ENV: 'test' }))).toBe(DEVELOPMENT_TOKEN_SECRET);
    // No opt-in, no development key: the default mode needs a secret of its own, whatever NODE_ENV says.
    expect(config({}).AUTH_MODE).toBe('oidc');
    expect(refusal({})).toBe('TOKEN_SECRET_REQUIRED');
    expect(refusal({ NODE_ENV: 'development' })).toBe('TOKEN_SECRET_REQUIRED');
    expect(resolveTokenSecret(config({ AUTH_TOKEN_SECRET: OWN_SECRET }))).toBe(OWN_SECRET);
  });

  it('issue 13 (tokens in localStorage): the sign-in cookie may drop Secure only where not production-like; a bad value is refused', () => {
    expect(config({}).AUTH_COOKIE_SECURE).toBe('auto');
    expect(refusal({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: OWN_SECRET, AUTH_COOKIE_SECURE: 'never' })).toBe('INSECURE_COOKIE_REFUSED');
    expect(refusal({ NODE_ENV: 'test', AUTH_TOKEN_SECRET: OWN_SECRET, AUTH_COOKIE_SECURE: 'never' })).toBeUndefined();
    expect(refusal({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: OWN_SECRET, AUTH_COOKIE_SECURE: 'always' })).toBeUndefined();
    expect(() => config({ AUTH_COOKIE_SECURE: 'sometimes' })).toThrow();
  });

  it.each(['production', 'Production', 'PRODUCTION', 'staging', 'prod', 'qa', ' production '])(
    'issue 13 (NODE_ENV other than exactly "production"): NODE_ENV=%j refuses the development provider, the development key and the demo seed',
    (nodeEnv) => {
      expect(isProductionLike(nodeEnv)).toBe(true);
      expect(refusal({ NODE_ENV: nodeEnv, AUTH_MODE: 'development' })).toBe('DEVELOPMENT_IDENTITY_IN_PRODUCTION');
      expect(refusal({ NODE_ENV: nodeEnv, AUTH_MODE: 'development', AUTH_TOKEN_SECRET: OWN_SECRET })).toBe('DEVELOPMENT_IDENTITY_IN_PRODUCTION');
      expect(refusal({ NODE_ENV: nodeEnv })).toBe('TOKEN_SECRET_REQUIRED');
      expect(refusal({ NODE_ENV: nodeEnv, AUTH_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET })).toBe('DEVELOPMENT_KEY_REFUSED');
      expect(refusal({ NODE_ENV: nodeEnv, AUTH_TOKEN_SECRET: OWN_SECRET, SEED_DEMO_DATA: 'true' })).toBe('DEMO_SEED_REFUSED');
      expect(resolveTokenSecret(config({ NODE_ENV: nodeEnv, AUTH_TOKEN_SECRET: OWN_SECRET }))).toBe(OWN_SECRET);
    },
  );

  it.each(['development', 'test', 'Development', 'TEST'])('issue 13: NODE_ENV=%j is not production-like', (nodeEnv) => {
    expect(isProductionLike(nodeEnv)).toBe(false);
    expect(resolveTokenSecret(config({ NODE_ENV: nodeEnv, AUTH_MODE: 'development', SEED_DEMO_DATA: 'true' }))).toBe(DEVELOPMENT_TOKEN_SECRET);
  });

  it('issue 13 (production accepts the development key if set explicitly): the known development key is refused in every mode but development', () => {
    expect(refusal({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET })).toBe('DEVELOPMENT_KEY_REFUSED');
    expect(refusal({ NODE_ENV: 'development', AUTH_MODE: 'oidc', AUTH_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET })).toBe('DEVELOPMENT_KEY_REFUSED');
    expect(resolveTokenSecret(config({ AUTH_MODE: 'development', AUTH_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET }))).toBe(DEVELOPMENT_TOKEN_SECRET);
  });

  it('issue 13 (SEED_DEMO_DATA seeds admin/admin123 in production too): the demo seed needs the development mode', () => {
    expect(refusal({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: OWN_SECRET, SEED_DEMO_DATA: 'true' })).toBe('DEMO_SEED_REFUSED');
    expect(refusal({ NODE_ENV: 'development', AUTH_MODE: 'oidc', AUTH_TOKEN_SECRET: OWN_SECRET, SEED_DEMO_DATA: 'true' })).toBe('DEMO_SEED_REFUSED');
    expect(refusal({ NODE_ENV: 'production', AUTH_MODE: 'development', SEED_DEMO_DATA: 'true' })).toBe('DEVELOPMENT_IDENTITY_IN_PRODUCTION');
  });

  it('issue 13: the identity module itself refuses a production-like configuration, so the service does not start', () => {
    expect(() => IdentityModule.forRoot(config({ NODE_ENV: 'staging', AUTH_MODE: 'development' }))).toThrow(IdentityConfigError);
    expect(IdentityModule.forRoot(config({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: OWN_SECRET })).exports).not.toContainEqual(expect.objectContaining({ name: 'DevIdentityProvider' }));
  });

  it('issue 13 (OpenID Connect settings): an issuer without client id or callback, or a plain-http provider in production, refuses to start', () => {
    expect(refusal({ AUTH_TOKEN_SECRET: OWN_SECRET, OIDC_ISSUER_URL: 'https://id.example.com' })).toBe('OIDC_CONFIG_INCOMPLETE');
    const complete = { AUTH_TOKEN_SECRET: OWN_SECRET, OIDC_ISSUER_URL: 'https://id.example.com', OIDC_CLIENT_ID: 'switchboard', OIDC_REDIRECT_URL: 'https://chat.example.com/api/auth/oidc/callback' };
    expect(resolveTokenSecret(config({ ...complete, NODE_ENV: 'production' }))).toBe(OWN_SECRET);
    expect(refusal({ ...complete, NODE_ENV: 'production', OIDC_ALLOW_HTTP: 'true' })).toBe('OIDC_CONFIG_INCOMPLETE');
    expect(resolveTokenSecret(config({ ...complete, NODE_ENV: 'test', OIDC_ALLOW_HTTP: 'true' }))).toBe(OWN_SECRET);
  });

  it('refuses an unknown mode or a short secret and defaults the access token lifetime to 15 minutes (issue 13: every console renews it)', () => {
    expect(() => config({ AUTH_MODE: 'none' })).toThrow(/AUTH_MODE/);
    expect(() => config({ AUTH_TOKEN_SECRET: 'short' })).toThrow(/at least 32/);
    expect(config({}).AUTH_TOKEN_TTL_SECONDS).toBe(900);
  });
});
