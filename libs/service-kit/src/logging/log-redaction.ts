/**
 * Log paths that never reach the output (issue 13): bearer tokens, cookies,
 * passwords and tokens wherever a log entry carries them, HTTP or not. pino
 * matches each path exactly (one `*` per level), so the usual nestings (up
 * to three levels deep) are listed; `redactLogLine` catches tokens anywhere.
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
    `*.*.*.${key}`,
  ]),
];

export const REDACTION_CENSOR = '[Redacted]';

/** A JSON Web Token (every access and refresh token the gateway issues is one): header and payload start with `eyJ`. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
/** A credential after an auth scheme, wherever it is written (an error message quoting a header, say). */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)(\s+|%20)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * The last line of defence, applied to every serialized log line: what the
 * key paths above cannot reach (a token deeper than they list, inside an
 * error's message, stack or cause, in a NATS subject or free text) is
 * censored by its shape — any JWT, and any `Bearer`/`Basic` credential.
 */
export function redactLogLine(line: string): string {
  return line.replace(JWT, REDACTION_CENSOR).replace(SCHEME_CREDENTIAL, `$1 ${REDACTION_CENSOR}`);
}

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
