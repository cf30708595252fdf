import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AttachmentView, ConfirmDialog, filesOf, MessageText, type ConfirmData } from '@switchboard/chat-ui';
import { maskedNote, receiptOf, RECEIPT_LABELS, shortTicketId } from '@switchboard/client';
import { MAX_RATING_COMMENT } from '@switchboard/contracts';
import { placeInQueue } from './queue-place';
import { WidgetStore } from '../session/widget-store';
import { TranscriptActions } from '../transcript/transcript-actions';

/** How close to the top of the transcript (px) the previous page starts loading. */
const TOP_MARGIN_PX = 48;

/** The chat: queue status while waiting (R1), the agent's name once accepted (R3.2), messages, notifications (R5.2, R8, R9.3), cancel (R11). */
@Component({
  selector: 'sb-chat-panel',
  imports: [TranscriptActions, DatePipe, FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MessageText, AttachmentView],
  template: `
    <section class="sb-card sb-chat" aria-label="Chat" (dragover)="onDragOver($event)" (drop)="onDrop($event)">
      <header class="sb-chat-head" [attr.data-stage]="store.stage()">
        <span class="sb-avatar" [class.sb-avatar-agent]="store.stage() === 'chatting'"><mat-icon>{{ headIcon() }}</mat-icon></span>
        <div class="sb-chat-title">
          <h1 data-testid="status-title">{{ title() }}</h1>
          <p class="sb-muted" data-testid="status-text">{{ subtitle() }}</p>
          @if (store.stage() === 'waiting' && store.waitEstimate(); as wait) {
            <p class="sb-wait" data-testid="wait-estimate" role="status"><mat-icon aria-hidden="true">schedule</mat-icon>{{ wait }}</p>
          }
        </div>
        @if (open()) {
          <button matButton="outlined" (click)="cancel()" data-testid="cancel-chat"><mat-icon>close</mat-icon> Cancel chat</button>
        } @else if (store.stage() !== 'cancelled') {
          <!-- R1.2: while the agent still holds a cancelled chat it is the open one, so a new chat waits for its close. -->
          <button matButton="filled" (click)="store.newChat()" data-testid="new-chat"><mat-icon>add_comment</mat-icon> Start a new chat</button>
        }
      </header>
      @if (store.stage() === 'waiting' || store.stage() === 'transferring') {
        <mat-progress-bar mode="indeterminate" aria-label="Waiting for an agent" />
      }
      @if (store.stillThere(); as asked) {
        <!-- Issue 15: the end user left the agent unanswered; any message (this button sends one) keeps the chat open. -->
        <div class="sb-banner sb-banner-warning" role="alert" data-testid="still-there">
          <mat-icon>help</mat-icon>
          <span>Are you still there?@if (asked.closesAt) { The chat closes at {{ asked.closesAt | date: 'shortTime' }} unless you reply.}</span>
          <button matButton type="button" (click)="stillHere()" data-testid="still-here">I'm still here</button>
        </div>
      }
      @if (store.longWait()) {
        <!-- Issue 15: the desk's maximum wait passed: leave a message or keep waiting. -->
        <div class="sb-banner sb-banner-warning" role="status" data-testid="long-wait">
          <mat-icon>hourglass_bottom</mat-icon>
          <span>Sorry for the wait: all agents are busy. Leave us a message and we will get back to you, or keep waiting.</span>
          <button matButton type="button" (click)="store.keepWaiting()" data-testid="keep-waiting">Keep waiting</button>
          <button matButton="filled" type="button" (click)="store.leaveMessage()" data-testid="leave-message-now"><mat-icon>mail</mat-icon> Leave a message</button>
        </div>
      }
      @if (store.reconnecting()) {
        <div class="sb-banner sb-banner-warning" role="status"><mat-icon>wifi_off</mat-icon> Connection lost. Reconnecting… your conversation is kept.</div>
      }
      <ol class="sb-transcript" #scroller aria-live="polite" data-testid="transcript" (scroll)="onScroll()">
        @if (store.loadingOlder()) {
          <li class="sb-history-marker" role="status" data-testid="history-loading"><mat-icon>hourglass_top</mat-icon> Loading earlier messages…</li>
        } @else if (store.hasOlder()) {
          <li class="sb-history-marker"><button matButton type="button" (click)="loadOlder()" data-testid="history-more"><mat-icon>expand_less</mat-icon> Show earlier messages</button></li>
        } @else {
          <li class="sb-history-marker" data-testid="history-start">Start of the conversation</li>
        }
        @for (line of store.transcript(); track line.seq + line.kind + $index) {
          @if (line.kind === 'system') {
            <li class="sb-system" [attr.data-tone]="line.tone"><span>{{ line.text }}</span></li>
          } @else {
            <li class="sb-msg" [class.sb-mine]="line.from === 'endUser'">
              <div class="sb-bubble">
                <div class="sb-meta">{{ line.from === 'endUser' ? 'You' : line.author }} · {{ line.at | date: 'shortTime' }}</div>
                @if (line.attachment && store.summary(); as session) {
                  <sb-attachment [sessionId]="session.sessionId" [attachment]="line.attachment" />
                } @else {
                  <sb-message-text class="sb-text" [text]="line.text" />
                }
                <!-- What was masked is told to the end user only under their own lines. -->
                @if (line.from === 'endUser' && maskedNote(line.masked); as note) {
                  <div class="sb-masked-note" data-testid="masked-note"><mat-icon>visibility_off</mat-icon>{{ note }}</div>
                }
                <!-- Issue 17: under the end user's own lines, whether the agent's side has them and saw them. -->
                @if (line.from === 'endUser') {
                  @let mark = receiptOf(line.seq, store.receipts()?.agent);
                  <div class="sb-receipt" [attr.data-receipt]="mark" data-testid="receipt">
                    <mat-icon>{{ mark === 'sent' ? 'check' : 'done_all' }}</mat-icon>{{ receiptLabels[mark] }}
                  </div>
                }
              </div>
            </li>
          }
        }
      </ol>
      @if (store.agentTyping() && open()) {
        <div class="sb-typing" role="status" data-testid="typing"><span class="sb-typing-dots" aria-hidden="true"><i></i><i></i><i></i></span>{{ store.facts().agentName ?? 'The agent' }} is typing…</div>
      }
      @if (store.stage() === 'ended' && store.summary()) {
        @if (store.rated(); as r) {
          <div class="sb-banner" role="status" data-testid="rating-thanks"><mat-icon>sentiment_satisfied</mat-icon> Thank you! You rated this chat {{ r.score }} out of 5.</div>
        } @else {
          <form class="sb-rating" (ngSubmit)="rate()" aria-label="Rate this chat" data-testid="rating">
            <p><strong>How did we do?</strong> Rate this chat.</p>
            <div class="sb-stars" role="radiogroup" aria-label="Rating, 1 to 5">
              @for (n of stars; track n) {
                <button type="button" matIconButton role="radio" [attr.aria-checked]="score === n" [attr.aria-label]="n + ' out of 5'"
                  [class.sb-star-on]="score >= n" (click)="score = n" [attr.data-testid]="'star-' + n"><mat-icon>{{ score >= n ? 'star' : 'star_border' }}</mat-icon></button>
              }
            </div>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Comment (optional)</mat-label>
              <textarea matInput name="ratingComment" [(ngModel)]="comment" rows="2" [maxlength]="maxComment" data-testid="rating-comment"></textarea>
            </mat-form-field>
            <button matButton="filled" type="submit" [disabled]="!score || store.rating()" data-testid="rating-submit"><mat-icon>send</mat-icon> Send rating</button>
          </form>
        }
      }
      @if (store.summary(); as session) {
        <sb-transcript-actions [sessionId]="session.sessionId" [ended]="!open()" />
      }
      @if (store.error()) {
        <div class="sb-alert sb-alert-inline" role="alert"><mat-icon>error</mat-icon><span>{{ store.error() }}</span></div>
      }
      @for (name of store.uploading(); track $index) {
        <div class="sb-banner" role="status" data-testid="uploading"><mat-icon>upload</mat-icon> Sending {{ name }}…</div>
      }
      @if (canWrite()) {
        <form class="sb-composer" (ngSubmit)="send()">
          <input #filePicker type="file" hidden (change)="onPicked(filePicker)" data-testid="file-input" />
          <button matIconButton type="button" (click)="filePicker.click()" aria-label="Attach a file or screenshot" data-testid="attach"><mat-icon>attach_file</mat-icon></button>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Write a message</mat-label>
            <textarea matInput name="draft" [(ngModel)]="draft" rows="2" maxlength="4000" (keydown.enter)="onEnter($any($event))" (input)="store.typing()"
              (paste)="onPaste($event)" data-testid="composer"></textarea>
          </mat-form-field>
          <button matButton="filled" type="submit" [disabled]="!draft.trim()" aria-label="Send message"><mat-icon>send</mat-icon> Send</button>
        </form>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPanel {
  protected readonly store = inject(WidgetStore);
  private readonly dialog = inject(MatDialog);
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  protected draft = '';
  protected readonly maskedNote = maskedNote;
  protected readonly receiptOf = receiptOf;
  protected readonly receiptLabels = RECEIPT_LABELS;
  protected readonly stars = [1, 2, 3, 4, 5];
  protected readonly maxComment = MAX_RATING_COMMENT;
  /** The rating being chosen (0: none yet) and its comment. */
  protected score = 0;
  protected comment = '';

  protected readonly open = computed(() => ['waiting', 'transferring', 'chatting'].includes(this.store.stage()));
  protected readonly canWrite = computed(() => this.open());
  protected readonly headIcon = computed(() => ({ waiting: 'hourglass_top', transferring: 'swap_horiz', chatting: 'support_agent', cancelled: 'cancel', ended: this.store.closedFor() ? 'timer_off' : 'check_circle' })[this.store.stage()]);
  protected readonly title = computed(() => {
    const facts = this.store.facts();
    switch (this.store.stage()) {
      case 'waiting':
        return 'Waiting for an agent';
      case 'transferring':
        return 'Transferring your chat';
      case 'chatting':
        return facts.agentName ?? 'Agent';
      case 'cancelled':
        return 'Chat cancelled';
      default:
        return this.store.closedFor() !== undefined ? 'Chat closed' : this.store.messageLeft() ? 'Message left' : 'Chat ended';
    }
  });
  protected readonly subtitle = computed(() => {
    const s = this.store.summary();
    switch (this.store.stage()) {
      case 'waiting':
        return `${placeInQueue(this.store.queuePosition(), s?.queue ?? 'support')} The first available agent will join you; you can already add details below.`;
      case 'transferring':
        return 'Another agent will take over in a moment. Your conversation is kept.';
      case 'chatting':
        return 'is helping you now';
      case 'cancelled':
        return 'You cancelled this chat. The agent has been told; you can start a new chat as soon as they close this one.';
      default: {
        const ticket = this.store.messageLeft();
        if (ticket) return `Your message was left for the team (ticket ${shortTicketId(ticket)}). We will get back to you.`;
        switch (this.store.closedFor()) {
          case 'userInactive':
            return 'We did not hear from you for a while, so the chat was closed. Start a new chat whenever you need us.';
          case 'userLeft':
            return 'You left, so the chat was closed. Start a new chat whenever you need us.';
          default:
            return 'Thank you for contacting the service desk.';
        }
      }
    }
  });

  /** The chat and newest line last shown: a new line (or another chat) scrolls to the bottom; older pages keep the view where it is. */
  private shown?: { id?: string; newest?: number };

  constructor() {
    effect(() => {
      const id = this.store.summary()?.sessionId;
      const newest = this.store.transcript().at(-1)?.seq;
      const el = this.scroller()?.nativeElement;
      if (!el) return;
      const toBottom = this.shown?.id !== id || this.shown?.newest !== newest;
      this.shown = { id, newest };
      // Measured before the view changes, applied after it did.
      const fromBottom = el.scrollHeight - el.scrollTop;
      queueMicrotask(() => (el.scrollTop = toBottom ? el.scrollHeight : el.scrollHeight - fromBottom));
    });
  }

  /** At the top of the transcript: the previous page of the conversation. */
  protected onScroll(): void {
    const el = this.scroller()?.nativeElement;
    if (el && el.scrollTop < TOP_MARGIN_PX) void this.loadOlder();
  }

  protected loadOlder(): Promise<void> {
    return this.store.loadOlder();
  }

  /** A screenshot pasted into the message field is sent as a file (text pastes stay text). */
  protected onPaste(event: ClipboardEvent): void {
    const files = filesOf(event.clipboardData);
    if (files.length === 0 || !this.canWrite()) return;
    event.preventDefault();
    for (const file of files) void this.store.sendFile(file);
  }

  protected onDragOver(event: DragEvent): void {
    if (this.canWrite() && event.dataTransfer?.types.includes('Files')) event.preventDefault();
  }

  /** Files dropped on the chat are sent. */
  protected onDrop(event: DragEvent): void {
    const files = filesOf(event.dataTransfer);
    if (files.length === 0 || !this.canWrite()) return;
    event.preventDefault();
    for (const file of files) void this.store.sendFile(file);
  }

  protected onPicked(input: HTMLInputElement): void {
    for (const file of [...(input.files ?? [])]) void this.store.sendFile(file);
    input.value = '';
  }

  protected onEnter(event: KeyboardEvent): void {
    if (event.shiftKey) return;
    event.preventDefault();
    this.send();
  }

  protected async send(): Promise<void> {
    const text = this.draft.trim();
    if (!text) return;
    this.draft = '';
    if (!(await this.store.send(text))) this.draft = text;
  }

  protected async rate(): Promise<void> {
    if (!this.score) return;
    await this.store.rate(this.score, this.comment);
  }

  /** Issue 15: an answer to "Are you still there?" (any message would do). */
  protected async stillHere(): Promise<void> {
    await this.store.send("I'm still here");
  }

  protected cancel(): void {
    const data: ConfirmData = {
      title: 'Cancel this chat?',
      message: this.store.stage() === 'chatting' ? 'The agent will be told that you cancelled, and you will not be able to send more messages in this chat.' : 'You will leave the queue.',
      confirm: 'Cancel chat',
      cancel: 'Keep chatting',
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '440px' })
      .afterClosed()
      .subscribe((yes) => {
        if (yes) void this.store.cancel();
      });
  }
}

