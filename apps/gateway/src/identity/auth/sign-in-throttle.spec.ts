import { FAILURES_ALLOWED, LocalSignInThrottle, PER_ADDRESS, REFILL_MS } from './sign-in-throttle';

describe('sign-in throttle', () => {
  let now = 0;
  const throttle = () => new LocalSignInThrottle(() => now);
  const home = '198.51.100.7';
  const stranger = '203.0.113.66';
  beforeEach(() => (now = 1_000_000));

  it(`R19 allows ${FAILURES_ALLOWED} failed sign-ins of one username from one address, then makes it wait for the next attempt`, () => {
    const t = throttle();
    for (let i = 0; i < FAILURES_ALLOWED; i++) {
      expect(t.waitFor('alice', home)).toBe(0);
      t.failed('alice', home);
    }
    expect(t.waitFor('alice', home)).toBe(REFILL_MS);
    expect(t.waitFor('ALICE ', home)).toBe(REFILL_MS); // the same account however it is typed
    expect(t.waitFor('bob', home)).toBe(0); // other accounts are not affected
    now += REFILL_MS / 2;
    expect(t.waitFor('alice', home)).toBe(REFILL_MS / 2);
    now += REFILL_MS / 2;
    expect(t.waitFor('alice', home)).toBe(0);
    t.failed('alice', home);
    expect(t.waitFor('alice', home)).toBe(REFILL_MS);
  });

  it('R19 attempts come back over time, up to the allowance, and a success costs nothing', () => {
    const t = throttle();
    t.failed('carol', home);
    t.failed('carol', home);
    now += 10 * REFILL_MS;
    for (let i = 0; i < FAILURES_ALLOWED; i++) t.failed('carol', home);
    expect(t.waitFor('carol', home)).toBe(REFILL_MS);
  });

  it('issue 13 item 6: a stranger who keeps failing for a known account (5, then one every 30 s) locks out only their own address; the owner signs in from theirs', () => {
    const t = throttle();
    for (let minute = 0; minute < 60; minute++) {
      for (let i = 0; i < FAILURES_ALLOWED; i++) t.failed('admin', stranger);
      expect(t.waitFor('admin', stranger)).toBeGreaterThan(0);
      expect(t.waitFor('admin', home)).toBe(0);
      now += 60_000;
    }
  });

  it(`issue 13 item 6: one address trying many usernames waits after ${PER_ADDRESS.allowed} failures, whichever username it tries next; other addresses do not`, () => {
    const t = throttle();
    for (let i = 0; i < PER_ADDRESS.allowed; i++) {
      expect(t.waitFor(`user${i}`, stranger)).toBe(0);
      t.failed(`user${i}`, stranger);
    }
    expect(t.waitFor('someone-new', stranger)).toBe(PER_ADDRESS.refillMs);
    expect(t.waitFor('someone-new', home)).toBe(0);
    now += PER_ADDRESS.refillMs;
    expect(t.waitFor('someone-new', stranger)).toBe(0);
  });
});
