import type { Principal } from '@switchboard/contracts';

/**
 * Checks credentials and says who they belong to. The development provider
 * reads seeded demo users; a real identity provider (LDAP, OIDC password
 * grant, ...) replaces it by binding another class to IDENTITY_PROVIDER.
 */
export interface IdentityProvider {
  /** The principal, or undefined for unknown users and wrong passwords alike (no user enumeration). */
  authenticate(username: string, password: string): Promise<Principal | undefined>;
}

export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');
