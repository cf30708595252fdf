import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import type { Principal } from '@switchboard/contracts';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { describeHttpError, type HttpErrorDescription } from '../http-errors/describe-http-error';
import { AuthSession } from '../core/auth/auth-session';
import { AuthApi } from './auth-api';
import { loginFieldError, notBlank, PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH } from './login-form';
import { OUTLINE_FIELDS } from '../shared/outline-fields';

const LOGIN_EXPLANATIONS = { 401: 'The username or password is not correct.' };

/**
 * Sign-in: through the company's identity provider (OpenID Connect, when the
 * gateway has one), and the password form where the gateway takes passwords
 * (development). Shows the server's error message when sign-in fails.
 */
@Component({
  selector: 'sb-login-page',
  providers: [OUTLINE_FIELDS],
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    NgTemplateOutlet,
    ReactiveFormsModule,
  ],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly session = inject(AuthSession);
  private readonly document = inject(DOCUMENT);

  /** Which ways of signing in the gateway offers; the password form shows until it has answered. */
  protected readonly passwordSignIn = signal(true);
  protected readonly companySignIn = signal(false);
  /** The gateway's company sign-in, coming back to this page with the sign-in cookie set. */
  protected readonly companySignInUrl = `/api/auth/oidc/login?returnTo=${encodeURIComponent(new URL('login', this.document.baseURI).pathname)}`;

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [notBlank, Validators.maxLength(USERNAME_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly submitting = signal(false);
  protected readonly failure = signal<HttpErrorDescription | null>(null);
  protected readonly passwordVisible = signal(false);
  /** Why the user was sent here: a sign-in that expired, or an account that is not an administrator. */
  protected readonly notice = signal<string | null>(
    ({
      expired: 'Your sign-in has expired. Sign in again to continue.',
      forbidden: 'The admin console is for administrators only. Sign in with an administrator account.',
    } as Record<string, string>)[this.route.snapshot.queryParamMap.get('reason') ?? ''] ?? null,
  );

  constructor() {
    // Back from the company's provider (or a reload of this page): the sign-in the cookie holds, if any.
    void this.session.restore().then(() => {
      const principal = this.session.principal();
      if (principal) this.accept(principal);
    });
    this.authApi
      .methods()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (methods) => {
          this.passwordSignIn.set(methods?.password !== false);
          this.companySignIn.set(methods?.oidc === true);
        },
        // An older gateway without the endpoint: passwords only.
        error: () => undefined,
      });
  }

    protected fieldError(field: 'username' | 'password'): string | null {
    return loginFieldError(field, this.form.controls[field].errors);
  }

  protected togglePasswordVisibility(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;

    const { username, password } = this.form.getRawValue();
    this.failure.set(null);
    this.notice.set(null);
    this.submitting.set(true);
    this.form.disable();
    this.authApi
      .login({ username: username.trim(), password })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          this.submitting.set(false);
          this.form.enable();
          if (!response?.token || !response.principal) {
            this.failure.set({ message: 'The gateway answered without a sign-in. Try again.', status: null });
            return;
          }
          this.session.signIn(response);
          this.accept(response.principal);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.form.enable();
          this.failure.set(
            error instanceof HttpErrorResponse
              ? describeHttpError(error, LOGIN_EXPLANATIONS)
              : { message: 'Sign-in failed unexpectedly. Try again.', status: null },
          );
        },
      });
  }

  /** R19: only administrators use the console; another role's sign-in is ended at once. */
  private accept(principal: Principal): void {
    if (principal.role !== 'admin') {
      this.session.signOut();
      this.notice.set(null);
      this.failure.set({ message: `${principal.name} is not an administrator. The admin console is for administrators only.`, status: null });
      return;
    }
    void this.router.navigateByUrl(this.returnUrl());
  }

  /** `?returnUrl=/agents` brings the user back where they were; only paths inside the console. */
  private returnUrl(): string {
    const requested = this.route.snapshot.queryParamMap.get('returnUrl');
    return requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/dashboard';
  }
}
