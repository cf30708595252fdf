import { companySignInUrl, sessionFromFragment, signInMethods, takeSessionFromLocation } from './company-sign-in';

const principal = { id: 'alice', role: 'agent', name: 'Alice Agent' };
const fragment = `#${new URLSearchParams({ token: 't.o.k', expiresAt: '2026-11-29T22:00:00.000Z', refreshToken: 'r.e.f', refreshExpiresAt: '2026-11-30T06:00:00.000Z', principal: JSON.stringify(principal) })}`;

describe('company sign-in (OpenID Connect through the gateway)', () => {
  it('issue 13: reads the session the gateway hands back in the fragment, and takes it out of the address', () => {
    expect(sessionFromFragment(fragment)).toEqual({ token: 't.o.k', expiresAt: '2026-11-29T22:00:00.000Z', refreshToken: 'r.e.f', refreshExpiresAt: '2026-11-30T06:00:00.000Z', principal });
    const replaced: string[] = [];
    const window = { location: { hash: fragment, pathname: '/agent/', search: '' }, history: { replaceState: (_d: unknown, _u: string, url: string) => void replaced.push(url) } };
    expect(takeSessionFromLocation(window)?.principal).toEqual(principal);
    expect(replaced).toEqual(['/agent/']);
  });

  it.each(['', '#token=x', '#token=x&expiresAt=later&principal=%7B%7D', `#token=x&expiresAt=2026-11-29T22:00:00.000Z&principal=${encodeURIComponent('{"id":"a","role":"root","name":"a"}')}`, '#token=x&expiresAt=2026-11-29T22:00:00.000Z&principal=%7B'])(
    'issue 13: %j holds no session',
    (hash) => expect(sessionFromFragment(hash)).toBeNull(),
  );

  it('issue 13: asks the gateway which ways exist (passwords only when it cannot say) and builds the sign-in address', async () => {
    const answering = (body: unknown, status = 200) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    expect(await signInMethods('', answering({ password: false, oidc: true }))).toEqual({ password: false, oidc: true });
    expect(await signInMethods('', answering({}, 404))).toEqual({ password: true, oidc: false });
    expect(companySignInUrl('', '/agent/')).toBe('/api/auth/oidc/login?returnTo=%2Fagent%2F');
  });
});
