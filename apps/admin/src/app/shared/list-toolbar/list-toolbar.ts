import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { OUTLINE_FIELDS } from '../outline-fields';

/** Above every list: the search box, optional filters (projected), and the page's main action. */
@Component({
  selector: 'sb-list-toolbar',
  providers: [OUTLINE_FIELDS],
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <mat-form-field class="search" subscriptSizing="dynamic">
      <mat-icon matPrefix>search</mat-icon>
      <mat-label>{{ searchLabel() }}</mat-label>
      <input matInput type="search" [value]="initial()" (input)="search.emit($any($event.target).value)" />
    </mat-form-field>
    <ng-content />
    <span class="spacer"></span>
    @if (actionLabel(); as label) {
      <button matButton="filled" type="button" (click)="action.emit()">
        <mat-icon>add</mat-icon>
        {{ label }}
      </button>
    }
  `,
  styles: `
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin-bottom: 16px; }
    .search { width: 320px; max-width: 100%; }
    .spacer { flex: 1 1 auto; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListToolbar {
  readonly searchLabel = input('Search');
  readonly initial = input('');
  readonly actionLabel = input<string | null>(null);
  readonly search = output<string>();
  readonly action = output<void>();
}
