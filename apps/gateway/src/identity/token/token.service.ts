import { principalSchema, type Principal } from '@switchboard/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'switchboard';
const AUDIENCE = 'switchboard';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export type TokenCheck = { ok: true; principal: Principal; expiresAt: Date } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Signed bearer tokens (JWT, HS256): `sub` is the principal's id, with its
 * `role` and display `name`. Used by REST (AuthGuard) and by the WebSocket
 * handshake alike.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAtSeconds = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role: principal.role, name: principal.name })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAtSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.now(),
      });
      const principal = principalSchema.safeParse({ id: payload.sub, role: payload['role'], name: payload['name'] });
      return principal.success && payload.exp !== undefined
        ? { ok: true, principal: principal.data, expiresAt: new Date(payload.exp * 1000) }
        : { ok: false, reason: 'invalid' };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
