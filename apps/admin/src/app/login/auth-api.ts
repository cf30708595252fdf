import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CONSOLE_HEADER } from '@switchboard/client/session';
import type { LoginResponse } from '@switchboard/contracts';
import type { Observable } from 'rxjs';

export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

export interface SignInMethods {
  readonly password: boolean;
  readonly oidc: boolean;
}

/** The gateway's authentication endpoints (same origin as the console). */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  /** `POST /api/auth/login`: a bearer token and who it speaks for; the refresh token comes as the admin console's HttpOnly cookie. */
  login(credentials: LoginCredentials): Observable<LoginResponse> {
    return this.http.post<LoginResponse>('/api/auth/login', credentials, { headers: { [CONSOLE_HEADER]: 'admin' }, withCredentials: true });
  }

  /** `GET /api/auth/methods`: whether this gateway takes passwords (development) and company sign-in (OpenID Connect). */
  methods(): Observable<SignInMethods> {
    return this.http.get<SignInMethods>('/api/auth/methods');
  }
}
