import { sessionFromFragment } from './sign-in-fragment';

const principal = { id: 'ada', role: 'admin', name: 'Ada Admin' };

describe('the session handed back by company sign-in (URL fragment)', () => {
  it('issue 13: reads the token, its expiry, the refresh token and the principal', () => {
    const hash = `#${new URLSearchParams({ token: 't.o.k', expiresAt: '2026-11-29T22:00:00.000Z', refreshToken: 'r.e.f', refreshExpiresAt: '2026-11-30T06:00:00.000Z', principal: JSON.stringify(principal) })}`;
    expect(sessionFromFragment(hash)).toEqual({ token: 't.o.k', expiresAt: '2026-11-29T22:00:00.000Z', refreshToken: 'r.e.f', refreshExpiresAt: '2026-11-30T06:00:00.000Z', principal });
  });

  it.each(['', '#', '#token=x', `#token=x&expiresAt=soon&principal=${encodeURIComponent(JSON.stringify(principal))}`, '#token=x&expiresAt=2026-11-29T22:00:00Z&principal=%7B', `#token=x&expiresAt=2026-11-29T22:00:00Z&principal=${encodeURIComponent(JSON.stringify({ ...principal, role: 'root' }))}`])(
    'issue 13: %j holds no session',
    (hash) => expect(sessionFromFragment(hash)).toBeNull(),
  );
});
