import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { describeFailure } from '@switchboard/client';
import { DialogFrame } from './dialog-frame';
import { ChatCommands } from '../chat/chat-commands';

/** R5 / R6 / R7: transfer to an eligible online agent, or to a support queue when allowed, with a side note. */
@Component({
  selector: 'sb-transfer-dialog',
  imports: [DialogFrame, FormsModule, MatButtonModule, MatButtonToggleModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule, MatRadioModule],
  template: `
    <sb-dialog-frame heading="Transfer chat" [error]="error()">
      @if (loading()) {
        <div class="sb-dialog-loading"><mat-progress-spinner diameter="32" mode="indeterminate" /></div>
      } @else {
        <mat-button-toggle-group [(ngModel)]="kind" name="kind" aria-label="Transfer to" hideSingleSelectionIndicator>
          <mat-button-toggle value="agent"><mat-icon>person</mat-icon> An agent</mat-button-toggle>
          <mat-button-toggle value="queue" [disabled]="queues().length === 0"><mat-icon>groups</mat-icon> A support queue</mat-button-toggle>
        </mat-button-toggle-group>
        @if (queues().length === 0) {
          <p class="sb-hint">Transfers to a support queue need Support Queues and Use Topics to be on.</p>
        }
        @if (kind === 'agent') {
          @if (agents().length === 0) {
            <div class="sb-empty sb-empty-small"><mat-icon>person_off</mat-icon><p>No other agent who can take this chat is online right now.</p></div>
          } @else {
            <mat-radio-group class="sb-radio-list" [(ngModel)]="agentId" name="agent" aria-label="Agent">
              @for (a of agents(); track a.id) {
                <mat-radio-button [value]="a.id"><span class="sb-radio-label"><span class="sb-presence-dot"></span>{{ a.name }}</span></mat-radio-button>
              }
            </mat-radio-group>
          }
        } @else {
          <mat-radio-group class="sb-radio-list" [(ngModel)]="queueId" name="queue" aria-label="Support queue">
            @for (q of queues(); track q.id) {
              <mat-radio-button [value]="q.id">{{ q.id }}</mat-radio-button>
            }
          </mat-radio-group>
        }
        <mat-form-field class="sb-full">
          <mat-label>Side notes</mat-label>
          <textarea matInput name="note" [(ngModel)]="note" rows="3" maxlength="4000" placeholder="What the next agent should know (the end user never sees this)"></textarea>
        </mat-form-field>
      }
      <ng-container sbDialogActions>
        <button matButton mat-dialog-close>Cancel</button>
        <button matButton="filled" (click)="submit()" [disabled]="busy() || !target()"><mat-icon>send</mat-icon> Transfer</button>
      </ng-container>
    </sb-dialog-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferDialog implements OnInit {
  private readonly commands = inject(ChatCommands);
  private readonly ref = inject(MatDialogRef<TransferDialog, boolean>);
  protected readonly data = inject<{ sessionId: string }>(MAT_DIALOG_DATA);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly agents = signal<Array<{ id: string; name: string }>>([]);
  protected readonly queues = signal<Array<{ id: string }>>([]);
  protected kind: 'agent' | 'queue' = 'agent';
  protected agentId = '';
  protected queueId = '';
  protected note = '';

  async ngOnInit(): Promise<void> {
    try {
      const targets = await this.commands.transferTargets(this.data.sessionId);
      this.agents.set(targets.agents);
      this.queues.set(targets.queues);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected target(): { kind: 'agent' | 'queue'; id: string } | undefined {
    const id = this.kind === 'agent' ? this.agentId : this.queueId;
    return id ? { kind: this.kind, id } : undefined;
  }

  protected async submit(): Promise<void> {
    const target = this.target();
    if (!target) return;
    this.busy.set(true);
    this.error.set(undefined);
    try {
      await this.commands.transfer(this.data.sessionId, target, this.note);
      this.ref.close(true);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
