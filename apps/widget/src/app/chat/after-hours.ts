import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** Issue 15: the desk is closed; when it opens again, and the end user's message left as a ticket instead. */
@Component({
  selector: 'sb-after-hours',
  imports: [DatePipe, MatButtonModule, MatIconModule],
  template: `
    <section class="sb-card sb-start" aria-label="The service desk is closed" data-testid="after-hours">
      <h1><mat-icon>schedule</mat-icon> We are closed right now</h1>
      <p data-testid="next-opening">
        @if (nextOpeningAt(); as opens) {
          The service desk opens again on {{ opens | date: 'EEEE d MMMM, HH:mm' }}.
        } @else {
          The service desk has no opening hours planned at the moment.
        }
      </p>
      <p class="sb-muted">Leave us your message and the team will get back to you as soon as the desk opens:</p>
      <blockquote class="sb-quote" data-testid="message-preview">{{ description() }}</blockquote>
      @if (error()) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon><span>{{ error() }}</span></div>
      }
      <div class="sb-actions">
        <button matButton type="button" (click)="back.emit()" [disabled]="busy()" data-testid="after-hours-back"><mat-icon>arrow_back</mat-icon> Back</button>
        <button matButton="filled" type="button" (click)="leave.emit()" [disabled]="busy()" data-testid="leave-message"><mat-icon>mail</mat-icon> Leave a message</button>
      </div>
    </section>
  `,
  styles: '.sb-quote { margin: 0 0 16px; padding: 8px 12px; border-left: 3px solid currentColor; opacity: 0.85; white-space: pre-wrap; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AfterHours {
  readonly nextOpeningAt = input<string | undefined>(undefined);
  readonly description = input('');
  readonly busy = input(false);
  readonly error = input<string | undefined>(undefined);
  readonly leave = output<void>();
  readonly back = output<void>();
}
