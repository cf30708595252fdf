import type { LoginResponse, PrincipalRole } from '@switchboard/contracts';

/** The contracts' roles (a type-checked copy: a role added there fails to compile here until added). */
const ROLES: Readonly<Record<PrincipalRole, true>> = { endUser: true, agent: true, admin: true };

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The gateway's sign-in answer (`loginResponseSchema` of the contracts),
 * checked field by field; undefined when it is not one. Written out rather
 * than with the zod schema, and with no run-time import of the contracts, so
 * a console that only signs in (the admin console) does not load the
 * contracts' schemas and zod up front.
 */
export function parseLoginResponse(body: unknown): LoginResponse | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const answer = body as Record<string, unknown>;
  const principal = answer['principal'] as Record<string, unknown> | null | undefined;
  if (!isString(answer['token']) || !isString(answer['expiresAt']) || Number.isNaN(Date.parse(answer['expiresAt']))) return undefined;
  if (typeof principal !== 'object' || principal === null) return undefined;
  if (!isString(principal['id']) || !isString(principal['name']) || !Object.hasOwn(ROLES, principal['role'] as string)) return undefined;
  const method = answer['method'];
  if (method !== undefined && method !== 'password' && method !== 'oidc') return undefined;
  return {
    token: answer['token'],
    expiresAt: answer['expiresAt'],
    principal: { id: principal['id'], role: principal['role'] as PrincipalRole, name: principal['name'] },
    ...(isString(answer['refreshToken']) ? { refreshToken: answer['refreshToken'] } : {}),
    ...(isString(answer['refreshExpiresAt']) ? { refreshExpiresAt: answer['refreshExpiresAt'] } : {}),
    ...(method !== undefined ? { method } : {}),
  };
}
