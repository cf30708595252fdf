import type { LoginResponse, PrincipalRole } from '@switchboard/contracts';

const ROLES: readonly PrincipalRole[] = ['admin', 'agent', 'endUser'];

/**
 * The session the gateway hands back after signing in through the company's
 * provider: `#token=...&expiresAt=...&refreshToken=...&principal={...}` in the
 * URL fragment (never sent to a server). Null when the fragment holds none or
 * is malformed.
 */
export function sessionFromFragment(hash: string): LoginResponse | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  const expiresAt = params.get('expiresAt');
  if (!token || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  try {
    const principal = JSON.parse(params.get('principal') ?? '') as { id?: unknown; role?: unknown; name?: unknown };
    if (typeof principal.id !== 'string' || typeof principal.name !== 'string' || !ROLES.includes(principal.role as PrincipalRole)) return null;
    return {
      token,
      expiresAt,
      principal: { id: principal.id, role: principal.role as PrincipalRole, name: principal.name },
      ...(params.get('refreshToken') ? { refreshToken: params.get('refreshToken')!, refreshExpiresAt: params.get('refreshExpiresAt') ?? undefined } : {}),
    };
  } catch {
    return null;
  }
}
