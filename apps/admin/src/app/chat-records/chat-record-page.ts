import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, effect } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ATTACHMENT_LINKS, AttachmentView, MessageText, type AttachmentLinkFn } from '@switchboard/chat-ui';
import type { SessionDetailView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { STATUS_LABELS } from '../dashboard/dashboard-figures';
import { describeFailure } from '../shared/describe-failure';
import { ForceCloseDialog } from './force-close-dialog';
import { RecordTranscripts } from './record-transcripts';
import { attachmentOf, authorOf, describeEntry, entryKind, textOf } from './history-entry';
import { RECORD_PAGE_SIZE, RecordHistory } from './record-history';

/** One Master Chat Record: facts, owner, the history (recent entries, earlier ones page by page), and force-close for a stuck one (R17). */
@Component({
  selector: 'sb-chat-record-page',
  imports: [RecordTranscripts, DatePipe, FormsModule, MatButtonModule, MatIconModule, MatProgressBarModule, MessageText, AttachmentView, RouterLink],
  templateUrl: './chat-record-page.html',
  styleUrl: './chat-record-page.scss',
  host: { class: 'sb-page sb-wide' },
  // Previews and downloads of the chat's files, through signed links (administrators open every chat's files).
  providers: [
    {
      provide: ATTACHMENT_LINKS,
      useFactory: (): AttachmentLinkFn => {
        const api = inject(AdminApi);
        return async (sessionId, attachmentId) => {
          try {
            return (await firstValueFrom(api.attachmentLink(sessionId, attachmentId))).url;
          } catch (error) {
            throw { code: (error as { error?: { code?: unknown } }).error?.code ?? 'UNAVAILABLE' };
          }
        };
      },
    },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatRecordPage {
  readonly sessionId = input.required<string>();
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly session = signal<SessionDetailView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly entryKind = entryKind;
  protected readonly describeEntry = describeEntry;
  protected readonly authorOf = authorOf;
  protected readonly textOf = textOf;
  protected readonly attachmentOf = attachmentOf;
  /** Issue 17: a rating as five stars, filled up to its score. */
  protected readonly stars = (score: number) => '★'.repeat(Math.max(0, Math.min(5, score))) + '☆'.repeat(Math.max(0, 5 - score));
  /** The record's history: its recent page, then older pages on demand. */
  protected readonly history = new RecordHistory((id, beforeSeq) => this.api.sessionHistory(id, { beforeSeq, limit: RECORD_PAGE_SIZE }));
  protected readonly open = computed(() => ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER'].includes(this.session()?.status ?? ''));

  constructor() {
    effect(() => this.load(this.sessionId()));
  }

  private load(id: string): void {
    this.api.session(id).subscribe({
      next: (session) => {
        this.error.set(null);
        this.session.set(session);
        this.history.show(session);
      },
      error: (error: unknown) => this.error.set(describeFailure(error)),
    });
  }

  protected forceClose(): void {
    const session = this.session();
    if (!session) return;
    this.dialog
      .open(ForceCloseDialog, { data: { session }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((closed?: SessionDetailView) => {
        if (!closed) return;
        this.session.set(closed);
        this.history.show(closed);
        this.snackBar.open('The chat is closed. The end user and the agent were told.', undefined, { duration: 5000 });
      });
  }
}
