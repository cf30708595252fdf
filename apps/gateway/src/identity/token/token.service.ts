import { principalSchema, type Principal } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { SignInEnds } from '../revocation/ended-sign-ins';
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
  /** The sign-in these tokens belong to (kept across refreshes; `POST /api/auth/sign-out` ends it alone). */
  signInId: string;
  method: SignInMethod;
}

/** How a sign-in began; carried by its refresh tokens (the admin console signs out at the provider after `oidc`). */
export type SignInMethod = 'password' | 'oidc';

/** A sign-in being continued by a refresh: its id and method carry over. */
export interface SignInOrigin {
  signInId?: string;
  method: SignInMethod;
}

export type TokenCheck =
  | { ok: true; principal: Principal; expiresAt: Date; signInId?: string; method: SignInMethod }
  | { ok: false; reason: 'expired' | 'invalid' | 'revoked' };

/** Without a revocation store (unit tests), nothing is ever revoked. */
const NEVER_REVOKED: TokenGenerations = { generationOf: () => 0, currentGeneration: async () => 0 };
const NEVER_ENDED: SignInEnds = { isEnded: () => false };

/**
 * Signed bearer tokens (JWT, HS256): `sub` is the principal's id, with its
 * `role`, display `name` and `gen`, the principal's token generation when it
 * was issued: a token of a generation since revoked is refused. Used by REST
 * (AuthGuard) and by the WebSocket handshake alike. A refresh token (another
 * audience, longer life, the same generation) buys a new pair. Both carry
 * `sid`, the sign-in they belong to (one per sign-in, kept across refreshes):
 * a sign-in that was signed out (SignInEnds) has all its tokens refused.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
    private readonly generations: TokenGenerations = NEVER_REVOKED,
    private readonly refreshTtlSeconds: number = ttlSeconds,
    private readonly signInEnds: SignInEnds = NEVER_ENDED,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const generation = await this.generations.currentGeneration(principal.id);
    return this.sign(principal, generation, AUDIENCE, this.ttlSeconds, this.issuedAtNow());
  }

  /** An access token and a refresh token of the same generation and sign-in (a new sign-in unless `origin` names one). */
  async issueSession(principal: Principal, origin: SignInOrigin = { method: 'password' }): Promise<IssuedSession> {
    const generation = await this.generations.currentGeneration(principal.id);
    const signInId = origin.signInId ?? randomUUID();
    // One issue time for the pair, so the refresh token outlives the access token by exactly the TTLs' difference.
    const issuedAt = this.issuedAtNow();
    const access = await this.sign(principal, generation, AUDIENCE, this.ttlSeconds, issuedAt, { sid: signInId });
    const refresh = await this.sign(principal, generation, REFRESH_AUDIENCE, this.refreshTtlSeconds, issuedAt, { sid: signInId, amr: origin.method });
    return { ...access, refreshToken: refresh.token, refreshExpiresAt: refresh.expiresAt, signInId, method: origin.method };
  }

  verify(token: string): Promise<TokenCheck> {
    return this.check(token, AUDIENCE);
  }

  verifyRefresh(token: string): Promise<TokenCheck> {
    return this.check(token, REFRESH_AUDIENCE);
  }

  private issuedAtNow(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  private async sign(principal: Principal, generation: number, audience: string, ttlSeconds: number, issuedAt: number, extra: Record<string, string> = {}): Promise<IssuedToken> {
    const expiresAtSeconds = issuedAt + ttlSeconds;
    const token = await new SignJWT({ role: principal.role, name: principal.name, gen: generation, ...extra })
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
      const signInId = payload['sid'];
      if (signInId !== undefined && typeof signInId !== 'string') return { ok: false, reason: 'invalid' };
      if (signInId !== undefined && this.signInEnds.isEnded(signInId)) return { ok: false, reason: 'revoked' };
      const method: SignInMethod = payload['amr'] === 'oidc' ? 'oidc' : 'password';
      return { ok: true, principal: principal.data, expiresAt: new Date(payload.exp * 1000), ...(signInId !== undefined ? { signInId } : {}), method };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
