import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ConsolePage } from './console/console-page';
import { LoginPage } from '@switchboard/chat-ui';
import { AgentStore } from './session/agent-store';

@Component({
  selector: 'sb-root',
  imports: [ConsolePage, LoginPage, MatIconModule, MatProgressSpinnerModule],
  template: `
    @if (store.signedIn()) {
      <sb-console-page />
    } @else if (store.connecting()) {
      <div class="sb-login-page"><div class="sb-card sb-center" role="status"><mat-progress-spinner mode="indeterminate" diameter="40" /><p>Connecting…</p></div></div>
    } @else {
      <div class="sb-login-page">
        <sb-login-page heading="Agent console" subtitle="Sign in to take chats from your support queues." [busy]="store.busy()" [error]="store.error()" [companySignInUrl]="store.companySignInUrl()" [passwordSignIn]="store.passwordSignIn()"
          (signIn)="store.signIn($event.username, $event.password)" />
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App implements OnInit {
  protected readonly store = inject(AgentStore);

  ngOnInit(): void {
    void this.store.restore();
  }
}
