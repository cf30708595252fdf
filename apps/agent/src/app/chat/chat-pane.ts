import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ControlDialog } from '../dialogs/control-dialog';
import { EndChatDialog, type EndChoice } from '../dialogs/end-chat-dialog';
import { TicketDialog } from '../dialogs/ticket-dialog';
import { TransferDialog } from '../dialogs/transfer-dialog';
import { ListsStore } from '../lists/lists-store';
import { ChatCommands } from './chat-commands';
import { ChatsStore } from './chats-store';
import { DraftsStore } from './drafts-store';
import { AttachmentView, ConfirmDialog, filesOf, MessageText, type ConfirmData } from '@switchboard/chat-ui';
import { TicketIdPipe } from '../shared/ticket-id.pipe';
import { maskedNote, receiptOf, RECEIPT_LABELS, shortTicketId, type TranscriptEntry } from '@switchboard/client';
import { PRIORITY_MAX, PRIORITY_NAMES } from '@switchboard/contracts';
import { AgentConnection } from '../session/agent-connection';
import { InternalTranscript } from '../transcript/internal-transcript';
import { InviteDialog } from '../invites/invite-dialog';
import { HelpToggle } from '../supervision/help-toggle';

/** How close to the top of the transcript (px) the previous page starts loading. */
const TOP_MARGIN_PX = 48;

const STATUS_LABEL: Record<string, string> = {
  QUEUED: 'In queue',
  ASSIGNED: 'Assigned',
  PENDING_TRANSFER: 'Pending transfer',
  CLOSED: 'Closed',
  ABANDONED: 'Abandoned',
};

