import { loginResponseSchema, type LoginResponse } from '@switchboard/contracts';

/** Which ways of signing in the gateway offers (`GET /api/auth/methods`). */
export interface SignInMethods {
  password: boolean;
  oidc: boolean;
}

/** Asks the gateway; an older gateway without the endpoint, or none reachable, means passwords only. */
export async function signInMethods(baseUrl: string, fetchFn?: typeof fetch): Promise<SignInMethods> {
  try {
    const response = await (fetchFn ?? globalThis.fetch)(`${baseUrl}/api/auth/methods`);
    if (!response.ok) return { password: true, oidc: false };
    const body = (await response.json()) as Partial<SignInMethods>;
    return { password: body.password !== false, oidc: body.oidc === true };
  } catch {
    return { password: true, oidc: false };
  }
}

/** Where the browser goes to sign in with the company account; the gateway sends it back to `returnTo` (a path of the site). */
export function companySignInUrl(baseUrl: string, returnTo: string): string {
  return `${baseUrl}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * The session the gateway hands back after company sign-in, in the URL
 * fragment (`#token=...&expiresAt=...&refreshToken=...&principal={...}`; a
 * fragment is never sent to a server). Null when there is none or it is malformed.
 */
export function sessionFromFragment(hash: string): LoginResponse | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  if (!params.get('token')) return null;
  try {
    const parsed = loginResponseSchema.safeParse({
      token: params.get('token'),
      expiresAt: params.get('expiresAt'),
      refreshToken: params.get('refreshToken') ?? undefined,
      refreshExpiresAt: params.get('refreshExpiresAt') ?? undefined,
      principal: JSON.parse(params.get('principal') ?? 'null'),
    });
    return parsed.success && !Number.isNaN(Date.parse(parsed.data.expiresAt)) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Takes the session out of the page's address (and history) so it is not bookmarked or shared; null when there is none. */
export function takeSessionFromLocation(window: { location: { hash: string; pathname: string; search: string }; history: { replaceState(data: unknown, unused: string, url: string): void } }): LoginResponse | null {
  if (!window.location.hash) return null;
  const session = sessionFromFragment(window.location.hash);
  if (session) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return session;
}
