import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { describeFailure } from '@switchboard/client';
import { MAX_INVITE_NOTE } from '@switchboard/contracts';
import { ChatCommands } from '../chat/chat-commands';
import { DialogFrame } from '../dialogs/dialog-frame';

/** Issue 16 (ADR 24): invite a colleague into the chat (the R6 transfer rules say who), with a note for them. */
@Component({
  selector: 'sb-invite-dialog',
  imports: [DialogFrame, FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule, MatRadioModule],
  template: `
    <sb-dialog-frame heading="Invite a colleague" [error]="error()">
      @if (loading()) {
        <div class="sb-dialog-loading"><mat-progress-spinner diameter="32" mode="indeterminate" /></div>
      } @else if (agents().length === 0) {
        <div class="sb-empty sb-empty-small"><mat-icon>person_off</mat-icon><p>No other agent who can join this chat is online right now.</p></div>
      } @else {
        <mat-radio-group class="sb-radio-list" [(ngModel)]="agentId" name="agent" aria-label="Colleague">
          @for (a of agents(); track a.id) {
            <mat-radio-button [value]="a.id"><span class="sb-radio-label"><span class="sb-presence-dot"></span>{{ a.name }}</span></mat-radio-button>
          }
        </mat-radio-group>
        <mat-form-field class="sb-full">
          <mat-label>Note for your colleague</mat-label>
          <textarea matInput name="note" [(ngModel)]="note" rows="3" [maxlength]="maxNote" placeholder="Why you need them (the end user never sees this)"></textarea>
        </mat-form-field>
        <p class="sb-hint">They see the whole chat once they accept; you stay responsible for it.</p>
      }
      <ng-container sbDialogActions>
        <button matButton mat-dialog-close>Cancel</button>
        <button matButton="filled" (click)="submit()" [disabled]="busy() || !agentId" data-testid="invite-send"><mat-icon>group_add</mat-icon> Invite</button>
      </ng-container>
    </sb-dialog-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteDialog implements OnInit {
  private readonly commands = inject(ChatCommands);
  private readonly ref = inject(MatDialogRef<InviteDialog, boolean>);
  protected readonly data = inject<{ sessionId: string; exclude?: readonly string[] }>(MAT_DIALOG_DATA);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly agents = signal<Array<{ id: string; name: string }>>([]);
  protected readonly maxNote = MAX_INVITE_NOTE;
  protected agentId = '';
  protected note = '';

  async ngOnInit(): Promise<void> {
    try {
      // The same colleagues a transfer could go to (R6), less those already in the chat or invited.
      const exclude = new Set(this.data.exclude ?? []);
      this.agents.set((await this.commands.transferTargets(this.data.sessionId)).agents.filter((a) => !exclude.has(a.id)));
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async submit(): Promise<void> {
    if (!this.agentId) return;
    this.busy.set(true);
    this.error.set(undefined);
    try {
      await this.commands.invite(this.data.sessionId, this.agentId, this.note);
      this.ref.close(true);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
