import { NotFoundException } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import type { IdentityProvider } from '../identity-provider';

/** Outside development mode there is no password store: people sign in through the OpenID Connect provider. */
export class PasswordSignInUnavailable implements IdentityProvider {
  authenticate(): Promise<Principal | undefined> {
    throw new NotFoundException({
      code: 'PASSWORD_SIGN_IN_DISABLED',
      message: 'Password sign-in exists only in development mode; sign in through your company account (/api/auth/oidc/login).',
    });
  }
}
