/**
 * Log paths that never reach the output (issue 13): bearer tokens, cookies,
 * passwords and tokens wherever a log entry carries them, HTTP or not. pino
 * matches each path exactly (one `*` per level), so the usual nestings are
 * listed.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-ops-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...['password', 'token', 'accessToken', 'refreshToken', 'idToken', 'secret', 'authorization', 'cookie'].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
  ]),
];

export const REDACTION_CENSOR = '[Redacted]';

/** Query parameters that carry credentials (`/ws?token=...`, OIDC callbacks). */
const SECRET_QUERY = /([?&](?:token|access_token|id_token|refresh_token|code|password)=)[^&#]*/gi;

/** A URL as it may be logged: credential query parameters censored. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, `$1${REDACTION_CENSOR}`);
}

/** Serializer of pino-http's `req` (wrapped around the standard one): the URL without credentials. */
export function redactRequestUrl<T extends { url?: string }>(req: T): T {
  if (typeof req.url === 'string') req.url = redactUrl(req.url);
  return req;
}
