import { loginResponseSchema, type LoginResponse } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/** The sign-in cookie of one Set-Cookie line, and its attributes in lower case. */
function parseSetCookie(line: string): { name: string; value: string; attributes: Map<string, string> } {
  const [pair, ...rest] = line.split(';');
  const [name, ...value] = pair!.split('=');
  const attributes = new Map(rest.map((part) => {
    const [key, ...v] = part.trim().split('=');
    return [key!.toLowerCase(), v.join('=')] as [string, string];
  }));
  return { name: name!.trim(), value: value.join('='), attributes };
}

describe('issue 13: no token in web storage — the refresh token is an HttpOnly cookie of the console (real NATS, two gateways)', () => {
  let stack: RealtimeStack;

  beforeAll(async () => {
    stack = await new RealtimeStack({ gateways: 2 }).start();
    await stack.addAgent('cookie-agent', { queues: ['General'] });
  }, 120_000);

  afterAll(() => stack?.stop());

  /** A console's call: its header, the page's own Origin, and the cookie the browser holds for the path. */
  const consoleCall = (url: string, path: string, options: { cookie?: string; origin?: string | null; console?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        ...(options.console !== undefined ? { 'x-switchboard-console': options.console } : { 'x-switchboard-console': 'agent' }),
        ...(options.origin === null ? {} : { origin: options.origin ?? url }),
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
  const signIn = async (url: string) => {
    const res = await consoleCall(url, '/api/auth/login', { body: { username: 'cookie-agent', password: 'agent123' } });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map(parseSetCookie);
    return { answer: loginResponseSchema.parse(await res.json()), cookies, cookie: `${cookies[0]!.name}=${cookies[0]!.value}` };
  };
  const me = (url: string, token: string) => fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

  it('issue 13 (tokens in localStorage): sign-in sets the refresh token as an HttpOnly, SameSite=Strict cookie on the refresh and sign-out paths only, and the answer carries no refresh token', async () => {
    const [url] = stack.urls as [string];
    const { answer, cookies } = await signIn(url);

    expect(answer.refreshToken).toBeUndefined();
    expect(answer.token).toBeTruthy();
    expect(cookies.map((c) => [c.name, c.attributes.get('path')])).toEqual([
      ['sb_refresh_agent', '/api/auth/refresh'],
      ['sb_refresh_agent', '/api/auth/sign-out'],
    ]);
    for (const cookie of cookies) {
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.get('samesite')).toBe('Strict');
      // Plain http in the test: Secure only over https (AUTH_COOKIE_SECURE=auto).
      expect(cookie.attributes.has('secure')).toBe(false);
      expect(Date.parse(cookie.attributes.get('expires')!)).toBeCloseTo(Date.parse(answer.refreshExpiresAt!), -4);
      expect(cookie.value.split('.')).toHaveLength(3);
    }
  });

  it('issue 13: the cookie is Secure when the request came over https (X-Forwarded-Proto believed from a proxy TRUST_PROXY names), or always with AUTH_COOKIE_SECURE=always', async () => {
    const login = (url: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'x-switchboard-console': 'agent', origin: url, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'cookie-agent', password: 'agent123' }),
      });
    const secure = (res: Response) => res.headers.getSetCookie().map((line) => /;\s*secure/i.test(line));
    const [plain] = stack.urls as [string];
    // Not behind a trusted proxy: the header is anyone's, not believed.
    expect(secure(await login(plain, { 'x-forwarded-proto': 'https' }))).toEqual([false, false]);

    const behindProxy = await stack.startGateway({ TRUST_PROXY: 'loopback' });
    const always = await stack.startGateway({ AUTH_COOKIE_SECURE: 'always' });
    try {
      expect(secure(await login(behindProxy.url, { 'x-forwarded-proto': 'https' }))).toEqual([true, true]);
      expect(secure(await login(behindProxy.url))).toEqual([false, false]);
      expect(secure(await login(always.url))).toEqual([true, true]);
    } finally {
      await behindProxy.close();
      await always.close();
    }
  }, 60_000);

  it('issue 13: refresh with the cookie buys a new access token (and a new cookie) on any gateway; the renewed cookie works too', async () => {
    const [first, second] = stack.urls as [string, string];
    const { cookie } = await signIn(first);

    const res = await consoleCall(second, '/api/auth/refresh', { cookie });
    expect(res.status).toBe(200);
    const renewed: LoginResponse = loginResponseSchema.parse(await res.json());
    expect(renewed.refreshToken).toBeUndefined();
    expect(renewed.principal).toMatchObject({ id: 'cookie-agent', role: 'agent' });
    expect((await me(second, renewed.token)).status).toBe(200);
    const next = res.headers.getSetCookie().map(parseSetCookie);
    expect(next.map((c) => c.attributes.get('path'))).toEqual(['/api/auth/refresh', '/api/auth/sign-out']);
    expect((await consoleCall(first, '/api/auth/refresh', { cookie: `sb_refresh_agent=${next[0]!.value}` })).status).toBe(200);
  });

  it.each([
    ['without the cookie', { cookie: undefined }, 401, 'NO_REFRESH_TOKEN'],
    ['from a foreign Origin', { origin: 'https://evil.example' }, 403, 'ORIGIN_NOT_ALLOWED'],
    ['with the cookie but no Origin', { origin: null }, 403, 'ORIGIN_NOT_ALLOWED'],
    ['naming an unknown console', { console: 'intruder' }, 403, 'BAD_CONSOLE'],
    ['with the cookie of another console', { console: 'widget' }, 401, 'NO_REFRESH_TOKEN'],
  ] as const)('issue 13: refresh %s is refused with a typed error', async (_case, options, status, code) => {
    const [url] = stack.urls as [string];
    const { cookie } = await signIn(url);

    const res = await consoleCall(url, '/api/auth/refresh', { cookie, ...options });

    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code, message: expect.any(String) });
  });

  it('issue 13: a non-browser client (no console header) keeps the body form: the refresh token in the answer, {refreshToken} to refresh, no cookie', async () => {
    const [url] = stack.urls as [string];
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cookie-agent', password: 'agent123' }) });
    const answer = loginResponseSchema.parse(await login.json());
    expect(login.headers.getSetCookie()).toEqual([]);
    expect(answer.refreshToken).toBeTruthy();

    const res = await fetch(`${url}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: answer.refreshToken }) });
    expect(res.status).toBe(200);
    expect(loginResponseSchema.parse(await res.json()).refreshToken).toBeTruthy();
    const empty = await fetch(`${url}/api/auth/refresh`, { method: 'POST' });
    expect(empty.status).toBe(401);
    expect(await empty.json()).toMatchObject({ code: 'NO_REFRESH_TOKEN' });
  });

  it('issue 13 (single sign-out): POST /api/auth/sign-out ends that sign-in on every gateway and clears its cookie; another sign-in of the same person keeps working', async () => {
    const [first, second] = stack.urls as [string, string];
    const laptop = await signIn(first);
    const phone = await signIn(second);
    // The laptop renewed once: the sign-out must end the renewed cookie and the first one alike.
    const renewedRes = await consoleCall(first, '/api/auth/refresh', { cookie: laptop.cookie });
    const renewed = loginResponseSchema.parse(await renewedRes.json());

    const out = await consoleCall(first, '/api/auth/sign-out', { cookie: laptop.cookie });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().map(parseSetCookie);
    expect(cleared.map((c) => [c.name, c.value, c.attributes.get('path')])).toEqual([
      ['sb_refresh_agent', '', '/api/auth/refresh'],
      ['sb_refresh_agent', '', '/api/auth/sign-out'],
    ]);
    expect(Date.parse(cleared[0]!.attributes.get('expires')!)).toBeLessThan(Date.now());

    // On the other gateway too, within the time NATS takes to deliver it.
    await eventually(async () => expect((await consoleCall(second, '/api/auth/refresh', { cookie: laptop.cookie })).status).toBe(401), { timeoutMs: 5000 });
    expect(await (await consoleCall(second, '/api/auth/refresh', { cookie: laptop.cookie })).json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/ended/) });
    await eventually(async () => expect((await me(second, renewed.token)).status).toBe(401), { timeoutMs: 5000 });
    expect((await me(first, laptop.answer.token)).status).toBe(401);

    // The phone's sign-in is untouched.
    expect((await me(first, phone.answer.token)).status).toBe(200);
    expect((await consoleCall(first, '/api/auth/refresh', { cookie: phone.cookie })).status).toBe(200);
  });

  it('issue 13: sign-out without a cookie or from a foreign Origin is refused with a typed error; sign-out everywhere still ends every sign-in', async () => {
    const [first, second] = stack.urls as [string, string];
    const laptop = await signIn(first);
    const phone = await signIn(second);

    const none = await consoleCall(first, '/api/auth/sign-out');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'NO_REFRESH_TOKEN' });
    const foreign = await consoleCall(first, '/api/auth/sign-out', { cookie: laptop.cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect((await consoleCall(first, '/api/auth/refresh', { cookie: laptop.cookie })).status).toBe(200);

    const everywhere = await fetch(`${first}/api/auth/sign-out-everywhere`, { method: 'POST', headers: { authorization: `Bearer ${laptop.answer.token}`, 'x-switchboard-console': 'agent', origin: first } });
    expect(everywhere.status).toBe(204);
    expect(everywhere.headers.getSetCookie().some((line) => line.startsWith('sb_refresh_agent=;'))).toBe(true);
    await eventually(async () => expect((await consoleCall(second, '/api/auth/refresh', { cookie: phone.cookie })).status).toBe(401), { timeoutMs: 5000 });
  });
});
