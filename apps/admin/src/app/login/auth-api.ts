import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

/** The gateway's authentication endpoints (same origin as the console). */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  /** `POST /api/auth/login`. The answer's shape is not defined yet. */
  login(credentials: LoginCredentials): Observable<unknown> {
    return this.http.post<unknown>('/api/auth/login', credentials);
  }
}
