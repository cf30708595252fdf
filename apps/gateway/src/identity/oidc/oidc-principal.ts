import { principalSchema, type Principal, type PrincipalRole } from '@switchboard/contracts';

/**
 * The provider's role claim values Switchboard knows. A supervisor (issue 16)
 * works in the agent console as an agent: the queues they supervise are in
 * their agent profile, which an administrator edits (one place, as queues and
 * companies), never in claims.
 */
const ROLE_OF_CLAIM: Record<string, PrincipalRole> = {
  admin: 'admin',
  administrator: 'admin',
  supervisor: 'agent',
  agent: 'agent',
  enduser: 'endUser',
  end_user: 'endUser',
  user: 'endUser',
};

export type OidcMapping = { ok: true; principal: Principal } | { ok: false; code: 'OIDC_NO_ROLE' | 'OIDC_BAD_CLAIMS'; message: string };

/**
 * The principal an ID token speaks for: the id from `idClaim` (falling back to
 * `sub`), the role from `roleClaim` (a string or a list; the highest known
 * role wins), the display name from `name`. Queues and companies are not
 * taken from claims: they live in the agent profile of that id.
 */
export function principalFromClaims(claims: Record<string, unknown>, options: { idClaim: string; roleClaim: string }): OidcMapping {
  const id = typeof claims[options.idClaim] === 'string' ? claims[options.idClaim] : claims['sub'];
  const raw = claims[options.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').map((v) => v.trim().toLowerCase());
  const roles = values.map((v) => ROLE_OF_CLAIM[v]).filter((r): r is PrincipalRole => r !== undefined);
  const role = (['admin', 'agent', 'endUser'] as const).find((r) => roles.includes(r));
  if (!role) return { ok: false, code: 'OIDC_NO_ROLE', message: `Your company account has no Switchboard role (claim ${options.roleClaim}: admin, supervisor, agent or endUser).` };
  const name = typeof claims['name'] === 'string' && claims['name'].trim() ? claims['name'].trim() : id;
  const principal = principalSchema.safeParse({ id, role, name });
  return principal.success
    ? { ok: true, principal: principal.data }
    : { ok: false, code: 'OIDC_BAD_CLAIMS', message: 'The identity provider sent no usable user id or name.' };
}

/** Only a path of this site: `/admin/...`, never `//host` or `https://...` (no open redirect). */
export function safeReturnPath(value: unknown, fallback = '/admin/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s#]*$/.test(value) && value.length <= 512 ? value : fallback;
}
