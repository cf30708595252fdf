import { mongoUriFor, provideInfrastructure, stripDatabase } from './provide-infrastructure';

describe('MongoDB URIs', () => {
  it('drops the database of a URI, keeping its options', () => {
    expect(stripDatabase('mongodb://h:1/db?replicaSet=rs0')).toBe('mongodb://h:1?replicaSet=rs0');
    expect(stripDatabase('mongodb://h:1/')).toBe('mongodb://h:1');
    expect(stripDatabase('mongodb://u:p@h1:1,h2:2/db')).toBe('mongodb://u:p@h1:1,h2:2');
  });

  it('adds a database to a URI without one', () => {
    expect(mongoUriFor('mongodb://h:1?replicaSet=rs0', 'sb')).toBe('mongodb://h:1/sb?replicaSet=rs0');
    expect(mongoUriFor('mongodb://h:1', 'sb')).toBe('mongodb://h:1/sb');
  });
});

describe('infrastructure provider', () => {
  it('uses NATS_URL and MONGODB_URI when both are set and starts nothing', async () => {
    const started = Date.now();
    const infra = await provideInfrastructure({
      purpose: 'test',
      projectRoot: '/nonexistent',
      env: { NATS_URL: 'nats://nats.example:4222', MONGODB_URI: 'mongodb://db.example:27017/prod' },
    });
    expect(infra).toMatchObject({ source: 'environment', natsUrl: 'nats://nats.example:4222', mongoUri: 'mongodb://db.example:27017' });
    expect(infra.localNats).toBeUndefined();
    expect(infra.localMongo).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    await infra.stop();
  });
});
