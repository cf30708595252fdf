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
});
