import { testInfra, uniqueDatabase } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { startGatewayInProcess, type InProcessGateway } from '../../testing/gateway-in-process';
import { FAILURES_ALLOWED, PER_ADDRESS } from './sign-in-throttle';

/**
 * Issue 13 item 6 through the real gateway (two instances sharing the KV
 * bucket): sign-in limits per (username, address) and per address, with the
 * client address taken from the trusted proxy's X-Forwarded-For.
 */
describe('sign-in limits per account and address (issue 13)', () => {
  const database = uniqueDatabase('gw_sign_in');
  const env = {
    NATS_URL: testInfra().natsUrl,
    MONGODB_URI: testInfra().mongoUri,
    MONGODB_DB: database.name,
    NATS_SUBJECT_PREFIX: `t${randomBytes(4).toString('hex')}`,
    AUTH_MODE: 'development',
    // The test process is the TLS terminator in front of the gateways.
    TRUST_PROXY: 'loopback',
  };
  let gateways: InProcessGateway[] = [];

  beforeAll(async () => {
    gateways = [await startGatewayInProcess({ ...env, SEED_DEMO_DATA: 'true' })];
    gateways.push(await startGatewayInProcess(env));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    const db = await mongoose.createConnection(database.uri).asPromise();
    await db.dropDatabase();
    await db.close();
  });

  const login = (n: number, from: string, username: string, password: string) =>
    fetch(`${gateways[n % gateways.length]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username, password }),
    });

  it('issue 13 item 6: a stranger failing for the administrator from another address is locked out alone; the administrator still signs in', async () => {
    const stranger = '203.0.113.66';
    for (let i = 0; i < FAILURES_ALLOWED; i++) expect((await login(i, stranger, 'admin', `guess-${i}`)).status).toBe(401);
    const blocked = await login(0, stranger, 'admin', 'admin123');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 30 } });
    // The owner, from their own address, on either instance.
    for (const n of [0, 1]) expect((await login(n, '198.51.100.7', 'admin', 'admin123')).status).toBe(200);
  });

  it(`issue 13 item 6: one address trying many usernames is refused after ${PER_ADDRESS.allowed} failures, for any username, on every instance`, async () => {
    const sprayer = '203.0.113.99';
    for (let i = 0; i < PER_ADDRESS.allowed; i++) expect((await login(i, sprayer, `nobody-${i}`, 'Winter2026!')).status).toBe(401);
    for (const n of [0, 1]) {
      const refused = await login(n, sprayer, 'carol', 'agent123');
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    }
    // Everyone else is not affected.
    expect((await login(0, '198.51.100.8', 'carol', 'agent123')).status).toBe(200);
  });
});
