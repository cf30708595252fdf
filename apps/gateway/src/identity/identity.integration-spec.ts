import { loginResponseSchema } from '@switchboard/contracts';
import { startService, testInfra, uniqueDatabase } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { DemoSeedService } from '../demo-data/demo-seed.service';
import { demoLogins } from '../demo-data/demo-data';
import { startGatewayInProcess, type InProcessGateway } from '../testing/gateway-in-process';

describe('identity: login endpoint, tokens and demo users against the real database', () => {
  const database = uniqueDatabase('gw_identity');
  let gateway: InProcessGateway;

  const env = {
    NATS_URL: testInfra().natsUrl,
    MONGODB_URI: testInfra().mongoUri,
    MONGODB_DB: database.name,
    NATS_SUBJECT_PREFIX: `t${randomBytes(4).toString('hex')}`,
    AUTH_MODE: 'development',
  };

  beforeAll(async () => {
    gateway = await startGatewayInProcess({ ...env, SEED_DEMO_DATA: 'true' });
  });

  afterAll(async () => {
    await gateway?.close();
    const db = await mongoose.createConnection(database.uri).asPromise();
    await db.dropDatabase();
    await db.close();
  });

  const login = (body: unknown) =>
    fetch(`${gateway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('R19 identity: every seeded demo user logs in and gets a token with their role', async () => {
    for (const demo of demoLogins()) {
      const res = await login({ username: demo.username, password: demo.password });
      expect(res.status).toBe(200);
      const body = loginResponseSchema.parse(await res.json());
      expect(body.principal).toEqual(demo.principal);
      const me = await fetch(`${gateway.url}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } });
      expect(await me.json()).toEqual(demo.principal);
    }
  });

  it('R19 identity: a wrong password or an unknown user gets 401 UNAUTHORIZED, a malformed body 400 BAD_REQUEST', async () => {
    const wrong = await login({ username: 'alice', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password.' });
    const unknown = await login({ username: 'mallory', password: 'agent123' });
    expect(unknown.status).toBe(401);
    const malformed = await login({ username: 'alice' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('R19 identity: after 5 failed sign-ins an account must wait (429 TOO_MANY_ATTEMPTS, right password or not), on every gateway instance; others are not affected', async () => {
    // A second instance of the same deployment: the failures are counted together.
    const other = await startGatewayInProcess(env);
    try {
      const loginAt = (url: string, body: unknown) => fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      for (let i = 0; i < 5; i++) expect((await loginAt(i % 2 ? other.url : gateway.url, { username: 'dave', password: `guess-${i}` })).status).toBe(401);
      for (const url of [gateway.url, other.url]) {
        const blocked = await loginAt(url, { username: 'Dave', password: 'agent123' });
        expect(blocked.status).toBe(429);
        expect(await blocked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 30 } });
      }
      expect((await login({ username: 'carol', password: 'agent123' })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('R19 identity: a request without a valid bearer token is refused', async () => {
    expect((await fetch(`${gateway.url}/api/auth/me`)).status).toBe(401);
    const bad = await fetch(`${gateway.url}/api/auth/me`, { headers: { authorization: 'Bearer x.y.z' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('issue 13 (development key and provider refuse production): a gateway process with NODE_ENV=staging, AUTH_MODE=development and the demo seed exits at start-up, naming the reason', async () => {
    await expect(startService('gateway', { ...env, NODE_ENV: 'staging', SEED_DEMO_DATA: 'true' }, { timeoutMs: 80_000 })).rejects.toThrow(
      /exited during start-up[\s\S]*AUTH_MODE=development is refused with NODE_ENV=staging/,
    );
  }, 90_000);

  it('issue 13 (the development login store is the only one): outside development mode password sign-in answers 404 PASSWORD_SIGN_IN_DISABLED, the demo logins included', async () => {
    const oidc = await startGatewayInProcess({ ...env, AUTH_MODE: 'oidc', AUTH_TOKEN_SECRET: 'a-secret-of-this-test-only-0123456789abcdef' });
    try {
      const res = await fetch(`${oidc.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'PASSWORD_SIGN_IN_DISABLED' });
    } finally {
      await oidc.close();
    }
  });

  it('seeding again inserts nothing and keeps the demo data', async () => {
    const again = await gateway.app.get(DemoSeedService).seed();
    expect(again.inserted).toBe(0);
    const db = await mongoose.createConnection(database.uri).asPromise();
    try {
      expect(await db.collection('queues').countDocuments()).toBe(3);
      expect(await db.collection('agents').countDocuments()).toBe(5);
      expect(await db.collection('end_users').countDocuments()).toBe(4);
      expect(await db.collection('topics').countDocuments({ queue: 'Network' })).toBe(2);
    } finally {
      await db.close();
    }
  });
});
