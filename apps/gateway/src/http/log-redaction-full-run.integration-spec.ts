import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SwitchboardClient } from '@switchboard/client';
import { createSubjects, type Subjects } from '@switchboard/contracts';
import { requestJson } from '@switchboard/service-kit';
import { eventually, opsHeaders, startService, TEST_OPS_TOKEN, testInfra, uniqueDatabase, type ServiceProcess } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { z } from 'zod';

/** What a sign-in or refresh hands out: the tokens in the body, and any cookie set. */
interface Issued {
  token: string;
  refreshToken?: string;
  cookies: string[];
}

const tokensSchema = z.object({ token: z.string(), refreshToken: z.string().optional() });

/** `name=value` of each Set-Cookie of a response. */
const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** A raw socket with these headers: its first frame, then closed. */
async function firstFrame(url: string, headers: Record<string, string> = {}, send?: string[]): Promise<Array<Record<string, unknown>>> {
  const ws = new WebSocket(url, { headers });
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  const closed = new Promise((r) => ws.once('close', r));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await eventually(() => expect(frames.length).toBeGreaterThan(0));
  for (const frame of send ?? []) ws.send(frame);
  await eventually(() => expect(frames.length).toBeGreaterThan(send?.length ?? 0));
  ws.close();
  await closed;
  return frames;
}

/**
 * Issue 13: logs redact tokens, cookies and passwords everywhere. Every
 * service runs as an OS process exactly as `npm start` runs it, at debug
 * level, with its stdout and stderr captured: the gateway, a chat-actor and
 * the router. An administrator, an agent and an end user sign in with
 * passwords (the administrator also as the admin console does, with its
 * refresh cookie), use their tokens on REST and the WebSocket, refresh them, and
 * provoke errors (bad tokens, refused commands and frames, malformed NATS
 * requests, a NATS request with nobody to answer it); then every line every
 * service printed is searched for each token issued, each password used and
 * each cookie value sent or set.
 */
