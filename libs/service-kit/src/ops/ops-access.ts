import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths of every service that show internals (addresses, partitions, failures, figures): operators only. */
export const OPS_PATHS: readonly RegExp[] = [/^\/metrics(\/|\?|$)/, /^\/diagnostics(\/|\?|$)/];

export function isOpsPath(url: string): boolean {
  return OPS_PATHS.some((pattern) => pattern.test(url));
}

/** Whether `authorization` is `Bearer <OPS_TOKEN>` (compared in constant time). */
export function hasOpsToken(authorization: string | undefined, opsToken: string | undefined): boolean {
  if (!opsToken || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(opsToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * HTTP middleware in front of every controller: /metrics and /diagnostics/...
 * need `Authorization: Bearer <OPS_TOKEN>` (issue 13); without OPS_TOKEN
 * configured they answer 403 to everyone. /health/live and /health/ready stay
 * public and say only up or down.
 */
export function opsAccess(opsToken: string | undefined) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!isOpsPath(req.url ?? '/') || hasOpsToken(req.headers.authorization, opsToken)) {
      next();
      return;
    }
    const status = req.headers.authorization ? 403 : 401;
    const body = opsToken
      ? { code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: 'Operator endpoints need Authorization: Bearer <OPS_TOKEN>.' }
      : { code: 'FORBIDDEN', message: 'Operator endpoints are off: OPS_TOKEN is not configured.' };
    res.statusCode = opsToken ? status : 403;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  };
}
