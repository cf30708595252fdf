import type { LoginResponse } from '@switchboard/contracts';
import { CommandError } from './command-error';
import { parseLoginResponse } from './login-response';

/**
 * `POST /api/auth/login` of the gateway's identity provider. Resolves with
 * the token and principal; rejects with a CommandError whose code says why
 * (`BAD_CREDENTIALS` for a wrong password, `TOO_MANY_ATTEMPTS` after repeated
 * failures, `BAD_REQUEST`, `UNAVAILABLE`). With `consoleName` (a console in
 * the browser), the refresh token comes as that console's HttpOnly cookie;
 * without, in the body (non-browser clients).
 */
export async function login(baseUrl: string, username: string, password: string, fetchFn: typeof fetch = fetch, consoleName?: string): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetchFn(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      // A console (browser) gets its refresh token as an HttpOnly cookie, never in the body.
      ...(consoleName ? { credentials: 'same-origin' as const } : {}),
      headers: { 'content-type': 'application/json', ...(consoleName ? { 'X-Switchboard-Console': consoleName } : {}) },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new CommandError('UNAVAILABLE', 'The gateway cannot be reached.');
  }
  if (response.status === 401) throw new CommandError('BAD_CREDENTIALS', 'Wrong username or password.');
  if (response.status === 400) throw new CommandError('BAD_REQUEST', 'Username and password are required.');
  if (response.status === 429) throw new CommandError('TOO_MANY_ATTEMPTS', 'Too many failed sign-ins for this account.');
  if (!response.ok) throw new CommandError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `Login answered ${response.status}`);
  const answer = parseLoginResponse(await response.json().catch(() => null));
  if (!answer) throw new CommandError('INTERNAL', 'The gateway answered the sign-in with something else than a sign-in.');
  return answer;
}

/** The WebSocket address of the gateway serving the page (`ws://host/ws`, `wss://` under https). */
export function gatewaySocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
