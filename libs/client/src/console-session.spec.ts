import { WS_CLOSE_CODES, type LoginResponse, type Principal } from '@switchboard/contracts';
import { endsSignIn, watchSocket } from './console-socket';
import { ConsoleSession, RENEW_BEFORE_MS, RETRY_AFTER_MS, type ConsoleSessionOptions, type SessionEnd } from './console-session';

const START = Date.parse('2026-11-29T12:00:00Z');
const at = (ms: number) => new Date(START + ms).toISOString();
const agent = { id: 'alice', role: 'agent' as const, name: 'Alice Agent' };

const pair = (token: string, expiresInMs: number, principal: Principal = agent): LoginResponse => ({ token, expiresAt: at(expiresInMs), refreshExpiresAt: at(8 * 3600_000), principal });

interface Call {
  path: string;
  headers: Record<string, string>;
  credentials?: string;
  body?: string;
}

/** The gateway as the console sees it: each answer in turn (a status and body, or a network failure). */
function gateway(answers: Array<{ status: number; body?: unknown } | 'down'>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: { headers?: Record<string, string>; credentials?: string; body?: string }) => {
    calls.push({ path: new URL(url, 'http://gateway').pathname, headers: init.headers ?? {}, credentials: init.credentials, body: init.body });
    const answer = answers.shift() ?? 'down';
    if (answer === 'down') throw new TypeError('fetch failed');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

/** A console's clock and timers under the test's hand: nothing waits for real. */
function setup(answers: Array<{ status: number; body?: unknown } | 'down'>, options: Partial<ConsoleSessionOptions> = {}) {
  let now = START;
  const timers = new Map<number, { run: () => void; due: number }>();
  let nextTimer = 1;
  const { calls, fetchFn } = gateway(answers);
  const ends: Array<SessionEnd | undefined> = [];
  const session = new ConsoleSession({
    baseUrl: '',
    console: 'agent',
    fetchFn,
    now: () => now,
    timers: {
      set: (run, delayMs) => {
        timers.set(nextTimer, { run, due: now + delayMs });
        return nextTimer++;
      },
      clear: (timer) => timers.delete(timer as number),
    },
    ...options,
  });
  session.onChange((held, end) => {
    if (!held) ends.push(end);
  });
  return {
    session,
    calls,
    ends,
    timers: () => [...timers.values()].map((timer) => timer.due - START),
    advance: async (ms: number) => {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.due <= now) {
          timers.delete(id);
          timer.run();
        }
      }
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    },
  };
}