describe('no credential in the logs of a full run (issue 13)', () => {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const subjects: Subjects = createSubjects(prefix);
  const database = uniqueDatabase('gw_logs');
  const processes: ServiceProcess[] = [];
  const clients: SwitchboardClient[] = [];
  let gateway: ServiceProcess;
  let chatActor: ServiceProcess;
  let nc: NatsConnection;

  const env = () => ({
    NATS_URL: testInfra().natsUrl,
    MONGODB_URI: testInfra().mongoUri,
    MONGODB_DB: database.name,
    NATS_SUBJECT_PREFIX: prefix,
    CHAT_PARTITIONS: '4',
    LOG_LEVEL: 'debug',
  });

  beforeAll(async () => {
    // The gateway seeds the demo data (the development identity, an explicit opt-in) before the others read it.
    gateway = await startService('gateway', { ...env(), SEED_DEMO_DATA: 'true', AUTH_MODE: 'development', INSTANCE_ID: 'gateway-logs' });
    chatActor = await startService('chat-actor', { ...env(), INSTANCE_ID: 'chat-actor-logs' });
    const router = await startService('router', { ...env(), INSTANCE_ID: 'router-logs' });
    processes.push(gateway, chatActor, router);
    nc = await connect({ servers: testInfra().natsUrl });
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(processes.map((p) => p.stop()));
    await nc?.close();
  });

  it('issue 13: no token, refresh token, password or cookie value appears in the output of any service', async () => {
    const secrets = new Set<string>([TEST_OPS_TOKEN]);
    const remember = (issued: Issued) => {
      for (const value of [issued.token, issued.refreshToken, ...issued.cookies.map((c) => c.slice(c.indexOf('=') + 1))]) {
        if (!value) continue;
        secrets.add(value);
        // A JWT's signature alone is enough to tell it was logged (and the rest might be cut).
        if (value.split('.').length === 3) secrets.add(value.split('.')[2]!);
      }
    };
    const api = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
    const cookie = `sid=cookie-secret-${randomBytes(6).toString('hex')}`;
    secrets.add(cookie.slice(4));

    const signIn = async (username: string, password: string, headers: Record<string, string> = {}): Promise<Issued> => {
      secrets.add(password);
      const res = await api('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ username, password }) });
      expect(res.status).toBe(200);
      const issued = { ...tokensSchema.parse(await res.json()), cookies: setCookies(res) };
      remember(issued);
      return issued;
    };
    const admin = await signIn('admin', 'admin123');
    const agent = await signIn('alice', 'agent123');
    const endUser = await signIn('erin', 'user123');
    // A console signs in as a browser does: its refresh token comes as an HttpOnly cookie, which it sends back to refresh.
    const asConsole = { 'x-switchboard-console': 'admin', origin: gateway.url };
    const adminConsole = await signIn('admin', 'admin123', asConsole);
    expect(adminConsole.cookies.length).toBeGreaterThan(0);
    const renewed = await api('/api/auth/refresh', { method: 'POST', headers: { ...asConsole, cookie: adminConsole.cookies.join('; ') } });
    expect(renewed.status).toBe(200);
    remember({ ...tokensSchema.parse(await renewed.json()), cookies: setCookies(renewed) });
    const wrongPassword = `not-erins-password-${randomBytes(4).toString('hex')}`;
    secrets.add(wrongPassword);
    expect((await api('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'erin', password: wrongPassword }) })).status).toBe(401);
    // A login body that is not valid carries a password too.
    expect((await api('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'erin', password: wrongPassword, extra: 1 }) })).status).toBe(400);

    // Refresh: the refresh token in the body (non-browser client) and any cookie the gateway set.
    for (const issued of [admin, agent]) {
      const headers: Record<string, string> = { 'content-type': 'application/json', cookie: [cookie, ...issued.cookies].join('; ') };
      const res = await api('/api/auth/refresh', { method: 'POST', headers, body: JSON.stringify(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}) });
      expect(res.status).toBe(200);
      remember({ ...tokensSchema.parse(await res.json()), cookies: setCookies(res) });
    }
    expect((await api('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: `${agent.token}x` }) })).status).toBe(401);

    // REST with the tokens, right and wrong.
    const bearer = (t: string) => ({ authorization: `Bearer ${t}`, cookie });
    expect((await api('/api/auth/me', { headers: bearer(endUser.token) })).status).toBe(200);
    expect((await api('/api/admin/agents', { headers: bearer(admin.token) })).status).toBe(200);
    expect((await api('/api/admin/agents', { headers: bearer(agent.token) })).status).toBe(403);
    expect((await api('/api/admin/agents', { headers: bearer(`${admin.token.slice(0, -4)}AAAA`) })).status).toBe(401);
    expect((await api(`/api/admin/agents?token=${admin.token}`)).status).toBe(401);
    expect((await api('/api/admin/no-such-thing', { headers: bearer(admin.token) })).status).toBe(404);
    const badBody = await api('/api/admin/agents', { method: 'POST', headers: { ...bearer(admin.token), 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x', password: wrongPassword, token: agent.token }) });
    expect(badBody.status).toBe(400);
    expect((await api('/api/diagnostics/round-trip/router', { headers: bearer(admin.token) })).status).toBe(200);
    expect((await api('/diagnostics/process', { headers: { ...opsHeaders, cookie } })).status).toBe(200);

    // The WebSocket: real clients, refused commands and frames, bad tokens.
    const ws = `${gateway.url.replace(/^http/, 'ws')}/ws`;
    const client = async (token: string) => {
      const c = new SwitchboardClient({ url: ws, token, WebSocket: WebSocket as never, requestTimeoutMs: 20_000 });
      await c.connect();
      clients.push(c);
      return c;
    };
    const user = await client(endUser.token);
    const alice = await client(agent.token);
    const sessionId = (await user.startSession('logs are clean', 'vpn')).session.sessionId;
    await alice.accept(sessionId);
    await user.post(sessionId, 'hello');
    await expect(user.accept(sessionId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const refusedFrames = await firstFrame(`${ws}?token=${endUser.token}`, { cookie }, [
      JSON.stringify({ type: 'no.such.command', clientId: 'c-logs-0001', token: endUser.token, password: 'user123' }),
      JSON.stringify({ type: 'session.post', clientId: 'c-logs-0002', sessionId, text: 'x', refreshToken: endUser.refreshToken ?? 'none' }),
      `not json ${endUser.token}`,
    ]);
    expect(refusedFrames[0]).toMatchObject({ type: 'hello' });
    expect(await firstFrame(`${ws}?token=${endUser.token}x`)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'UNAUTHORIZED' }) })]);
    expect(await firstFrame(ws, { authorization: `Bearer ${admin.token}`, cookie })).toEqual([expect.objectContaining({ type: 'hello' })]);

    // NATS: requests that do not match their contract carry credentials, and a request nobody answers.
    const malformed = await requestJson(nc, subjects.chatCommand(0), { type: 'session.post', token: agent.token, password: 'agent123' }, z.unknown());
    expect(malformed).toMatchObject({ ok: false });
    nc.publish(subjects.chatCommand(1), `{"token":"${agent.token}"`);
    await chatActor.stop();
    await expect(user.post(sessionId, 'nobody there')).rejects.toMatchObject({ code: expect.stringMatching(/UNAVAILABLE|TIMEOUT/) });
    expect((await api('/api/diagnostics/round-trip/chat-actor', { headers: bearer(admin.token) })).status).toBeGreaterThanOrEqual(500);

    // The requests above are logged by now (the gateway logs each answer before the next request is made).
    await eventually(() => expect(gateway.logs.some((l) => l.includes('/api/admin/agents'))).toBe(true));
    const leaks: string[] = [];
    for (const proc of processes) {
      expect(proc.logs.length).toBeGreaterThan(0);
      for (const line of proc.logs) {
        for (const secret of secrets) if (line.includes(secret)) leaks.push(`${proc.app}: ${secret.slice(0, 12)}… in ${line.slice(0, 300)}`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan read real entries: the requests with credentials were logged, the credentials censored.
    expect(gateway.logs.some((l) => l.includes('/api/admin/agents') && l.includes('"authorization":"[Redacted]"'))).toBe(true);
  }, 120_000);
});
