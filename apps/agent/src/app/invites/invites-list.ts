import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { InvitesStore } from './invites-store';
import { PendingAction } from '../shared/pending-action';

/** Issue 16 (ADR 24): the Invites tab: colleagues' invitations into their chats, each with Accept and Decline. */
@Component({
  selector: 'sb-invites-list',
  imports: [DatePipe, MatButtonModule, MatIconModule],
  template: `
    @if (error(); as message) {
      <div class="sb-alert sb-alert-inline" role="alert" data-testid="invite-error"><mat-icon>error</mat-icon><span>{{ message }}</span></div>
    }
    @if (store.invites().length === 0) {
      <div class="sb-empty"><mat-icon>group_add</mat-icon><p>No invitations. When a colleague invites you into a chat, it appears here.</p></div>
    } @else {
      <ul class="sb-list" aria-label="Invitations">
        @for (row of store.invites(); track row.sessionId) {
          <li class="sb-list-item sb-invite" data-testid="invite">
            <div class="sb-invite-head">
              <strong data-testid="invite-from">{{ row.invite.fromAgentName }}</strong> invites you · {{ row.invite.at | date: 'shortTime' }}
            </div>
            <div class="sb-muted">{{ row.endUserName ?? 'A chat' }} · {{ row.queue }}</div>
            @if (row.invite.note) {
              <p class="sb-invite-note" data-testid="invite-note">{{ row.invite.note }}</p>
            }
            <div class="sb-invite-actions">
              <button matButton="filled" (click)="accept(row.sessionId)" [disabled]="busy()" data-testid="invite-accept"><mat-icon>login</mat-icon> Accept</button>
              <button matButton (click)="decline(row.sessionId)" [disabled]="busy()" data-testid="invite-decline">Decline</button>
            </div>
          </li>
        }
      </ul>
    }
  `,
  // One invitation a card: who and when, the chat, the note, then the two answers (the list column is narrow).
  styles: `
    .sb-invite { flex-direction: column; align-items: stretch; gap: 4px; }
    .sb-invite-note { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .sb-invite-actions { display: flex; gap: 8px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitesList {
  protected readonly store = inject(InvitesStore);
  private readonly action = new PendingAction();
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;

  protected accept(sessionId: string): Promise<void> {
    return this.action.run(() => this.store.accept(sessionId));
  }

  protected decline(sessionId: string): Promise<void> {
    return this.action.run(() => this.store.decline(sessionId));
  }
}
