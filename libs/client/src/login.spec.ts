import { describeFailure } from './error-messages';
import { login } from './login';

/** A fetch that answers every call with `status` (and a token body on 200). */
const answering = (status: number) =>
  (async () =>
    new Response(
      JSON.stringify(status === 200 ? { token: 't', expiresAt: '2026-11-24T18:00:00.000Z', principal: { id: 'erin', role: 'endUser', name: 'Erin User' } } : { code: 'X', message: 'x' }),
      { status, headers: { 'content-type': 'application/json' } },
    )) as unknown as typeof fetch;

describe('login', () => {
  it('R19 every refusal of the login endpoint comes back as a code with words a person understands', async () => {
    const refusal = async (status: number) => {
      try {
        await login('http://gw', 'erin', 'pw', answering(status));
        return 'signed in';
      } catch (error) {
        return `${(error as { code: string }).code}: ${describeFailure(error)}`;
      }
    };
    expect(await refusal(401)).toBe('BAD_CREDENTIALS: Wrong username or password.');
    expect(await refusal(429)).toBe('TOO_MANY_ATTEMPTS: Too many failed sign-ins for this account. Please wait half a minute and try again.');
    expect(await refusal(400)).toBe('BAD_REQUEST: Please enter your username and password.');
    expect(await refusal(503)).toMatch(/^UNAVAILABLE: /);
    expect(await refusal(200)).toBe('signed in');
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(login('http://gw', 'erin', 'pw', unreachable)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
