import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { AfterHours } from './chat/after-hours';
import { ChatPanel } from './chat/chat-panel';
import { StartForm } from './chat/start-form';
import { LoginPage } from '@switchboard/chat-ui';
import { WidgetStore } from './session/widget-store';

@Component({
  selector: 'sb-root',
  imports: [AfterHours, ChatPanel, LoginPage, MatButtonModule, MatIconModule, MatProgressSpinnerModule, StartForm],
  template: `
    <div class="sb-page">
      <header class="sb-topbar">
        <div class="sb-brand"><span class="sb-brand-mark"><mat-icon>forum</mat-icon></span><span>Service desk chat</span></div>
        @if (store.phase() !== 'signedOut') {
          <span class="sb-spacer"></span>
          <span class="sb-user"><mat-icon>account_circle</mat-icon>{{ store.userName() }}</span>
          <button matButton (click)="store.signOut()"><mat-icon>logout</mat-icon> Sign out</button>
        }
      </header>
      <main class="sb-main">
        @switch (store.phase()) {
          @case ('signedOut') {
            <sb-login-page heading="Chat with the service desk" subtitle="Sign in with your company account to start a chat."
              [busy]="store.busy()" [error]="store.error()" [companySignInUrl]="store.companySignInUrl()" [passwordSignIn]="store.passwordSignIn()" (signIn)="store.signIn($event.username, $event.password)" />
          }
          @case ('connecting') {
            <div class="sb-card sb-center" role="status"><mat-progress-spinner mode="indeterminate" diameter="40" /><p>Connecting…</p></div>
          }
          @case ('start') {
            @if (store.afterHours(); as closed) {
              <sb-after-hours [nextOpeningAt]="closed.nextOpeningAt" [description]="closed.description" [busy]="store.busy()" [error]="store.error()"
                (leave)="store.leaveMessageAfterHours()" (back)="store.dismissAfterHours()" />
            } @else {
              <sb-start-form [useTopics]="store.useTopics()" [topics]="store.topics()" [busy]="store.busy()" [error]="store.error()"
                (start)="store.start($event.description, $event.topic)" />
            }
          }
          @case ('chat') {
            <sb-chat-panel />
          }
        }
      </main>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App implements OnInit {
  protected readonly store = inject(WidgetStore);

  ngOnInit(): void {
    void this.store.restore();
  }
}
