import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** Sign-in: with the company account (OpenID Connect, when the gateway has it) and with a password where the gateway takes passwords. */
@Component({
  selector: 'sb-login-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule],
  template: `
    <form class="sb-card sb-login" (ngSubmit)="submit()" #f="ngForm">
      <div class="sb-brand"><span class="sb-brand-mark"><mat-icon>forum</mat-icon></span><span>Switchboard</span></div>
      <h1>{{ heading() }}</h1>
      <p class="sb-muted">{{ subtitle() }}</p>
      @if (error()) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon><span>{{ error() }}</span></div>
      }
      @if (companySignInUrl(); as url) {
        <a matButton="filled" class="sb-company-sign-in" [href]="url"><mat-icon>badge</mat-icon>Sign in with your company account</a>
      }
      @if (passwordSignIn()) {
      <mat-form-field>
        <mat-label>Username</mat-label>
        <input matInput name="username" [(ngModel)]="username" autocomplete="username" required cdkFocusInitial autofocus />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Password</mat-label>
        <input matInput name="password" type="password" [(ngModel)]="password" autocomplete="current-password" required />
      </mat-form-field>
      <button matButton="filled" type="submit" [disabled]="busy() || !username.trim() || !password">
        @if (busy()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" />
        } @else {
          Sign in
        }
      </button>
      }
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  readonly heading = input('Sign in');
  readonly subtitle = input('');
  readonly busy = input(false);
  readonly error = input<string | undefined>(undefined);
  /** The gateway's company sign-in address; no button without it. */
  readonly companySignInUrl = input<string | undefined>(undefined);
  /** The password form (development gateways). */
  readonly passwordSignIn = input(true);
  readonly signIn = output<{ username: string; password: string }>();
  protected username = '';
  protected password = '';

  protected submit(): void {
    if (!this.username.trim() || !this.password || this.busy()) return;
    this.signIn.emit({ username: this.username.trim(), password: this.password });
  }
}
