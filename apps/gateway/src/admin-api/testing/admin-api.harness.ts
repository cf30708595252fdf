import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Principal } from '@switchboard/contracts';
import { loadConfig } from '@switchboard/service-kit';
import { testInfra, uniqueDatabase } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { gatewayConfigSchema } from '../../config';
import { GatewayModule } from '../../gateway.module';
import { TokenService } from '../../identity';
import { serveOpenApi } from '../../openapi/openapi';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface AdminApiHarness {
  readonly url: string;
  readonly prefix: string;
  /** A NATS connection of the test itself, on the real server the gateway uses. */
  readonly nc: NatsConnection;
  // Test answers are read loosely; each test asserts the shape it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  /** `Authorization` headers of a signed token for anyone (default: an administrator, sent by `call`). */
  authAs(principal: Principal): Promise<Record<string, string>>;
  /** The Nest application, to reach its services. */
  readonly app: INestApplication;
  close(): Promise<void>;
}

/**
 * The gateway's Nest application in the test process, on the real NATS and
 * database of the jest global setup (a database and subject prefix of its
 * own), listening on a free port and called over HTTP.
 */
export async function startAdminApi(
  name: string,
  /** Join an existing cluster (e.g. a ChatCluster's prefix, database and partitions). */
  options: { prefix?: string; database?: string; partitions?: number } = {},
): Promise<AdminApiHarness> {
  const infra = testInfra();
  const prefix = options.prefix ?? `t${randomBytes(4).toString('hex')}`;
  const config = loadConfig(gatewayConfigSchema, {
    NATS_URL: infra.natsUrl,
    MONGODB_URI: infra.mongoUri,
    MONGODB_DB: options.database ?? uniqueDatabase(name).name,
    CHAT_PARTITIONS: String(options.partitions ?? 32),
    NATS_SUBJECT_PREFIX: prefix,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_STATIC_DIR: '/nonexistent',
    // Tokens signed here for any principal: the development key (NODE_ENV is test).
    AUTH_MODE: 'development',
  });
  const app: INestApplication = await NestFactory.create(GatewayModule.forRoot(config), { logger: false });
  serveOpenApi(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const nc = await connect({ servers: infra.natsUrl });
  const tokens = app.get(TokenService);
  const authAs = async (principal: Principal) => ({ authorization: `Bearer ${(await tokens.issue(principal)).token}` });
  const admin = await authAs({ id: 'admin', role: 'admin', name: 'Ada Admin' });
  return {
    url,
    prefix,
    nc,
    app,
    authAs,
    async call(method, path, body, headers = admin) {
      const response = await fetch(url + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await nc.close();
      await app.close();
    },
  };
}

/**
 * R19 checks every admin resource gets: no token is 401, a valid token of
 * a non-administrator is 403, both as `{code, message}`, and nothing changes.
 */
export function itRefusesNonAdmins(api: () => AdminApiHarness, path: string, createBody: unknown): void {
  it('R19 refuses a request without a token (401) and an agent or end user (403), changing nothing', async () => {
    const harness = api();
    const before = await harness.call('GET', path);
    expect(before.status).toBe(200);
    const anonymous = await harness.call('POST', path, createBody, {});
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const forged = await harness.call('GET', path, undefined, { authorization: 'Bearer not-a-token' });
    expect(forged).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    for (const role of ['agent', 'endUser'] as const) {
      const headers = await harness.authAs({ id: `someone-${role}`, role, name: 'Someone' });
      expect(await harness.call('GET', path, undefined, headers)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect(await harness.call('POST', path, createBody, headers)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    expect((await harness.call('GET', path)).body.total).toBe(before.body.total);
  });
}
