import { jetStreamStorageOf } from '../nats/jetstream-storage';
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
      NATS_REPLICAS: 1,
      NATS_STORAGE: 'file',
      NATS_PING_INTERVAL_MS: 5000,
      NATS_CONNECT_TIMEOUT_MS: 5000,
    });
  });

  it('reads the NATS ping interval, within 0.5 s and 2 min', () => {
    expect(loadConfig(schema, { NATS_PING_INTERVAL_MS: '1000' }).NATS_PING_INTERVAL_MS).toBe(1000);
    for (const ms of ['100', '200000', 'soon']) expect(() => loadConfig(schema, { NATS_PING_INTERVAL_MS: ms })).toThrow(/NATS_PING_INTERVAL_MS/);
  });

  it('reads the NATS connect timeout, within 2 s and 2 min', () => {
    expect(loadConfig(schema, { NATS_CONNECT_TIMEOUT_MS: '3000' }).NATS_CONNECT_TIMEOUT_MS).toBe(3000);
    for (const ms of ['1000', '200000', 'soon']) expect(() => loadConfig(schema, { NATS_CONNECT_TIMEOUT_MS: ms })).toThrow(/NATS_CONNECT_TIMEOUT_MS/);
  });

  it('reads the JetStream replicas and storage, allowing only the counts a NATS cluster accepts', () => {
    const config = loadConfig(schema, { NATS_REPLICAS: '3', NATS_STORAGE: 'memory' });
    expect(jetStreamStorageOf(config)).toEqual({ replicas: 3, storage: 'memory' });
    for (const replicas of ['0', '2', '4', '1.5', 'three']) expect(() => loadConfig(schema, { NATS_REPLICAS: replicas })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { NATS_STORAGE: 'disk' })).toThrow(/NATS_STORAGE/);
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
