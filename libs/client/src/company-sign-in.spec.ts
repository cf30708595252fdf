import { companySignInUrl, signInMethods } from './company-sign-in';

describe('company sign-in (OpenID Connect through the gateway)', () => {
  it('issue 13: asks the gateway which ways exist (passwords only when it cannot say) and builds the sign-in address', async () => {
    const answering = (body: unknown, status = 200) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    expect(await signInMethods('', answering({ password: false, oidc: true }))).toEqual({ password: false, oidc: true });
    expect(await signInMethods('', answering({}, 404))).toEqual({ password: true, oidc: false });
    expect(companySignInUrl('', '/agent/')).toBe('/api/auth/oidc/login?returnTo=%2Fagent%2F');
  });
});
