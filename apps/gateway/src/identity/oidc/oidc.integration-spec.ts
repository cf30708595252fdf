import { loginResponseSchema, principalSchema } from '@switchboard/contracts';
import { signInThroughProvider, startCompanyProvider, testInfra, uniqueDatabase, type CompanyProvider } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { startGatewayInProcess, type InProcessGateway } from '../../testing/gateway-in-process';

describe('issue 13: sign-in through the company\'s OpenID Connect provider (a real provider, authorization code with PKCE)', () => {
  const database = uniqueDatabase('gw_oidc');
  let provider: CompanyProvider;
  let gateway: InProcessGateway;
  let url: string;

  beforeAll(async () => {
    provider = await startCompanyProvider({
      postLogoutPaths: ['/admin/'],
      accounts: {
        ada: { name: 'Ada Admin', switchboard_role: 'admin' },
        sam: { name: 'Sam Supervisor', switchboard_role: 'supervisor' },
        alice: { name: 'Alice Agent', switchboard_role: ['agent'] },
        nobody: { name: 'No Profile', switchboard_role: 'agent' },
        dora: { name: 'Dora Disabled', switchboard_role: 'agent' },
        erin: { name: 'Erin User', switchboard_role: 'endUser' },
        guest: { name: 'Guest', switchboard_role: 'visitor' },
      },
    });
    url = provider.gatewayUrl;
    const db = await mongoose.createConnection(database.uri).asPromise();
    await db.collection('agents').insertOne({ _id: 'alice' as never, displayName: 'Alice Agent', queues: ['General'], companies: ['acme'], cap: 0 });
    // Issue 16: a supervisor is an agent whose profile lists the queues they supervise.
    await db.collection('agents').insertOne({ _id: 'sam' as never, displayName: 'Sam Supervisor', queues: ['General'], companies: ['acme'], cap: 0, supervisedQueues: ['General'] });
    await db.collection('agents').insertOne({ _id: 'dora' as never, displayName: 'Dora Disabled', queues: ['General'], companies: ['acme'], cap: 0, disabled: true });
    await db.close();
    gateway = await startGatewayInProcess({
      NATS_URL: testInfra().natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: database.name,
      NATS_SUBJECT_PREFIX: `t${randomBytes(4).toString('hex')}`,
      NODE_ENV: 'test',
      AUTH_MODE: 'oidc',
      AUTH_TOKEN_SECRET: 'an-oidc-test-secret-0123456789abcdef0123',
      ...provider.gatewayEnv,
    });
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    await provider?.stop();
    const db = await mongoose.createConnection(database.uri).asPromise();
    await db.dropDatabase();
    await db.close();
  });

  /**
   * A browser's sign-in through the provider for a console (`returnTo` under
   * /admin/, /agent/ or /widget/): the landing address, and the sign-in
   * cookie the callback set (no token travels in the address any more).
   */
  const signIn = async (returnTo: string, login: string): Promise<{ landed: URL; setCookie: string[]; cookie: string }> => {
    const start = await fetch(`${url}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    const flowCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const callback = await signInThroughProvider(start.headers.get('location')!, login, (u) => u.pathname === '/api/auth/oidc/callback');
    const res = await fetch(callback, { redirect: 'manual', headers: { cookie: flowCookie } });
    if (res.status !== 302) throw new Error(`${callback.href} answered ${res.status}: ${await res.text()}`);
    const setCookie = res.headers.getSetCookie().filter((line) => line.startsWith('sb_refresh_'));
    return { landed: new URL(res.headers.get('location')!, url), setCookie, cookie: setCookie[0]?.split(';')[0] ?? '' };
  };
  /** What the console does on landing: buys its access token with the cookie. */
  const restore = async (cookie: string, consoleName: string) => {
    const res = await fetch(`${url}/api/auth/refresh`, { method: 'POST', headers: { cookie, origin: url, 'x-switchboard-console': consoleName } });
    expect(res.status).toBe(200);
    return loginResponseSchema.parse(await res.json());
  };
  const me = async (token: string) => {
    const res = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return principalSchema.parse(await res.json());
  };

  it('issue 13 (OIDC for admins and supervisors): an administrator signs in to the admin console with a Switchboard session of role admin; a supervisor (issue 16) to the agent console as an agent', async () => {
    const { landed, cookie, setCookie } = await signIn('/admin/', 'ada');
    expect(landed.href).toBe(`${url}/admin/`);
    expect(setCookie.join('\n')).toMatch(/^sb_refresh_admin=.*HttpOnly/im);
    const restored = await restore(cookie, 'admin');
    expect(restored).toMatchObject({ principal: { id: 'ada', role: 'admin', name: 'Ada Admin' }, method: 'oidc' });
    expect(restored.refreshToken).toBeUndefined();
    expect(await me(restored.token)).toEqual({ id: 'ada', role: 'admin', name: 'Ada Admin' });
    expect(await (await fetch(`${url}/api/auth/methods`)).json()).toEqual({ password: false, oidc: true });
    // Issue 16: the supervisor role claim signs in as an agent (supervised queues come from the profile), never as an administrator.
    const supervisor = await signIn('/agent/', 'sam');
    expect(await me((await restore(supervisor.cookie, 'agent')).token)).toMatchObject({ id: 'sam', role: 'agent' });
  });

  it('issue 13 (OIDC for agents, queues from the agent profile): an agent with a profile signs in and opens a WebSocket; one without a profile is refused 403 NO_AGENT_PROFILE', async () => {
    const { cookie } = await signIn('/agent/', 'alice');
    const { token } = await restore(cookie, 'agent');
    expect(await me(token)).toEqual({ id: 'alice', role: 'agent', name: 'Alice Agent' });
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
    const hello = await new Promise<{ type: string }>((resolve, reject) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data))));
      socket.once('close', (code) => reject(new Error(`closed ${code}`)));
    });
    expect(hello.type).toBe('hello');
    socket.close();
    await expect(signIn('/agent/', 'nobody')).rejects.toThrow(/403[\s\S]*NO_AGENT_PROFILE/);
  });

  it('issue 13 (disable a user without deleting them): an agent an administrator disabled is refused at the provider callback with 403 ACCOUNT_DISABLED', async () => {
    await expect(signIn('/agent/', 'dora')).rejects.toThrow(/403[\s\S]*ACCOUNT_DISABLED/);
  });

  it('issue 13 (OIDC for end users): an end user signs in to the widget; an account without a Switchboard role is refused 403 OIDC_NO_ROLE', async () => {
    const { cookie } = await signIn('/widget/', 'erin');
    expect(await me((await restore(cookie, 'widget')).token)).toMatchObject({ id: 'erin', role: 'endUser' });
    await expect(signIn('/widget/', 'guest')).rejects.toThrow(/403[\s\S]*OIDC_NO_ROLE/);
  });

  it('issue 13 (OIDC token refresh): the sign-in from the provider is an HttpOnly cookie of the console, refreshed at /api/auth/refresh, and no token is in the address', async () => {
    const { landed, cookie } = await signIn('/agent/', 'alice');
    expect(landed.hash).toBe('');
    expect(landed.search).toBe('');
    const first = await restore(cookie, 'agent');
    const again = await restore(cookie, 'agent');
    expect(await me(again.token)).toMatchObject({ id: 'alice' });
    expect(first.method).toBe('oidc');
  });

  it('issue 13: a callback without the flow cookie, or with a forged state, is refused; returnTo never leaves the site', async () => {
    const noCookie = await fetch(`${url}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    expect(await noCookie.json()).toMatchObject({ code: 'OIDC_FLOW_EXPIRED' });

    const start = await fetch(`${url}/api/auth/oidc/login?returnTo=//evil.example/`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(start.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    const forged = await fetch(`${url}/api/auth/oidc/callback?code=x&state=forged`, { redirect: 'manual', headers: { cookie } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'OIDC_SIGN_IN_FAILED' });

    // Stop at the first page that is neither the provider nor the gateway's API (wherever it is).
    const landed = await signInThroughProvider(`${url}/api/auth/oidc/login?returnTo=//evil.example/`, 'ada', (u) => u.origin !== provider.issuer && !u.pathname.startsWith('/api/'));
    expect(landed.origin).toBe(url);
    expect(landed.pathname).toBe('/admin/');
  });

  it('issue 13 (OIDC logout): logout sends the browser to the provider\'s end-session page, which brings it back to the console', async () => {
    const res = await fetch(`${url}/api/auth/oidc/logout?returnTo=/admin/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/admin/`);
  });
});
