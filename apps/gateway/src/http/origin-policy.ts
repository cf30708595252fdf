import type { IncomingHttpHeaders } from 'node:http';
import type { HttpConfig } from './http.config';

export type OriginCheck = { ok: true } | { ok: false; origin: string };

/**
 * Which pages may open a WebSocket to this gateway (a browser always sends
 * `Origin`; a page elsewhere must not ride a user's token). Allowed: no
 * `Origin` (a non-browser client), the gateway's own origin (the `Host` the
 * request came to, or PUBLIC_URL), and ALLOWED_ORIGINS.
 */
export function checkOrigin(headers: IncomingHttpHeaders, config: HttpConfig): OriginCheck {
  const origin = headers.origin;
  if (origin === undefined) return { ok: true };
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { ok: false, origin };
  }
  if (parsed.origin === 'null') return { ok: false, origin };
  const allowed = new Set(config.ALLOWED_ORIGINS);
  if (config.PUBLIC_URL) allowed.add(new URL(config.PUBLIC_URL).origin);
  if (allowed.has(parsed.origin)) return { ok: true };
  // Same origin: the page was served by the host the socket is opened to.
  const host = headers.host;
  if (host !== undefined && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase()) return { ok: true };
  return { ok: false, origin };
}
