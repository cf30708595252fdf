import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { describeFailure } from '@switchboard/client';
import { DialogFrame } from './dialog-frame';
import { ChatCommands } from '../chat/chat-commands';

/** R14: a ticket from the chat (summary; the end user and company come from the chat). */
@Component({
  selector: 'sb-ticket-dialog',
  imports: [DialogFrame, FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <sb-dialog-frame heading="Create ticket" [error]="error()">
      <p class="sb-hint">The ticket is opened for {{ data.endUserName }} ({{ data.companyId }}) and linked to this chat.</p>
      <mat-form-field class="sb-full">
        <mat-label>Summary</mat-label>
        <textarea matInput name="summary" [(ngModel)]="summary" rows="3" maxlength="4000" required cdkFocusInitial></textarea>
      </mat-form-field>
      <ng-container sbDialogActions>
        <button matButton mat-dialog-close>Cancel</button>
        <button matButton="filled" (click)="submit()" [disabled]="busy() || !summary.trim()"><mat-icon>confirmation_number</mat-icon> Create ticket</button>
      </ng-container>
    </sb-dialog-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDialog {
  private readonly commands = inject(ChatCommands);
  private readonly ref = inject(MatDialogRef<TicketDialog, string>);
  protected readonly data = inject<{ sessionId: string; description: string; endUserName: string; companyId: string }>(MAT_DIALOG_DATA);
  protected summary = this.data.description;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      this.ref.close(await this.commands.createTicket(this.data.sessionId, this.summary.trim()));
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
