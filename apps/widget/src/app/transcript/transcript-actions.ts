import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { describeFailure } from '@switchboard/client';
import type { TranscriptEmailStatus } from '@switchboard/contracts';
import { SAVE_FILE, TRANSCRIPTS_API } from './transcripts-api';

/**
 * The end user's transcript of their chat (issue 17): download it as a PDF at
 * any time, and, where the service desk sends them, have it e-mailed to the
 * address on their record when the chat ends (the address is shown, never
 * typed: ADR 15).
 */
@Component({
  selector: 'sb-transcript-actions',
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule],
  template: `
    <div class="sb-transcript-actions" data-testid="transcript-actions">
      <button matButton type="button" (click)="download()" [disabled]="downloading()" data-testid="transcript-download">
        <mat-icon>download</mat-icon> {{ downloading() ? 'Preparing transcript…' : 'Download transcript (PDF)' }}
      </button>
      @if (email(); as status) {
        @if (status.available) {
          <mat-checkbox [checked]="status.requested" [disabled]="saving() || !!status.sentAt" (change)="setEmail($event.checked)" data-testid="transcript-email">
            @if (status.sentAt) {
              Transcript e-mailed to {{ status.address }}
            } @else if (ended()) {
              E-mail the transcript to {{ status.address }}
            } @else {
              E-mail me the transcript when the chat ends ({{ status.address }})
            }
          </mat-checkbox>
        } @else if (status.reason === 'noAddress') {
          <span class="sb-muted" data-testid="transcript-email-unavailable">Your account has no e-mail address, so the transcript can only be downloaded.</span>
        }
      }
      @if (problem(); as text) {
        <span class="sb-alert-inline" role="alert" data-testid="transcript-error"><mat-icon>error</mat-icon>{{ text }}</span>
      }
    </div>
  `,
  styles: `
    .sb-transcript-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding: 4px 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptActions {
  private readonly api = inject(TRANSCRIPTS_API);
  private readonly save = inject(SAVE_FILE);

  readonly sessionId = input.required<string>();
  /** The chat has ended: asking for the e-mail now sends it at once. */
  readonly ended = input(false);

  protected readonly email = signal<TranscriptEmailStatus | undefined>(undefined);
  protected readonly downloading = signal(false);
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | undefined>(undefined);

  constructor() {
    effect(() => {
      const id = this.sessionId();
      this.ended(); // read again when the chat ends: the e-mail may have gone out
      this.email.set(undefined);
      this.api.emailStatus(id).then(
        (status) => this.sessionId() === id && this.email.set(status),
        () => undefined, // no option shown; the download still works
      );
    });
  }

  protected async download(): Promise<void> {
    this.problem.set(undefined);
    this.downloading.set(true);
    try {
      const { blob, fileName } = await this.api.download(this.sessionId());
      this.save(blob, fileName);
    } catch (error) {
      this.problem.set(describeFailure(error));
    } finally {
      this.downloading.set(false);
    }
  }

  protected async setEmail(send: boolean): Promise<void> {
    this.problem.set(undefined);
    this.saving.set(true);
    try {
      this.email.set(await this.api.requestEmail(this.sessionId(), send));
    } catch (error) {
      this.problem.set(describeFailure(error));
    } finally {
      this.saving.set(false);
    }
  }
}
