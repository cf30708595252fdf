import { loadConfig } from '@switchboard/service-kit';
import { gatewayConfigSchema } from '../config';
import { DEVELOPMENT_TOKEN_SECRET, resolveTokenSecret } from './identity.config';

describe('identity configuration', () => {
  it('uses the fixed development secret only outside production', () => {
    const dev = loadConfig(gatewayConfigSchema, {});
    expect(resolveTokenSecret(dev)).toBe(DEVELOPMENT_TOKEN_SECRET);
    const prod = loadConfig(gatewayConfigSchema, { NODE_ENV: 'production' });
    expect(() => resolveTokenSecret(prod)).toThrow(/AUTH_TOKEN_SECRET must be set/);
    const given = loadConfig(gatewayConfigSchema, { NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'x'.repeat(32) });
    expect(resolveTokenSecret(given)).toBe('x'.repeat(32));
  });

  it('refuses a short secret and defaults the token lifetime to 8 hours', () => {
    expect(() => loadConfig(gatewayConfigSchema, { AUTH_TOKEN_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig(gatewayConfigSchema, {}).AUTH_TOKEN_TTL_SECONDS).toBe(8 * 3600);
  });
});