/** The selected chat: history with side notes (R3.3, R13), Accept (R3), Chat Actions (R5-R10, R14, R16), the reply with its draft. */
@Component({
  selector: 'sb-chat-pane',
  imports: [HelpToggle, InternalTranscript, DatePipe, TicketIdPipe, FormsModule, MatButtonModule, MatButtonToggleModule, MatDividerModule, MatFormFieldModule, MatIconModule, MatInputModule, MatMenuModule, MatTooltipModule, MessageText, AttachmentView],
  template: `
    @if (chats.selectedId(); as id) {
      <header class="sb-pane-head">
        <div class="sb-pane-title">
          <h2 data-testid="chat-title">{{ item()?.endUserName ?? facts().endUserName ?? summary()?.endUserId }}</h2>
          <div class="sb-chips">
            <span class="sb-tag" [attr.data-status]="summary()?.status" data-testid="chat-status">{{ statusLabel() }}</span>
            @if (summary()?.queue; as queue) {
              <span class="sb-tag sb-tag-quiet"><mat-icon>groups</mat-icon>{{ queue }}</span>
            }
            @if (lists.topicName(facts().topic); as topic) {
              <span class="sb-tag sb-tag-quiet"><mat-icon>label</mat-icon>{{ topic }}</span>
            }
            @if (facts().ticket; as ticket) {
              <span class="sb-tag" [attr.data-ticket]="ticket.status" [title]="ticket.ticketId + ': ' + ticket.summary" data-testid="ticket-chip"><mat-icon>confirmation_number</mat-icon>{{ ticket.ticketId | ticketId }} · {{ ticket.status }}</span>
            }
          </div>
          <!-- Issue 16 (ADR 24): who else is in the chat, and who is invited. -->
          @if (guests().length > 0 || pendingInvites().length > 0) {
            <div class="sb-chips sb-participants" data-testid="participants">
              @if (isGuest()) {
                <span class="sb-tag sb-tag-quiet" data-testid="participant-owner"><mat-icon>person</mat-icon>{{ ownerName() }} (owner)</span>
              }
              @for (g of guests(); track g.agentId) {
                <span class="sb-tag" data-testid="participant"><mat-icon>{{ g.via === 'bargeIn' ? 'supervisor_account' : 'person_add' }}</mat-icon>{{ g.agentName }}
                  @if (isOwner()) {
                    <button matIconButton class="sb-chip-remove" (click)="removeParticipant(id, g.agentId)" [attr.aria-label]="'Remove ' + g.agentName" data-testid="participant-remove"><mat-icon>close</mat-icon></button>
                  }
                </span>
              }
              @for (i of pendingInvites(); track i.agentId) {
                <span class="sb-tag sb-tag-quiet" data-testid="invited"><mat-icon>schedule</mat-icon>{{ i.agentName }} (invited)
                  @if (isOwner()) {
                    <button matIconButton class="sb-chip-remove" (click)="cancelInvite(id, i.agentId)" [attr.aria-label]="'Cancel the invitation of ' + i.agentName" data-testid="invite-cancel"><mat-icon>close</mat-icon></button>
                  }
                </span>
              }
            </div>
          }
        </div>
        @if (chats.selectedList() === 'queue' && summary()?.status === 'QUEUED' && (item()?.priority ?? 0) < maxPriority) {
          <button matButton="outlined" [matMenuTriggerFor]="priorityMenu" data-testid="raise-priority"><mat-icon>priority_high</mat-icon> Raise priority</button>
          <mat-menu #priorityMenu="matMenu" xPosition="before">
            @for (level of higherPriorities(); track level) {
              <button mat-menu-item (click)="raisePriority(id, level)" [attr.data-priority]="level">{{ priorityNames[level] }}</button>
            }
          </mat-menu>
        }
        @if (chats.selectedList() === 'queue' || chats.selectedList() === 'transferred') {
          <button matButton="filled" (click)="accept(id)" data-testid="accept"><mat-icon>check</mat-icon> Accept</button>
        }
        @if (isGuest()) {
          <sb-internal-transcript [sessionId]="id" />
          <button matButton="outlined" (click)="leave(id)" data-testid="leave-chat"><mat-icon>logout</mat-icon> Leave</button>
        } @else if (owned()) {
          <sb-help-toggle [sessionId]="id" />
          <sb-internal-transcript [sessionId]="id" />
          <button matButton="outlined" (click)="invite(id)" data-testid="invite"><mat-icon>group_add</mat-icon> Invite</button>
          <button matButton="outlined" [matMenuTriggerFor]="actions" data-testid="chat-actions"><mat-icon>more_horiz</mat-icon> Chat Actions</button>
          <mat-menu #actions="matMenu" xPosition="before">
            <button mat-menu-item (click)="transfer(id)"><mat-icon>swap_horiz</mat-icon> Transfer</button>
            <button mat-menu-item (click)="release(id)"><mat-icon>undo</mat-icon> Release</button>
            <button mat-menu-item (click)="createTicket(id)" [disabled]="!!facts().ticket"><mat-icon>confirmation_number</mat-icon> Create ticket</button>
            <button mat-menu-item (click)="requestControl(id)"><mat-icon>screen_share</mat-icon> Request Control</button>
            <mat-divider />
            <button mat-menu-item (click)="end(id)"><mat-icon>check_circle</mat-icon> End Chat</button>
            <button mat-menu-item (click)="abandon(id)"><mat-icon>block</mat-icon> Abandon</button>
          </mat-menu>
        }
      </header>
      @if (summary()?.cancelledByUser) {
        <div class="sb-banner sb-banner-warning" role="alert" data-testid="cancelled-banner">
          <mat-icon>cancel</mat-icon><span class="sb-banner-text"><strong>End user has cancelled chat.</strong> End it or abandon it to close it.</span>
          @if (isOwner()) {
            <button matButton (click)="end(id)">End Chat</button>
            <button matButton class="sb-danger" (click)="abandon(id)">Abandon</button>
          }
        </div>
      } @else if (summary()?.userLeft) {
        <div class="sb-banner sb-banner-warning" role="alert" data-testid="left-banner">
          <mat-icon>logout</mat-icon><span class="sb-banner-text"><strong>The end user left the chat.</strong> They may come back; otherwise abandon it.</span>
          @if (isOwner()) {
            <button matButton class="sb-danger" (click)="abandon(id)">Abandon</button>
          }
        </div>
      }
      @if (chats.selectedList() === 'transferred' && facts().lastNoteBy) {
        <div class="sb-banner" role="status"><mat-icon>sticky_note_2</mat-icon><span class="sb-banner-text">{{ facts().lastNoteBy }} left you a side note below. Accept to take over the chat.</span></div>
      }
      @if (chat()?.error; as error) {
        <div class="sb-alert sb-alert-inline" role="alert" data-testid="chat-error"><mat-icon>error</mat-icon><span>{{ error }}</span></div>
      }
      <ol class="sb-transcript" #scroller aria-label="Chat history" aria-live="polite" data-testid="transcript" (scroll)="onScroll(id)">
        @if (chat()?.loadingOlder) {
          <li class="sb-history-marker" role="status" data-testid="history-loading"><mat-icon>hourglass_top</mat-icon> Loading earlier messages…</li>
        } @else if (chat()?.hasOlder) {
          <li class="sb-history-marker"><button matButton type="button" (click)="loadOlder(id)" data-testid="history-more"><mat-icon>expand_less</mat-icon> Show earlier messages</button></li>
        } @else if (chat()?.hasOlder === false) {
          <li class="sb-history-marker" data-testid="history-start">Start of the conversation</li>
        }
        @for (line of chats.transcript(); track line.seq + line.kind + $index) {
          @switch (line.kind) {
            @case ('system') {
              <li class="sb-system" [attr.data-tone]="line.tone"><span>{{ line.text }}</span></li>
            }
            @case ('note') {
              <li class="sb-note" data-testid="side-note">
                <div class="sb-note-head"><mat-icon>sticky_note_2</mat-icon> Side note from {{ line.author }} · {{ line.at | date: 'shortTime' }}</div>
                <sb-message-text class="sb-text" [text]="line.text" />
                @if (maskedNoteFor(line); as note) {
                  <div class="sb-masked-note" data-testid="masked-note"><mat-icon>visibility_off</mat-icon>{{ note }}</div>
                }
              </li>
            }
            @default {
              <li class="sb-msg" [class.sb-mine]="line.from === 'agent'">
                <div class="sb-bubble">
                  <div class="sb-meta">{{ line.author }} · {{ line.at | date: 'shortTime' }}</div>
                  @if (line.attachment) {
                    <sb-attachment [sessionId]="id" [attachment]="line.attachment" [accessKey]="summary()?.ownerAgentId" />
                  } @else {
                    <sb-message-text class="sb-text" [text]="line.text" />
                  }
                  @if (maskedNoteFor(line); as note) {
                    <div class="sb-masked-note" data-testid="masked-note"><mat-icon>visibility_off</mat-icon>{{ note }}</div>
                  }
                  <!-- Issue 17: under the agents' lines, whether the end user's side has them and saw them. -->
                  @if (line.from === 'agent') {
                    @let mark = receiptOf(line.seq, chat()?.receipts?.endUser);
                    <div class="sb-receipt" [attr.data-receipt]="mark" data-testid="receipt">
                      <mat-icon>{{ mark === 'sent' ? 'check' : 'done_all' }}</mat-icon>{{ receiptLabels[mark] }}
                    </div>
                  }
                </div>
              </li>
            }
          }
        }
      </ol>
      @if (chat()?.endUserTyping) {
        <div class="sb-typing" role="status" data-testid="typing"><span class="sb-typing-dots" aria-hidden="true"><i></i><i></i><i></i></span>{{ facts().endUserName ?? 'The end user' }} is typing…</div>
      }
      @for (name of uploading(); track $index) {
        <div class="sb-banner" role="status" data-testid="uploading"><mat-icon>upload</mat-icon> Sending {{ name }}…</div>
      }
      @if (owned()) {
        <form class="sb-composer" [class.sb-composer-note]="composeMode() !== 'reply'" (ngSubmit)="send(id)" (dragover)="onDragOver($event)" (drop)="onDrop($event, id)">
          <mat-button-toggle-group class="sb-composer-mode" vertical [value]="composeMode()" (change)="mode.set($event.value)" hideSingleSelectionIndicator aria-label="Write a">
            @if (isGuest()) {
              <mat-button-toggle value="reply" data-testid="mode-reply"><mat-icon>reply</mat-icon> To end user</mat-button-toggle>
              <mat-button-toggle value="consult" data-testid="mode-consult"><mat-icon>forum</mat-icon> Agents only</mat-button-toggle>
            } @else {
              <mat-button-toggle value="reply" data-testid="mode-reply"><mat-icon>reply</mat-icon> Reply</mat-button-toggle>
              <mat-button-toggle value="sideNote" data-testid="mode-side-note"><mat-icon>sticky_note_2</mat-icon> Side note</mat-button-toggle>
              @if (guests().length > 0) {
                <mat-button-toggle value="consult" data-testid="mode-consult"><mat-icon>forum</mat-icon> Agents only</mat-button-toggle>
              }
            }
          </mat-button-toggle-group>
          @if (!isGuest()) {
            <input #filePicker type="file" hidden (change)="onPicked(filePicker, id)" data-testid="file-input" />
            <button matIconButton type="button" (click)="filePicker.click()" [disabled]="!!summary()?.cancelledByUser" matTooltip="Send a file or screenshot to the end user"
              aria-label="Attach a file or screenshot" data-testid="attach"><mat-icon>attach_file</mat-icon></button>
          }
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ composeMode() === 'sideNote' ? 'Side note for agents (the end user never sees it)' : composeMode() === 'consult' ? 'Message for the agents in this chat (the end user never sees it)' : 'Reply to ' + (item()?.endUserName ?? 'the end user') }}</mat-label>
            <textarea matInput name="draft" rows="2" maxlength="4000" [ngModel]="drafts.draftOf(id)" (ngModelChange)="drafts.setDraft(id, $event)"
              (keydown.enter)="onEnter($any($event), id)" (input)="composeMode() === 'reply' && chats.typing(id)" (paste)="onPaste($event, id)" [disabled]="!!summary()?.cancelledByUser" data-testid="composer"></textarea>
          </mat-form-field>
          <button matButton="filled" type="submit" [disabled]="!drafts.draftOf(id).trim() || summary()?.cancelledByUser"
            [attr.aria-label]="composeMode() === 'sideNote' ? 'Add side note' : composeMode() === 'consult' ? 'Send to the agents' : 'Send reply'" data-testid="send">
            <mat-icon>{{ composeMode() === 'sideNote' ? 'note_add' : 'send' }}</mat-icon> {{ composeMode() === 'sideNote' ? 'Add note' : 'Send' }}
          </button>
        </form>
      } @else if (!chats.selectedList()) {
        <div class="sb-readonly"><mat-icon>history</mat-icon> This chat is no longer on your console; its history is shown for reference.</div>
      }
    } @else {
      <div class="sb-empty sb-empty-large">
        <mat-icon>forum</mat-icon>
        <h2>No chat selected</h2>
        <p>Pick a chat from the Queue, Transferred or My Chats tab to see its history.</p>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPane {
  protected readonly chats = inject(ChatsStore);
  protected readonly lists = inject(ListsStore);
  protected readonly drafts = inject(DraftsStore);
  private readonly commands = inject(ChatCommands);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly me = inject(AgentConnection).me;
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  protected readonly chat = this.chats.selected;
  protected readonly receiptOf = receiptOf;
  protected readonly receiptLabels = RECEIPT_LABELS;
  protected readonly facts = this.chats.facts;
  protected readonly item = this.chats.selectedItem;
  protected readonly summary = computed(() => this.chat()?.summary ?? this.item());
  protected readonly owned = computed(() => this.chats.selectedList() === 'myChats');
  /** Files being sent now (their names). */
  protected readonly uploading = signal<readonly string[]>([]);
  /** What the composer sends: a reply, a side note only agents see (R13), or (issue 16) a consult only the chat's agents see. */
  protected readonly mode = signal<'reply' | 'sideNote' | 'consult'>('reply');
  /** Issue 16 (ADR 24): the agents in the chat besides its owner, and the invitations waiting. */
  protected readonly guests = computed(() => this.summary()?.guests ?? []);
  protected readonly pendingInvites = computed(() => this.summary()?.invites ?? []);
  /** In My Chats as a participant (not the owner): they talk and leave; the rest is the owner's. */
  protected readonly isGuest = computed(() => this.owned() && this.guests().some((g) => g.agentId === this.me()?.id));
  protected readonly isOwner = computed(() => this.owned() && !this.isGuest());
  protected readonly ownerName = computed(() => this.facts().agentName ?? this.summary()?.ownerAgentId ?? '');
  /** The mode the composer is in, given who this agent is in the chat (a participant writes no side notes; a consult needs someone to read it). */
  protected readonly composeMode = computed(() => {
    const mode = this.mode();
    if (this.isGuest()) return mode === 'sideNote' ? 'reply' : mode;
    return mode === 'consult' && this.guests().length === 0 ? 'reply' : mode;
  });
  protected readonly statusLabel = computed(() => {
    const s = this.summary();
    if (!s) return '';
    if (this.chat()?.gone && !this.chats.selectedList()) return 'Not available';
    if (s.status === 'PENDING_TRANSFER') return this.chats.selectedList() === 'transferred' ? 'Transferred to you' : 'Pending transfer';
    return STATUS_LABEL[s.status] ?? s.status;
  });

  /** The chat and newest line last shown: a new line (or another chat) scrolls to the bottom; older pages keep the view where it is. */
  private shown?: { id?: string; newest?: number };

  constructor() {
    effect(() => {
      const id = this.chats.selectedId();
      const newest = this.chats.transcript().at(-1)?.seq;
      const el = this.scroller()?.nativeElement;
      if (!el) return;
      const toBottom = this.shown?.id !== id || this.shown?.newest !== newest;
      this.shown = { id, newest };
      // Issue 17: what this pane shows is on screen: seen.
      if (toBottom) queueMicrotask(() => this.chats.markSeen());
      // Measured before the view changes, applied after it did.
      const fromBottom = el.scrollHeight - el.scrollTop;
      queueMicrotask(() => (el.scrollTop = toBottom ? el.scrollHeight : el.scrollHeight - fromBottom));
    });
  }

  /** What was masked in a message or side note, told to its author only (the others just see it masked). */
  protected maskedNoteFor(line: TranscriptEntry): string | null {
    return line.authorId !== undefined && line.authorId === this.me()?.id ? maskedNote(line.masked) : null;
  }

  /** R3.3: at the top of the transcript, the previous page of the history. */
  protected onScroll(id: string): void {
    const el = this.scroller()?.nativeElement;
    if (el && el.scrollTop < TOP_MARGIN_PX) void this.loadOlder(id);
  }

  protected loadOlder(id: string): Promise<void> {
    return this.chats.loadOlder(id);
  }

  /** A screenshot pasted into the reply is sent to the end user as a file (text pastes stay text). */
  protected onPaste(event: ClipboardEvent, id: string): void {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) void this.sendFile(id, file);
  }

  protected onDragOver(event: DragEvent): void {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  }

  protected onDrop(event: DragEvent, id: string): void {
    const files = filesOf(event.dataTransfer);
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) void this.sendFile(id, file);
  }

  protected onPicked(input: HTMLInputElement, id: string): void {
    for (const file of [...(input.files ?? [])]) void this.sendFile(id, file);
    input.value = '';
  }

  private async sendFile(id: string, file: File): Promise<void> {
    this.chats.clearError(id);
    this.uploading.update((names) => [...names, file.name || 'screenshot']);
    try {
      await this.commands.sendFile(id, file);
    } catch (error) {
      this.chats.refused(id, error);
    } finally {
      this.uploading.update((names) => names.slice(1));
    }
  }

  protected onEnter(event: KeyboardEvent, id: string): void {
    if (event.shiftKey) return;
    event.preventDefault();
    void this.send(id);
  }

  protected send(id: string): Promise<void> {
    return this.act(id, () => this.commands.send(id, this.composeMode()));
  }

  protected readonly maxPriority = PRIORITY_MAX;
  protected readonly priorityNames = PRIORITY_NAMES;

  /** Issue 15: the levels above the chat's priority now. */
  protected higherPriorities(): number[] {
    const now = this.item()?.priority ?? 0;
    return Array.from({ length: PRIORITY_MAX - now }, (_, i) => now + i + 1);
  }

  protected raisePriority(id: string, priority: number): Promise<void> {
    return this.act(id, () => this.commands.raisePriority(id, priority), `Priority raised to ${PRIORITY_NAMES[priority]}.`);
  }

  protected accept(id: string): Promise<void> {
    return this.act(id, () => this.commands.accept(id), 'Chat accepted. It is now in My Chats.');
  }

  protected transfer(id: string): void {
    this.dialog
      .open(TransferDialog, { data: { sessionId: id }, width: '520px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((done) => done && this.snack.open('Chat transferred.', undefined, { duration: 3000 }));
  }

  protected release(id: string): Promise<void> {
    return this.act(id, () => this.commands.release(id), 'Chat released back to the queue.');
  }

  protected end(id: string): void {
    const ticket = this.facts().ticket;
    this.dialog
      .open(EndChatDialog, { data: { ticket: ticket?.status === 'Open' ? ticket : undefined }, width: '580px' })
      .afterClosed()
      .subscribe((choice: EndChoice | undefined) => {
        if (choice) void this.act(id, () => this.commands.end(id, choice.resolveTicket), choice.resolveTicket ? 'Ticket resolved and chat ended.' : 'Chat ended.');
      });
  }

  protected abandon(id: string): void {
    const ticket = this.facts().ticket;
    const data: ConfirmData = {
      title: 'Abandon chat?',
      message:
        ticket?.status === 'Open'
          ? `The chat will be closed as abandoned, and ticket ${shortTicketId(ticket.ticketId)} will be cancelled.`
          : 'The chat will be closed as abandoned.',
      confirm: 'Abandon',
      cancel: 'Keep chat',
      destructive: true,
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '440px' })
      .afterClosed()
      .subscribe((yes) => {
        if (yes) void this.act(id, () => this.commands.abandon(id), 'Chat abandoned.');
      });
  }

  protected createTicket(id: string): void {
    const s = this.summary();
    const data = { sessionId: id, description: this.facts().description ?? '', endUserName: this.item()?.endUserName ?? s?.endUserId ?? '', companyId: s?.companyId ?? '' };
    this.dialog
      .open(TicketDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((ticketId) => ticketId && this.snack.open(`Ticket ${shortTicketId(ticketId)} created.`, undefined, { duration: 3000 }));
  }

  /** Issue 16 (ADR 24): invite a colleague (those in the chat or invited already are not offered). */
  protected invite(id: string): void {
    const exclude = [...this.guests().map((g) => g.agentId), ...this.pendingInvites().map((i) => i.agentId)];
    this.dialog
      .open(InviteDialog, { data: { sessionId: id, exclude }, width: '520px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((done) => done && this.snack.open('Invitation sent.', undefined, { duration: 3000 }));
  }

  protected cancelInvite(id: string, agentId: string): Promise<void> {
    return this.act(id, () => this.commands.cancelInvite(id, agentId), 'Invitation cancelled.');
  }

  protected removeParticipant(id: string, agentId: string): Promise<void> {
    return this.act(id, () => this.commands.removeParticipant(id, agentId), 'Removed from the chat.');
  }

  protected leave(id: string): Promise<void> {
    return this.act(id, () => this.commands.leave(id), 'You left the chat.');
  }

  protected requestControl(id: string): void {
    this.dialog.open(ControlDialog, { data: { sessionId: id, customer: this.chat()?.customer }, width: '480px' });
  }

  /** A command on the chat: done says so briefly; a refusal shows on the chat and as an alert. */
  private async act(id: string, command: () => Promise<unknown>, done?: string): Promise<void> {
    this.chats.clearError(id);
    try {
      await command();
      if (done) this.snack.open(done, undefined, { duration: 3000 });
    } catch (error) {
      this.chats.refused(id, error);
    }
  }
}