describe('ConsoleSession (issue 13: no token in web storage; issue 19: one console session)', () => {
  it('restores the sign-in on page load with the cookie: POST /api/auth/refresh with the console header, same-origin credentials and no body', async () => {
    const t = setup([{ status: 200, body: pair('restored', 15 * 60_000) }]);

    await expect(t.session.restore()).resolves.toEqual(agent);

    expect(t.calls).toEqual([{ path: '/api/auth/refresh', headers: { 'X-Switchboard-Console': 'agent' }, credentials: 'same-origin', body: undefined }]);
    await expect(t.session.token()).resolves.toBe('restored');
    expect(t.session.current()?.principal).toEqual(agent);
  });

  it.each([
    ['no cookie (401 NO_REFRESH_TOKEN)', { status: 401, body: { code: 'NO_REFRESH_TOKEN' } }],
    ['a disabled account (403)', { status: 403, body: { code: 'ACCOUNT_DISABLED' } }],
    ['an unreachable gateway', 'down' as const],
  ])('restores nothing after %s', async (_case, answer) => {
    const t = setup([answer]);

    await expect(t.session.restore()).resolves.toBeUndefined();
    await expect(t.session.token()).resolves.toBe('');
  });

  it('signs in with a password, asking for the cookie; the answer keeps only the access token, in memory', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }]);

    await expect(t.session.signIn('alice', 'agent123')).resolves.toEqual(agent);

    expect(t.calls[0]).toMatchObject({ path: '/api/auth/login', headers: { 'X-Switchboard-Console': 'agent' }, credentials: 'same-origin' });
    expect(t.session.current()).toEqual({ token: 'first', expiresAt: at(15 * 60_000), principal: agent, method: 'password' });
  });

  it('refuses a sign-in of a role the console does not serve, and ends that sign-in at the gateway', async () => {
    const endUser = { id: 'erin', role: 'endUser' as const, name: 'Erin' };
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000, endUser) }, { status: 204 }], { roles: ['agent'], wrongRole: 'Agents only.' });

    await expect(t.session.signIn('erin', 'user123')).rejects.toMatchObject({ code: 'WRONG_ROLE', message: 'WRONG_ROLE: Agents only.' });

    expect(t.calls.map((c) => c.path)).toEqual(['/api/auth/login', '/api/auth/sign-out']);
    expect(t.session.current()).toBeUndefined();
  });

  it('gives the held token while it has more than a minute left, and renews it (one call for concurrent askers) a minute before it lapses', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, { status: 200, body: pair('second', 30 * 60_000) }], { timers: undefined });
    await t.session.restore();
    await t.advance(15 * 60_000 - RENEW_BEFORE_MS - 1);
    await expect(t.session.token()).resolves.toBe('first');

    await t.advance(1);
    const [a, b] = await Promise.all([t.session.token(), t.session.token()]);

    expect([a, b]).toEqual(['second', 'second']);
    expect(t.calls.map((c) => c.path)).toEqual(['/api/auth/refresh', '/api/auth/refresh']);
  });

  it('with timers, renews an idle console a minute before expiry', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, { status: 200, body: pair('second', 30 * 60_000) }]);
    await t.session.restore();
    expect(t.timers()).toEqual([15 * 60_000 - RENEW_BEFORE_MS]);

    await t.advance(15 * 60_000 - RENEW_BEFORE_MS);

    expect(t.session.current()?.token).toBe('second');
    expect(t.timers()).toEqual([30 * 60_000 - RENEW_BEFORE_MS]);
  });

  it('ends the sign-in when the gateway refuses the renewal (signed out elsewhere), with the reason "expired"', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, { status: 401, body: { code: 'UNAUTHORIZED' } }]);
    await t.session.restore();

    await t.advance(15 * 60_000 - RENEW_BEFORE_MS);

    await expect(t.session.token()).resolves.toBe('');
    expect(t.ends).toEqual(['expired']);
    expect(t.timers()).toEqual([]);
  });

  it('keeps the token while the gateway does not answer and tries again; ends it once the token lapsed unrenewed', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, 'down', 'down']);
    await t.session.restore();

    await t.advance(15 * 60_000 - RENEW_BEFORE_MS);
    expect(t.session.current()?.token).toBe('first');
    expect(t.timers()).toEqual([15 * 60_000 - RENEW_BEFORE_MS + RETRY_AFTER_MS]);

    await t.advance(RENEW_BEFORE_MS);
    await expect(t.session.token()).resolves.toBe('');
    expect(t.ends).toEqual(['expired']);
  });

  it('signs out of this sign-in only (POST /api/auth/sign-out with the cookie), and everywhere with the bearer token', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, { status: 204 }, { status: 200, body: pair('again', 15 * 60_000) }, { status: 204 }]);
    await t.session.restore();
    await t.session.signOut();
    expect(t.calls[1]).toEqual({ path: '/api/auth/sign-out', headers: { 'X-Switchboard-Console': 'agent' }, credentials: 'same-origin', body: undefined });
    expect(t.session.current()).toBeUndefined();

    await t.session.restore();
    await t.session.signOutEverywhere();
    expect(t.calls[3]).toMatchObject({ path: '/api/auth/sign-out-everywhere', headers: { 'X-Switchboard-Console': 'agent', authorization: 'Bearer again' } });
    expect(t.ends).toEqual(['signedOut', 'signedOut']);
  });

  it('signing out stands when the gateway cannot be reached', async () => {
    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }, 'down']);
    await t.session.restore();

    await expect(t.session.signOut()).resolves.toBeUndefined();
    expect(t.session.current()).toBeUndefined();
  });

  it('the WebSocket close codes that end a sign-in come from the contracts; a watched socket closed for good with one ends the sign-in', async () => {
    expect(endsSignIn(WS_CLOSE_CODES.UNAUTHORIZED)).toBe(true);
    expect(endsSignIn(WS_CLOSE_CODES.TOKEN_EXPIRED)).toBe(true);
    expect(endsSignIn(WS_CLOSE_CODES.GOING_AWAY)).toBe(false);
    expect(endsSignIn(WS_CLOSE_CODES.RATE_LIMIT_ABUSE)).toBe(false);

    const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }]);
    await t.session.restore();
    let onDisconnected: (event: { code: number; reason: string; willReconnect: boolean }) => void = () => undefined;
    watchSocket(t.session, { on: (_event, listener) => ((onDisconnected = listener), () => undefined) });
    onDisconnected({ code: WS_CLOSE_CODES.TOKEN_EXPIRED, reason: 'expired', willReconnect: true });
    expect(t.session.current()).toBeDefined();
    onDisconnected({ code: WS_CLOSE_CODES.UNAUTHORIZED, reason: 'session revoked', willReconnect: false });
    expect(t.session.current()).toBeUndefined();
    expect(t.ends).toEqual(['expired']);
  });

  it('holds nothing in web storage', async () => {
    const stored: string[] = [];
    const storage = { setItem: (k: string) => void stored.push(k) };
    Object.assign(globalThis, { localStorage: storage, sessionStorage: storage });
    try {
      const t = setup([{ status: 200, body: pair('first', 15 * 60_000) }]);
      await t.session.signIn('alice', 'agent123');
      expect(stored).toEqual([]);
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
      Reflect.deleteProperty(globalThis, 'sessionStorage');
    }
  });
});
