import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthSession } from './auth-session';

/**
 * Sends the bearer token with every call to the gateway's API (renewed first
 * when it is about to lapse), and sends the user back to sign-in when the
 * gateway no longer accepts it.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  const isApi = request.url.startsWith('/api/') && !request.url.startsWith('/api/auth/login');
  if (!isApi) return next(request);
  return from(session.freshToken()).pipe(
    switchMap((token) => next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request)),
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        session.signOut();
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url, reason: 'expired' } });
      }
      return throwError(() => error);
    }),
  );
};
