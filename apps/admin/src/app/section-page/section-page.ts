import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { AdminSection } from '../sections/admin-sections';

/** Page of a console section whose feature is not built yet: what it is for and what it will manage. */
@Component({
  selector: 'sb-section-page',
  imports: [MatCardModule, MatIconModule],
  templateUrl: './section-page.html',
  styleUrl: './section-page.scss',
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionPage {
  /** Bound from the route's `data.section`. */
  readonly section = input.required<AdminSection>();
}
