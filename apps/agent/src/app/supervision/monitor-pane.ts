import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MessageText } from '@switchboard/chat-ui';
import { SupervisionStore } from './supervision-store';

/**
 * Issue 16: a chat a supervisor opened from the board, read-only and live
 * (silent monitor: the end user is not told), with a whisper box (a note
 * only the agent sees) and Take over (the chat becomes the supervisor's; if
 * someone else was first, the refusal is said in plain words).
 */
@Component({
  selector: 'sb-monitor-pane',
  imports: [DatePipe, FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MessageText],
  template: `
    @if (store.monitored(); as chat) {
      <header class="sb-pane-head" data-testid="monitor-pane">
        <div class="sb-pane-title">
          <h2 data-testid="monitor-title">{{ chat.row?.endUserName ?? chat.summary.endUserId }}</h2>
          <div class="sb-chips">
            <span class="sb-tag sb-tag-warn" data-testid="monitor-tag"><mat-icon>visibility</mat-icon>Monitoring · read-only · the end user is not told</span>
            <span class="sb-tag sb-tag-quiet"><mat-icon>groups</mat-icon>{{ chat.summary.queue }}</span>
            <span class="sb-tag sb-tag-quiet" data-testid="monitor-owner"><mat-icon>support_agent</mat-icon>{{ ownerName() }}</span>
            @if (chat.summary.helpFlag ?? chat.row?.helpFlag) {
              <span class="sb-tag sb-tag-alarm" data-testid="monitor-help-flag"><mat-icon>pan_tool</mat-icon>Help requested</span>
            }
          </div>
        </div>
        <button matButton="outlined" (click)="join()" [disabled]="!chat.summary.ownerAgentId || busy()" data-testid="barge-in"><mat-icon>group_add</mat-icon> Join</button>
        <button matButton="filled" (click)="takeOver()" [disabled]="!chat.summary.ownerAgentId || busy()" data-testid="take-over"><mat-icon>front_hand</mat-icon> Take over</button>
        <button matButton="outlined" (click)="store.stopMonitoring()" data-testid="stop-monitoring"><mat-icon>visibility_off</mat-icon> Stop</button>
      </header>
      @if (chat.error; as error) {
        <div class="sb-alert sb-alert-inline" role="alert" data-testid="monitor-error"><mat-icon>error</mat-icon><span>{{ error }}</span></div>
      }
      <ol class="sb-transcript" aria-label="Chat history (monitored)" aria-live="polite" data-testid="monitor-transcript">
        @if (chat.hasOlder) {
          <li class="sb-history-marker">Earlier messages are in the chat's history.</li>
        }
        @for (line of store.monitoredTranscript(); track line.seq + line.kind + $index) {
          @switch (line.kind) {
            @case ('system') {
              <li class="sb-system" [attr.data-tone]="line.tone"><span>{{ line.text }}</span></li>
            }
            @case ('note') {
              <li class="sb-note" data-testid="monitor-note">
                <div class="sb-note-head"><mat-icon>sticky_note_2</mat-icon> {{ line.author }} · {{ line.at | date: 'shortTime' }}</div>
                <sb-message-text class="sb-text" [text]="line.text" />
              </li>
            }
            @default {
              <li class="sb-msg" [class.sb-mine]="line.from === 'agent'">
                <div class="sb-bubble">
                  <div class="sb-meta">{{ line.author }} · {{ line.at | date: 'shortTime' }}</div>
                  <sb-message-text class="sb-text" [text]="line.attachment ? '(a file)' : line.text" />
                </div>
              </li>
            }
          }
        }
      </ol>
      @if (chat.summary.ownerAgentId) {
        <form class="sb-composer sb-composer-note" (ngSubmit)="whisper()">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Whisper to {{ ownerName() }} (the end user never sees it)</mat-label>
            <textarea matInput name="whisper" rows="2" maxlength="4000" [(ngModel)]="draft" (keydown.enter)="onEnter($any($event))" data-testid="whisper-text"></textarea>
          </mat-form-field>
          <button matButton="filled" type="submit" [disabled]="!draft().trim() || busy()" data-testid="whisper-send"><mat-icon>record_voice_over</mat-icon> Whisper</button>
        </form>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitorPane {
  protected readonly store = inject(SupervisionStore);
  private readonly snack = inject(MatSnackBar);
  protected readonly draft = signal('');
  protected readonly busy = signal(false);
  protected readonly ownerName = computed(() => {
    const chat = this.store.monitored();
    return chat?.summary.ownerAgentId ? (this.store.agentName(chat.summary.ownerAgentId) ?? chat.summary.ownerAgentId) : 'No agent';
  });

  protected onEnter(event: KeyboardEvent): void {
    if (event.shiftKey) return;
    event.preventDefault();
    void this.whisper();
  }

  protected async whisper(): Promise<void> {
    const text = this.draft().trim();
    if (!text) return;
    this.busy.set(true);
    try {
      await this.store.whisper(text);
      this.draft.set('');
    } catch {
      // Said on the pane (the store keeps the refusal).
    } finally {
      this.busy.set(false);
    }
  }

  /** Issue 16: barge-in, a visible join beside the owning agent. */
  protected async join(): Promise<void> {
    this.busy.set(true);
    try {
      if (await this.store.join()) this.snack.open('You joined the chat: the end user sees you. It is in My Chats.', undefined, { duration: 4000 });
    } finally {
      this.busy.set(false);
    }
  }

  protected async takeOver(): Promise<void> {
    this.busy.set(true);
    try {
      if (await this.store.takeOver()) this.snack.open('You took the chat over. It is now in My Chats.', undefined, { duration: 4000 });
    } finally {
      this.busy.set(false);
    }
  }
}
