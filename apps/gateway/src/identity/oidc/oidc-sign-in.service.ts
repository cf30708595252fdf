import { ForbiddenException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import { jwtVerify, SignJWT } from 'jose';
import type { Connection } from 'mongoose';
import * as client from 'openid-client';
import { z } from 'zod';
import type { IdentityConfig } from '../identity.config';
import { principalFromClaims, safeReturnPath } from './oidc-principal';

/** How long a browser may take at the provider between /login and /callback. */
const FLOW_TTL_SECONDS = 600;
const FLOW_AUDIENCE = 'switchboard-oidc-flow';
export const FLOW_COOKIE = 'sb_oidc_flow';
export const OIDC_OPTIONS = Symbol('OIDC_OPTIONS');
/** Whether `POST /api/auth/login` takes passwords here (development mode only). */
export const PASSWORD_SIGN_IN = Symbol('PASSWORD_SIGN_IN');

export interface OidcOptions {
  config: IdentityConfig;
  /** The gateway's token key also signs the flow cookie (PKCE verifier, state, nonce), so any gateway can finish a sign-in. */
  secret: string;
}

const flowSchema = z.object({ verifier: z.string(), state: z.string(), nonce: z.string(), returnTo: z.string() });

/**
 * Sign-in through the company's OpenID Connect provider (openid-client):
 * authorization code with PKCE, state and nonce. The flow's secrets travel in
 * a signed, HttpOnly cookie, not in memory, so the callback may reach another
 * gateway. The ID token (verified by openid-client against the provider's
 * keys) names the principal; Switchboard then issues its own session tokens,
 * which every gateway checks and revokes like any other (ADR 9).
 */
export class OidcSignIn {
  private discovered?: Promise<client.Configuration>;
  private readonly key: Uint8Array;

  constructor(
    private readonly options: OidcOptions,
    private readonly db: Connection,
  ) {
    this.key = new TextEncoder().encode(options.secret);
  }

  get configured(): boolean {
    return Boolean(this.options.config.OIDC_ISSUER_URL);
  }

  /** The provider's URL to send the browser to, and the flow cookie to set. */
  async start(returnTo: unknown): Promise<{ url: string; flowCookie: string }> {
    const config = await this.provider();
    const verifier = client.randomPKCECodeVerifier();
    const flow = { verifier, state: client.randomState(), nonce: client.randomNonce(), returnTo: safeReturnPath(returnTo) };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.config.OIDC_REDIRECT_URL!,
      scope: this.options.config.OIDC_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    const flowCookie = await new SignJWT(flow).setProtectedHeader({ alg: 'HS256' }).setAudience(FLOW_AUDIENCE).setIssuedAt().setExpirationTime(`${FLOW_TTL_SECONDS}s`).sign(this.key);
    return { url: url.href, flowCookie };
  }

  /** Exchanges the code (with the PKCE verifier) and says who signed in, and where they go next. */
  async finish(callbackUrl: URL, flowCookie: string | undefined): Promise<{ principal: Principal; returnTo: string }> {
    const flow = await this.readFlow(flowCookie);
    const config = await this.provider();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (error) {
      throw new HttpException({ code: 'OIDC_SIGN_IN_FAILED', message: `The identity provider did not confirm the sign-in: ${(error as Error).message}` }, HttpStatus.UNAUTHORIZED);
    }
    const mapped = principalFromClaims(claims ?? {}, { idClaim: this.options.config.OIDC_ID_CLAIM, roleClaim: this.options.config.OIDC_ROLE_CLAIM });
    if (!mapped.ok) throw new ForbiddenException({ code: mapped.code, message: mapped.message });
    // An agent works from an agent profile (queues, companies, cap); without one there is nothing to route to them.
    if (mapped.principal.role === 'agent' && !(await this.db.collection('agents').findOne({ _id: mapped.principal.id as never }, { projection: { _id: 1 } }))) {
      throw new ForbiddenException({ code: 'NO_AGENT_PROFILE', message: `There is no agent profile for ${mapped.principal.id}; an administrator must create one.` });
    }
    return { principal: mapped.principal, returnTo: flow.returnTo };
  }

  /** The provider's sign-out page (RP-initiated logout), or undefined when it has none. */
  async logoutUrl(postLogoutRedirect: string): Promise<string | undefined> {
    const config = await this.provider();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { client_id: this.options.config.OIDC_CLIENT_ID!, post_logout_redirect_uri: postLogoutRedirect }).href;
  }

  private async readFlow(cookie: string | undefined): Promise<z.infer<typeof flowSchema>> {
    try {
      const { payload } = await jwtVerify(cookie ?? '', this.key, { algorithms: ['HS256'], audience: FLOW_AUDIENCE });
      return flowSchema.parse(payload);
    } catch {
      throw new HttpException({ code: 'OIDC_FLOW_EXPIRED', message: 'This sign-in was not started here or took too long; start again.' }, HttpStatus.BAD_REQUEST);
    }
  }

  /** Discovery once, on first use (a provider down at start-up does not stop the gateway); retried after a failure. */
  private provider(): Promise<client.Configuration> {
    const c = this.options.config;
    if (!c.OIDC_ISSUER_URL) return Promise.reject(new NotFoundException({ code: 'OIDC_NOT_CONFIGURED', message: 'Single sign-on is not configured on this gateway (OIDC_ISSUER_URL).' }));
    this.discovered ??= client
      .discovery(new URL(c.OIDC_ISSUER_URL), c.OIDC_CLIENT_ID!, c.OIDC_CLIENT_SECRET, undefined, c.OIDC_ALLOW_HTTP ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw new HttpException({ code: 'OIDC_UNAVAILABLE', message: `The identity provider does not answer: ${(error as Error).message}` }, HttpStatus.BAD_GATEWAY);
      });
    return this.discovered;
  }
}
