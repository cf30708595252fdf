import { FAILURES_ALLOWED, LocalSignInThrottle, REFILL_MS } from './sign-in-throttle';

describe('sign-in throttle', () => {
  let now = 0;
  const throttle = () => new LocalSignInThrottle(() => now);
  beforeEach(() => (now = 1_000_000));

  it(`R19 allows ${FAILURES_ALLOWED} failed sign-ins of one username, then makes it wait for the next attempt`, () => {
    const t = throttle();
    for (let i = 0; i < FAILURES_ALLOWED; i++) {
      expect(t.waitFor('alice')).toBe(0);
      t.failed('alice');
    }
    expect(t.waitFor('alice')).toBe(REFILL_MS);
    expect(t.waitFor('ALICE ')).toBe(REFILL_MS); // the same account however it is typed
    expect(t.waitFor('bob')).toBe(0); // other accounts are not affected
    now += REFILL_MS / 2;
    expect(t.waitFor('alice')).toBe(REFILL_MS / 2);
    now += REFILL_MS / 2;
    expect(t.waitFor('alice')).toBe(0);
    t.failed('alice');
    expect(t.waitFor('alice')).toBe(REFILL_MS);
  });

  it('R19 attempts come back over time, up to the allowance, and a success costs nothing', () => {
    const t = throttle();
    t.failed('carol');
    t.failed('carol');
    now += 10 * REFILL_MS;
    for (let i = 0; i < FAILURES_ALLOWED; i++) t.failed('carol');
    expect(t.waitFor('carol')).toBe(REFILL_MS);
  });
});
