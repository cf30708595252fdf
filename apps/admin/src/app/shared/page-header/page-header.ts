import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * The head of every console page: its icon, title and what the page is for
 * (projected), in the `.sb-page-header` layout of styles.scss.
 *
 *     <header sbPageHeader icon="domain" heading="Companies">The customer organisations ...</header>
 */
@Component({
  selector: 'header[sbPageHeader]',
  imports: [MatIconModule],
  host: { class: 'sb-page-header' },
  template: `
    <span class="sb-page-icon" aria-hidden="true"><mat-icon>{{ icon() }}</mat-icon></span>
    <div>
      <h1>{{ heading() }}</h1>
      <p><ng-content /></p>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeader {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
}
