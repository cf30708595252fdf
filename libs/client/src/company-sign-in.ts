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

/**
 * Where the browser goes to sign in with the company account; the gateway
 * sets the console's sign-in cookie and sends it back to `returnTo` (a path
 * of the site, under the console's own path), where `ConsoleSession.restore()`
 * picks the sign-in up.
 */
export function companySignInUrl(baseUrl: string, returnTo: string): string {
  return `${baseUrl}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
}
