import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { DialogFrame } from './dialog-frame';
import { TicketIdPipe } from '../shared/ticket-id.pipe';

/** What the End Chat dialog answers: undefined = Cancel (nothing changes). */
export interface EndChoice {
  /** With a ticket: true = resolve it and end, false = end without resolving (R9.1). Without one: absent. */
  resolveTicket?: boolean;
}

/** R9: with a ticket Yes resolves and ends, No ends without resolving, Cancel returns; without a ticket Yes / No. */
@Component({
  selector: 'sb-end-chat-dialog',
  imports: [DialogFrame, MatButtonModule, MatDialogModule, TicketIdPipe],
  template: `
    <sb-dialog-frame heading="End chat">
      @if (data.ticket; as ticket) {
        <p>This chat has ticket <strong>{{ ticket.ticketId | ticketId }}</strong> ({{ ticket.summary }}).</p>
        <p>Resolve the ticket and end the chat?</p>
      } @else {
        <p>End this chat? The end user will be told that the chat has ended.</p>
      }
      <ng-container sbDialogActions>
        @if (data.ticket) {
          <button matButton [mat-dialog-close]="undefined">Cancel</button>
          <button matButton="outlined" [mat-dialog-close]="{ resolveTicket: false }">No, end without resolving</button>
          <button matButton="filled" [mat-dialog-close]="{ resolveTicket: true }" cdkFocusInitial>Yes, resolve and end</button>
        } @else {
          <button matButton [mat-dialog-close]="undefined">No</button>
          <button matButton="filled" [mat-dialog-close]="{}" cdkFocusInitial>Yes, end chat</button>
        }
      </ng-container>
    </sb-dialog-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndChatDialog {
  protected readonly data = inject<{ ticket?: { ticketId: string; summary: string } }>(MAT_DIALOG_DATA);
}
