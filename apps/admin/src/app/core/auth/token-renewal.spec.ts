import type { LoginResponse } from '@switchboard/contracts';
import { RENEW_BEFORE_MS, RETRY_AFTER_MS, TokenRenewal, type HeldTokens, type RefreshAnswer } from './token-renewal';

const START = Date.parse('2026-11-29T12:00:00Z');
const at = (ms: number) => new Date(START + ms).toISOString();
const principal = { id: 'admin', role: 'admin' as const, name: 'Ada Admin' };

/** A console's clock, timers and gateway under the test's hand: nothing waits for real. */
function setup(held: HeldTokens | null, answers: RefreshAnswer[] = []) {
  let now = START;
  let current = held;
  const timers = new Map<number, { run: () => void; due: number }>();
  let nextTimer = 1;
  const refreshed: string[] = [];
  const ended = jest.fn(() => (current = null));
  const renewal = new TokenRenewal({
    now: () => now,
    read: () => current,
    refresh: async (refreshToken) => {
      refreshed.push(refreshToken);
      return answers.shift() ?? { kind: 'unreachable' };
    },
    renewed: (session) => (current = session),
    ended,
    setTimer: (run, delayMs) => {
      timers.set(nextTimer, { run, due: now + delayMs });
      return nextTimer++;
    },
    clearTimer: (timer) => timers.delete(timer as number),
  });
  return {
    renewal,
    refreshed,
    ended,
    held: () => current,
    timers: () => [...timers.values()].map((timer) => timer.due - START),
    /** Moves the clock and runs the timers that fall due, as the browser would. */
    advance: async (ms: number) => {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.due <= now) {
          timers.delete(id);
          timer.run();
        }
      }
      // Let the renewal the timers started settle (it awaits only the stubbed gateway).
      for (let turn = 0; turn < 10; turn++) await Promise.resolve();
    },
  };
}

const pair = (token: string, expiresInMs: number): LoginResponse => ({
  token,
  expiresAt: at(expiresInMs),
  refreshToken: `refresh-${token}`,
  refreshExpiresAt: at(8 * 3600_000),
  principal,
});

describe('TokenRenewal (issue 13: the admin console renews its access token)', () => {
  it('sends the held token while it has more than a minute left, without asking the gateway', async () => {
    const { renewal, refreshed } = setup(pair('first', 15 * 60_000));

    await expect(renewal.token()).resolves.toBe('first');
    expect(refreshed).toEqual([]);
  });

  it('renews with the refresh token a minute before the access token lapses and keeps the new pair', async () => {
    const t = setup(pair('first', 15 * 60_000), [{ kind: 'renewed', session: pair('second', 30 * 60_000) }]);
    await t.advance(15 * 60_000 - RENEW_BEFORE_MS);

    await expect(t.renewal.token()).resolves.toBe('second');
    expect(t.refreshed).toEqual(['refresh-first']);
    expect(t.held()?.token).toBe('second');
  });

  it('renews an access token that lapsed while the refresh token still holds (a console reopened later)', async () => {
    const t = setup(pair('first', 15 * 60_000), [{ kind: 'renewed', session: pair('second', 60 * 60_000) }]);
    await t.advance(40 * 60_000);

    await expect(t.renewal.token()).resolves.toBe('second');
  });

  it('asks the gateway once when several calls need a renewal at the same time', async () => {
    const t = setup(pair('first', 30_000), [{ kind: 'renewed', session: pair('second', 15 * 60_000) }]);

    const tokens = await Promise.all([t.renewal.token(), t.renewal.token(), t.renewal.token()]);

    expect(tokens).toEqual(['second', 'second', 'second']);
    expect(t.refreshed).toHaveLength(1);
  });

  it('the timer renews an idle console before expiry, and is armed again for the new token', async () => {
    const t = setup(pair('first', 15 * 60_000), [{ kind: 'renewed', session: pair('second', 30 * 60_000) }]);
    t.renewal.schedule();
    expect(t.timers()).toEqual([15 * 60_000 - RENEW_BEFORE_MS]);

    await t.advance(15 * 60_000 - RENEW_BEFORE_MS - 1);
    expect(t.refreshed).toEqual([]);
    await t.advance(1);

    expect(t.refreshed).toEqual(['refresh-first']);
    expect(t.held()?.token).toBe('second');
    expect(t.timers()).toEqual([30 * 60_000 - RENEW_BEFORE_MS]);
  });

  it('ends the sign-in when the gateway refuses the renewal (sessions ended), so the console goes to sign-in', async () => {
    const t = setup(pair('first', 30_000), [{ kind: 'refused' }]);

    await expect(t.renewal.token()).resolves.toBeNull();
    expect(t.ended).toHaveBeenCalledTimes(1);
    expect(t.timers()).toEqual([]);
  });

  it('keeps the still-valid token when the gateway does not answer, and tries again shortly', async () => {
    const t = setup(pair('first', 50_000), [{ kind: 'unreachable' }, { kind: 'renewed', session: pair('second', 15 * 60_000) }]);

    await expect(t.renewal.token()).resolves.toBe('first');
    expect(t.ended).not.toHaveBeenCalled();
    expect(t.timers()).toEqual([RETRY_AFTER_MS]);

    await t.advance(RETRY_AFTER_MS);
    expect(t.held()?.token).toBe('second');
  });

  it('ends the sign-in when the access token has lapsed and the gateway does not answer', async () => {
    const t = setup(pair('first', 15 * 60_000), [{ kind: 'unreachable' }]);
    await t.advance(16 * 60_000);

    await expect(t.renewal.token()).resolves.toBeNull();
    expect(t.ended).toHaveBeenCalledTimes(1);
  });

  it('without a refresh token, sends the token until it lapses, then ends the sign-in', async () => {
    const t = setup({ token: 'only', expiresAt: at(30_000) });

    await expect(t.renewal.token()).resolves.toBe('only');
    await t.advance(30_000);
    await expect(t.renewal.token()).resolves.toBeNull();
    expect(t.ended).toHaveBeenCalledTimes(1);
  });

  it('ends the sign-in once the refresh token has lapsed too', async () => {
    const t = setup({ ...pair('first', 15 * 60_000), refreshExpiresAt: at(20 * 60_000) });
    await t.advance(21 * 60_000);

    await expect(t.renewal.token()).resolves.toBeNull();
    expect(t.refreshed).toEqual([]);
  });

  it('gives null and asks nothing when signed out', async () => {
    const t = setup(null);

    await expect(t.renewal.token()).resolves.toBeNull();
    expect(t.ended).not.toHaveBeenCalled();
  });
});
