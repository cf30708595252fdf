import { ChangeDetectionStrategy, Component, inject, InjectionToken, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { describeFailure, saveFile, TranscriptsApi } from '@switchboard/client';
import { CONSOLE_SESSION, GATEWAY_ORIGIN } from '../session/client-factory';

/** The chat's transcripts over the gateway's HTTP calls, with the agent console's sign-in; tests provide a fake. */
export const TRANSCRIPTS_API = new InjectionToken<TranscriptsApi>('TRANSCRIPTS_API', {
  providedIn: 'root',
  factory: () => {
    const session = inject(CONSOLE_SESSION);
    return new TranscriptsApi({ baseUrl: inject(GATEWAY_ORIGIN), token: () => session.token() });
  },
});

/** Offers a downloaded file to the person; tests provide one that records it. */
export const SAVE_FILE = new InjectionToken<(blob: Blob, fileName: string) => void>('SAVE_FILE', { providedIn: 'root', factory: () => saveFile });

/** The internal transcript of the chat (side notes included) as a PDF, for the agent who has it (issue 17). */
@Component({
  selector: 'sb-internal-transcript',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    <button matIconButton type="button" (click)="download()" [disabled]="busy()" matTooltip="Download the transcript with side notes (PDF)"
      aria-label="Download the transcript with side notes (PDF)" data-testid="internal-transcript"><mat-icon>{{ failed() ? 'error' : 'download' }}</mat-icon></button>
    @if (failed(); as message) {
      <span class="cdk-visually-hidden" role="alert">{{ message }}</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InternalTranscript {
  private readonly api = inject(TRANSCRIPTS_API);
  private readonly save = inject(SAVE_FILE);
  readonly sessionId = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly failed = signal<string | undefined>(undefined);

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.failed.set(undefined);
    try {
      const { blob, fileName } = await this.api.download(this.sessionId(), 'internal');
      this.save(blob, fileName);
    } catch (error) {
      this.failed.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
