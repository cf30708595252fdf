import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, InjectionToken, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { saveFile } from '@switchboard/client';
import { transcriptFileName, transcriptPath, type SessionDetailView, type TranscriptKind } from '@switchboard/contracts';
import { firstValueFrom } from 'rxjs';
import { describeFailure } from '../shared/describe-failure';

/** Offers a downloaded file to the person; tests provide one that records it. */
export const SAVE_FILE = new InjectionToken<(blob: Blob, fileName: string) => void>('SAVE_FILE', { providedIn: 'root', factory: () => saveFile });

/**
 * The chat record's transcripts (issue 17): what the end user got, the
 * internal one with side notes, and the one attached to the chat's ticket
 * when it ended (R14). PDFs the gateway writes from the history as it sends them.
 */
@Component({
  selector: 'sb-record-transcripts',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="transcripts" aria-label="Transcripts" data-testid="record-transcripts">
      <button matButton="outlined" type="button" (click)="download('endUser')" [disabled]="busy()" data-testid="transcript-end-user">
        <mat-icon>download</mat-icon>Transcript (PDF)
      </button>
      <button matButton="outlined" type="button" (click)="download('internal')" [disabled]="busy()" data-testid="transcript-internal">
        <mat-icon>download</mat-icon>Internal transcript, with side notes
      </button>
      @if (session().ticket?.transcript; as attached) {
        <button matButton type="button" (click)="downloadTicket(attached.path)" [disabled]="busy()" data-testid="transcript-ticket">
          <mat-icon>attach_file</mat-icon>On the ticket
        </button>
      }
      @if (error(); as message) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon>{{ message }}</div>
      }
    </div>
  `,
  styles: `
    .transcripts { display: flex; flex-direction: column; align-items: flex-start; gap: 8px; margin-top: 16px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordTranscripts {
  readonly session = input.required<SessionDetailView>();
  private readonly http = inject(HttpClient);
  private readonly save = inject(SAVE_FILE);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected download(kind: TranscriptKind): Promise<void> {
    const id = this.session().sessionId;
    return this.fetch(transcriptPath(id, kind), transcriptFileName(id, kind));
  }

  protected downloadTicket(path: string): Promise<void> {
    return this.fetch(path, `ticket-${transcriptFileName(this.session().sessionId, 'internal')}`);
  }

  private async fetch(path: string, fileName: string): Promise<void> {
    this.error.set(null);
    this.busy.set(true);
    try {
      this.save(await firstValueFrom(this.http.get(path, { responseType: 'blob' })), fileName);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
