import { loginResponseSchema, WS_CLOSE_CODES } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import WebSocket from 'ws';
import { RealtimeStack } from '../../testing/realtime-stack';

/** A raw socket of the protocol, and the close code the gateway ended it with. */
async function openSocket(url: string, token: string): Promise<{ socket: WebSocket; closed: () => number | undefined }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  let code: number | undefined;
  socket.on('close', (c) => (code = c));
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve()); // hello
    socket.once('error', reject);
  });
  return { socket, closed: () => code };
}

describe('issue 13: sessions that can be ended, on every gateway (real NATS, two gateways)', () => {
  let stack: RealtimeStack;

  beforeAll(async () => {
    stack = await new RealtimeStack({ gateways: 2 }).start();
  }, 120_000);

  afterAll(() => stack?.stop());

  const post = (url: string, path: string, token?: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const me = (url: string, token: string) => fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

  it('issue 13 (a deleted user\'s token works until it expires): deleting an agent through the admin API closes their socket on the other gateway and their token is refused there', async () => {
    const [first, second] = stack.urls as [string, string];
    await stack.addAgent('revoked-agent', { queues: ['General'] });
    const token = await stack.login('revoked-agent', 'agent123', second);
    const { closed } = await openSocket(second, token);
    expect((await me(second, token)).status).toBe(200);

    const admin = await stack.login('admin', 'admin123', first);
    const deleted = await fetch(`${first}/api/admin/agents/revoked-agent`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(deleted.status).toBe(204);

    await eventually(() => expect(closed()).toBe(WS_CLOSE_CODES.UNAUTHORIZED), { timeoutMs: 5000 });
    await eventually(async () => {
      const answer = await me(second, token);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/ended/) });
    }, { timeoutMs: 5000 });
    expect((await me(first, token)).status).toBe(401);
    // A new socket with the old token is refused at the handshake.
    const again = new WebSocket(`${second.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    const code = await new Promise<number>((resolve) => again.on('close', resolve));
    expect(code).toBe(WS_CLOSE_CODES.UNAUTHORIZED);
  });

  it('issue 13 (sign-out everywhere): signing out on one gateway ends the tokens, refresh tokens and sockets of every sign-in on every gateway; signing in again works; a gateway started later refuses the old tokens too', async () => {
    const [first, second] = stack.urls as [string, string];
    await stack.addEndUser('leaving-user');
    const loginAt = async (url: string) => {
      const res = await post(url, '/api/auth/login', undefined, { username: 'leaving-user', password: 'user123' });
      return loginResponseSchema.parse(await res.json());
    };
    const here = await loginAt(first);
    const there = await loginAt(second);
    const { closed } = await openSocket(second, there.token);

    expect((await post(first, '/api/auth/sign-out-everywhere', here.token)).status).toBe(204);

    await eventually(() => expect(closed()).toBe(WS_CLOSE_CODES.UNAUTHORIZED), { timeoutMs: 5000 });
    await eventually(async () => expect((await me(second, there.token)).status).toBe(401), { timeoutMs: 5000 });
    expect((await me(first, here.token)).status).toBe(401);
    const refused = await post(second, '/api/auth/refresh', undefined, { refreshToken: there.refreshToken });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' });

    const fresh = await loginAt(second);
    expect((await me(first, fresh.token)).status).toBe(200);

    // A gateway started after the sign-out reads the generations before it serves.
    const late = await stack.startGateway();
    try {
      expect((await me(late.url, there.token)).status).toBe(401);
      expect((await me(late.url, fresh.token)).status).toBe(200);
    } finally {
      await late.close();
    }
  });

  it('issue 13 (short-lived access tokens with refresh): a refresh token buys a new working pair; a malformed body is 400, a forged one 401', async () => {
    const [first, second] = stack.urls as [string, string];
    const login = loginResponseSchema.parse(await (await post(first, '/api/auth/login', undefined, { username: 'bob', password: 'agent123' })).json());
    expect(login.refreshToken).toBeDefined();
    const refreshed = await post(second, '/api/auth/refresh', undefined, { refreshToken: login.refreshToken });
    expect(refreshed.status).toBe(200);
    const pair = loginResponseSchema.parse(await refreshed.json());
    expect(pair.principal).toMatchObject({ id: 'bob', role: 'agent' });
    expect((await me(first, pair.token)).status).toBe(200);
    // An access token is no refresh token.
    expect((await post(first, '/api/auth/refresh', undefined, { refreshToken: login.token })).status).toBe(401);
    const malformed = await post(first, '/api/auth/refresh', undefined, { token: 'x' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  const patch = (url: string, path: string, token: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('issue 13 (disable a user without deleting them): disabling an agent closes their socket on the other gateway with 4401, refuses their token, refresh token and sign-in (403 ACCOUNT_DISABLED); enabling lets them sign in again', async () => {
    const [first, second] = stack.urls as [string, string];
    await stack.addAgent('disabled-agent', { queues: ['General'] });
    const login = loginResponseSchema.parse(await (await post(second, '/api/auth/login', undefined, { username: 'disabled-agent', password: 'agent123' })).json());
    const { closed } = await openSocket(second, login.token);
    const admin = await stack.login('admin', 'admin123', first);

    const disabled = await patch(first, '/api/admin/agents/disabled-agent', admin, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id: 'disabled-agent', disabled: true, queues: ['General'] });

    await eventually(() => expect(closed()).toBe(WS_CLOSE_CODES.UNAUTHORIZED), { timeoutMs: 5000 });
    await eventually(async () => expect((await me(second, login.token)).status).toBe(401), { timeoutMs: 5000 });
    expect((await me(first, login.token)).status).toBe(401);
    // Offline for routing: a socket cannot be opened again with the old token.
    const again = new WebSocket(`${second.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(login.token)}`);
    expect(await new Promise<number>((resolve) => again.on('close', resolve))).toBe(WS_CLOSE_CODES.UNAUTHORIZED);
    expect((await post(first, '/api/auth/refresh', undefined, { refreshToken: login.refreshToken })).status).toBe(401);
    for (const url of [first, second]) {
      const refused = await post(url, '/api/auth/login', undefined, { username: 'disabled-agent', password: 'agent123' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringMatching(/disabled/) });
    }
    // Listed as disabled, the profile otherwise kept.
    const listed = await (await fetch(`${second}/api/admin/agents/disabled-agent`, { headers: { authorization: `Bearer ${admin}` } })).json();
    expect(listed).toMatchObject({ id: 'disabled-agent', disabled: true, queues: ['General'] });

    const enabled = await patch(second, '/api/admin/agents/disabled-agent', admin, { disabled: false });
    expect(enabled.status).toBe(200);
    const back = await post(first, '/api/auth/login', undefined, { username: 'disabled-agent', password: 'agent123' });
    expect(back.status).toBe(200);
    const { token } = loginResponseSchema.parse(await back.json());
    expect((await me(second, token)).status).toBe(200);
    const reconnected = await openSocket(second, token);
    reconnected.socket.close();
  });

  it('issue 13 (disable a user without deleting them): a disabled end user cannot sign in and their token ends; a bad flag is a typed 400', async () => {
    const [first, second] = stack.urls as [string, string];
    await stack.addEndUser('disabled-user');
    const token = await stack.login('disabled-user', 'user123', second);
    const admin = await stack.login('admin', 'admin123', first);

    const badFlag = await patch(first, '/api/admin/end-users/disabled-user', admin, { disabled: 'yes' });
    expect(badFlag.status).toBe(400);
    expect(await badFlag.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });

    const disabled = await patch(first, '/api/admin/end-users/disabled-user', admin, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id: 'disabled-user', disabled: true });
    await eventually(async () => expect((await me(second, token)).status).toBe(401), { timeoutMs: 5000 });
    const refused = await post(second, '/api/auth/login', undefined, { username: 'disabled-user', password: 'user123' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });

    expect((await patch(first, '/api/admin/end-users/disabled-user', admin, { disabled: false })).status).toBe(200);
    expect((await post(second, '/api/auth/login', undefined, { username: 'disabled-user', password: 'user123' })).status).toBe(200);
  });

  it('issue 13 (disable a user without deleting them): the OpenAPI document offers `disabled` on PATCH of agents and end users', async () => {
    type PatchBody = { patch: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } };
    const document = (await (await fetch(`${stack.urls[0]}/api/docs-json`)).json()) as { paths: Record<string, PatchBody> };
    for (const path of ['/api/admin/agents/{id}', '/api/admin/end-users/{id}']) {
      expect(document.paths[path]?.patch.requestBody.content['application/json']?.schema.properties['disabled']).toMatchObject({ type: 'boolean' });
    }
  });
});
