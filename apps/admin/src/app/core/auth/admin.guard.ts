import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthSession } from './auth-session';

/** Every console page needs a signed-in administrator (R19); anyone else goes to sign-in. A lapsed token is renewed first. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  if ((await session.freshToken()) && session.isAdmin()) return true;
  const refused = session.principal() !== null && !session.isAdmin();
  if (refused) session.signOut();
  return router.createUrlTree(['/login'], {
    queryParams: { returnUrl: state.url, ...(refused ? { reason: 'forbidden' } : {}) },
  });
};
