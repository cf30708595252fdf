import { baseConfigSchema, ConfigError, loadConfig } from './service-config';

const schema = baseConfigSchema.extend({ HTTP_PORT: baseConfigSchema.shape.HTTP_PORT.default(3000) });

describe('service configuration', () => {
  it('applies defaults when the environment says nothing', () => {
    const config = loadConfig(schema, {});
    expect(config).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:4222',
      MONGODB_DB: 'switchboard',
      HTTP_PORT: 3000,
      NATS_SUBJECT_PREFIX: 'sb',
      LOG_LEVEL: 'info',
    });
  });

  it('coerces and validates numbers from the environment', () => {
    expect(loadConfig(schema, { HTTP_PORT: '8080' }).HTTP_PORT).toBe(8080);
    expect(() => loadConfig(schema, { HTTP_PORT: '70000' })).toThrow(ConfigError);
  });

  it('names every invalid setting in one error', () => {
    try {
      loadConfig(schema, { MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud', NATS_SUBJECT_PREFIX: 'sb.*' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('MONGODB_URI');
      expect(message).toContain('LOG_LEVEL');
      expect(message).toContain('NATS_SUBJECT_PREFIX');
    }
  });
});
