import { SignJWT } from 'jose';
import { TokenService } from './token.service';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const alice = { id: 'alice', role: 'agent' as const, name: 'Alice Agent' };

describe('TokenService', () => {
  it('R19 identity: a token it issued verifies to the same principal (sub, role, name)', async () => {
    const tokens = new TokenService(SECRET, 8 * 3600);
    const issued = await tokens.issue(alice);
    expect(await tokens.verify(issued.token)).toEqual({ ok: true, principal: alice, expiresAt: issued.expiresAt, method: 'password' });
    const payload = JSON.parse(Buffer.from(issued.token.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ sub: 'alice', role: 'agent', name: 'Alice Agent' });
    expect(payload.exp - payload.iat).toBe(8 * 3600);
  });

  it('R19 identity: an expired token is refused as expired', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const tokens = new TokenService(SECRET, 60, () => now);
    const issued = await tokens.issue(alice);
    now = new Date('2026-01-01T00:01:01Z');
    expect(await tokens.verify(issued.token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('R19 identity: tokens signed with another secret, tampered, unsigned or garbage are invalid', async () => {
    const tokens = new TokenService(SECRET, 3600);
    const other = await new TokenService('another-secret-that-is-long-enough-987654321', 3600).issue(alice);
    expect(await tokens.verify(other.token)).toEqual({ ok: false, reason: 'invalid' });

    const issued = await tokens.issue(alice);
    const [header, , signature] = issued.token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'alice', role: 'admin', name: 'x', iss: 'switchboard', aud: 'switchboard', exp: 9e9 })).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: 'invalid' });

    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forged}.`;
    expect(await tokens.verify(none)).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify('not-a-token')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('R19 identity: a correctly signed token with an unknown role is invalid', async () => {
    const tokens = new TokenService(SECRET, 3600);
    const token = await new SignJWT({ role: 'system', name: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('router')
      .setIssuer('switchboard')
      .setAudience('switchboard')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('issue 13 (sessions that can be ended): a token of a generation since revoked is refused as revoked; one issued after it is accepted', async () => {
    const generations = new Map<string, number>();
    const store = { generationOf: (id: string) => generations.get(id) ?? 0, currentGeneration: async (id: string) => generations.get(id) ?? 0 };
    const tokens = new TokenService(SECRET, 900, () => new Date(), store, 8 * 3600);
    const before = await tokens.issueSession(alice);
    generations.set('alice', 1);
    expect(await tokens.verify(before.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await tokens.verifyRefresh(before.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
    const after = await tokens.issueSession(alice);
    expect(await tokens.verify(after.token)).toMatchObject({ ok: true, principal: alice });
    expect(await tokens.verify((await tokens.issue({ ...alice, id: 'bob' })).token)).toMatchObject({ ok: true });
  });

  it('issue 13 (short-lived access tokens with refresh): the access token lives its own TTL, the refresh token longer, and neither passes for the other', async () => {
    // A clock a second further on at each reading: the pair must still share one issue time.
    let reading = Date.parse('2026-11-30T09:00:00.400Z');
    const tokens = new TokenService(SECRET, 900, () => new Date((reading += 1000)), undefined, 8 * 3600);
    const session = await tokens.issueSession(alice);
    expect(session.refreshExpiresAt.getTime() - session.expiresAt.getTime()).toBe((8 * 3600 - 900) * 1000);
    expect(await tokens.verify(session.refreshToken)).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verifyRefresh(session.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verifyRefresh(session.refreshToken)).toMatchObject({ ok: true, principal: alice });
  });

  it('issue 13 (single sign-out): a refresh continues the sign-in (same sid and method); ending it refuses its access and refresh tokens, not another sign-in of the same person', async () => {
    const ended = new Set<string>();
    const tokens = new TokenService(SECRET, 900, () => new Date(), undefined, 8 * 3600, { isEnded: (sid) => ended.has(sid) });
    const laptop = await tokens.issueSession(alice, { method: 'oidc' });
    const phone = await tokens.issueSession(alice);
    expect(laptop.signInId).not.toBe(phone.signInId);
    const check = await tokens.verifyRefresh(laptop.refreshToken);
    expect(check).toMatchObject({ ok: true, signInId: laptop.signInId, method: 'oidc' });
    const renewed = await tokens.issueSession(alice, { signInId: laptop.signInId, method: 'oidc' });
    expect(renewed.signInId).toBe(laptop.signInId);

    ended.add(laptop.signInId);

    for (const token of [laptop.token, renewed.token]) expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'revoked' });
    for (const token of [laptop.refreshToken, renewed.refreshToken]) expect(await tokens.verifyRefresh(token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await tokens.verify(phone.token)).toMatchObject({ ok: true });
    expect(await tokens.verifyRefresh(phone.refreshToken)).toMatchObject({ ok: true, method: 'password' });
  });
});
