import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/** Under a table: loading bar, the error of the last load, or what an empty list means. */
@Component({
  selector: 'sb-list-state',
  imports: [MatIconModule, MatProgressBarModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading" />
    }
    @if (error(); as message) {
      <div class="state error" role="alert"><mat-icon>error</mat-icon>{{ message }}</div>
    } @else if (!loading() && empty()) {
      <div class="state">
        <mat-icon>{{ query() ? 'search_off' : 'inbox' }}</mat-icon>
        {{ query() ? 'Nothing matches \u201c' + query() + '\u201d.' : emptyText() }}
      </div>
    }
  `,
  styles: `
    :host { display: block; }
    .state { display: flex; align-items: center; justify-content: center; gap: 8px; padding: 32px 16px; color: var(--mat-sys-on-surface-variant); }
    .error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListState {
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly empty = input(false);
  readonly query = input('');
  readonly emptyText = input('Nothing here yet.');
}
