import { ForbiddenException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { checkOrigin } from '../../http/origin-policy';
import type { HttpConfig } from '../../http/http.config';

/** The consoles; each keeps its own sign-in cookie, so an agent and an end user can be signed in side by side in one browser. */
export const CONSOLES = ['admin', 'agent', 'widget'] as const;
export type ConsoleName = (typeof CONSOLES)[number];

/**
 * The request header by which a console asks for its sign-in in a cookie
 * (and names which console it is). A page of another site cannot send it
 * without a CORS preflight, which the gateway never approves.
 */
export const CONSOLE_HEADER = 'x-switchboard-console';

/**
 * The refresh cookie is sent to these paths only: refresh and sign-out. The
 * cookie is set once per path (same name, two paths); both are renewed and
 * cleared together.
 */
export const REFRESH_COOKIE_PATHS = ['/api/auth/refresh', '/api/auth/sign-out'] as const;

export function refreshCookieName(consoleName: ConsoleName): string {
  return `sb_refresh_${consoleName}`;
}

/** `auto`: Secure when the request came over https (behind a TLS terminator, as its X-Forwarded-Proto says when TRUST_PROXY trusts it). */
export type CookieSecureMode = 'auto' | 'always' | 'never';

export interface RefreshCookieOptions {
  secure: CookieSecureMode;
  http: HttpConfig;
}

/** What the handlers use of Express's request and response (the gateway runs on the Express adapter). */
export interface CookieRequest {
  headers: IncomingHttpHeaders;
  secure: boolean;
}
export interface CookieSettings {
  httpOnly?: boolean;
  sameSite?: 'strict' | 'lax';
  secure?: boolean;
  path: string;
  maxAge?: number;
  expires?: Date;
}
export interface CookieResponse {
  cookie(name: string, value: string, options: CookieSettings): void;
  clearCookie(name: string, options: CookieSettings): void;
}

/** Which console asks for cookie mode (its header); undefined without the header (a non-browser client: tokens in the body). */
export function consoleOf(req: CookieRequest): ConsoleName | undefined {
  const value = req.headers[CONSOLE_HEADER];
  if (value === undefined) return undefined;
  const name = Array.isArray(value) ? value[0] : value;
  if (!CONSOLES.includes(name as ConsoleName)) {
    throw new ForbiddenException({ code: 'BAD_CONSOLE', message: `${CONSOLE_HEADER} must be one of ${CONSOLES.join(', ')}.` });
  }
  return name as ConsoleName;
}

/**
 * CSRF defence of the cookie endpoints (besides SameSite=Strict and the
 * console header): a browser sends `Origin` with every POST, and it must be
 * the gateway's own or one of ALLOWED_ORIGINS. A cookie without an `Origin`
 * is refused too (only a browser holds the cookie, and browsers send it).
 */
export function requireOwnOrigin(req: CookieRequest, http: HttpConfig, cookieMode: boolean): void {
  if (req.headers.origin === undefined) {
    if (!cookieMode) return;
    throw new ForbiddenException({ code: 'ORIGIN_NOT_ALLOWED', message: 'A sign-in cookie is accepted only with the Origin header of a page of this site.' });
  }
  const check = checkOrigin(req.headers, http);
  if (!check.ok) {
    throw new ForbiddenException({ code: 'ORIGIN_NOT_ALLOWED', message: `Pages of ${check.origin.slice(0, 200)} may not use this gateway's sign-in.` });
  }
}

export function readCookie(req: CookieRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function secureFor(req: CookieRequest, mode: CookieSecureMode): boolean {
  return mode === 'always' || (mode === 'auto' && req.secure);
}

/** HttpOnly, SameSite=Strict, on the refresh and sign-out paths only, Secure over https; it lives as long as the refresh token. */
export function setRefreshCookie(req: CookieRequest, res: CookieResponse, consoleName: ConsoleName, refreshToken: string, expiresAt: Date, mode: CookieSecureMode): void {
  for (const path of REFRESH_COOKIE_PATHS) {
    res.cookie(refreshCookieName(consoleName), refreshToken, { httpOnly: true, sameSite: 'strict', secure: secureFor(req, mode), path, expires: expiresAt });
  }
}

export function clearRefreshCookie(req: CookieRequest, res: CookieResponse, consoleName: ConsoleName, mode: CookieSecureMode): void {
  for (const path of REFRESH_COOKIE_PATHS) {
    res.clearCookie(refreshCookieName(consoleName), { httpOnly: true, sameSite: 'strict', secure: secureFor(req, mode), path });
  }
}
