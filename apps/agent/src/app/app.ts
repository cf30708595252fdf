import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ConsolePage } from './console/console-page';
import { LoginPage } from '@switchboard/chat-ui';
import { AgentConnection } from './session/agent-connection';

@Component({
  selector: 'sb-root',
  imports: [ConsolePage, LoginPage, MatIconModule, MatProgressSpinnerModule],
  template: `
    @if (connection.signedIn()) {
      <sb-console-page />
    } @else if (connection.connecting()) {
      <div class="sb-login-page"><div class="sb-card sb-center" role="status"><mat-progress-spinner mode="indeterminate" diameter="40" /><p>Connecting…</p></div></div>
    } @else {
      <div class="sb-login-page">
        <sb-login-page heading="Agent console" subtitle="Sign in to take chats from your support queues." [busy]="connection.busy()" [error]="connection.error()" [companySignInUrl]="connection.companySignInUrl()" [passwordSignIn]="connection.passwordSignIn()"
          (signIn)="connection.signIn($event.username, $event.password)" />
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App implements OnInit {
  protected readonly connection = inject(AgentConnection);

  ngOnInit(): void {
    void this.connection.restore();
  }
}
