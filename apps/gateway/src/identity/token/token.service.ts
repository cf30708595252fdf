import { principalSchema, type Principal } from '@switchboard/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { TokenGenerations } from '../revocation/session-revocations';

const ISSUER = 'switchboard';
/** Access tokens (REST, WebSocket) and refresh tokens have different audiences, so neither passes for the other. */
const AUDIENCE = 'switchboard';
const REFRESH_AUDIENCE = 'switchboard-refresh';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface IssuedSession extends IssuedToken {
  refreshToken: string;
  refreshExpiresAt: Date;
}

export type TokenCheck = { ok: true; principal: Principal; expiresAt: Date } | { ok: false; reason: 'expired' | 'invalid' | 'revoked' };

/** Without a revocation store (unit tests), nothing is ever revoked. */
const NEVER_REVOKED: TokenGenerations = { generationOf: () => 0, currentGeneration: async () => 0 };

/**
 * Signed bearer tokens (JWT, HS256): `sub` is the principal's id, with its
 * `role`, display `name` and `gen`, the principal's token generation when it
 * was issued: a token of a generation since revoked is refused. Used by REST
 * (AuthGuard) and by the WebSocket handshake alike. A refresh token (another
 * audience, longer life, the same generation) buys a new pair.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
    private readonly generations: TokenGenerations = NEVER_REVOKED,
    private readonly refreshTtlSeconds: number = ttlSeconds,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const generation = await this.generations.currentGeneration(principal.id);
    return this.sign(principal, generation, AUDIENCE, this.ttlSeconds);
  }

  /** An access token and a refresh token of the same generation. */
  async issueSession(principal: Principal): Promise<IssuedSession> {
    const generation = await this.generations.currentGeneration(principal.id);
    const access = await this.sign(principal, generation, AUDIENCE, this.ttlSeconds);
    const refresh = await this.sign(principal, generation, REFRESH_AUDIENCE, this.refreshTtlSeconds);
    return { ...access, refreshToken: refresh.token, refreshExpiresAt: refresh.expiresAt };
  }

  verify(token: string): Promise<TokenCheck> {
    return this.check(token, AUDIENCE);
  }

  verifyRefresh(token: string): Promise<TokenCheck> {
    return this.check(token, REFRESH_AUDIENCE);
  }

  private async sign(principal: Principal, generation: number, audience: string, ttlSeconds: number): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAtSeconds = issuedAt + ttlSeconds;
    const token = await new SignJWT({ role: principal.role, name: principal.name, gen: generation })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.id)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAtSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  private async check(token: string, audience: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
        currentDate: this.now(),
      });
      const principal = principalSchema.safeParse({ id: payload.sub, role: payload['role'], name: payload['name'] });
      if (!principal.success || payload.exp === undefined) return { ok: false, reason: 'invalid' };
      const generation = payload['gen'] ?? 0;
      if (typeof generation !== 'number') return { ok: false, reason: 'invalid' };
      if (generation < this.generations.generationOf(principal.data.id)) return { ok: false, reason: 'revoked' };
      return { ok: true, principal: principal.data, expiresAt: new Date(payload.exp * 1000) };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
