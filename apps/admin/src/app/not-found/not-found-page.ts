import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { PageHeader } from '../shared/page-header/page-header';

@Component({
  selector: 'sb-not-found-page',
  imports: [MatButtonModule, PageHeader, RouterLink],
  template: `
    <header sbPageHeader icon="explore_off" heading="Page not found">
      There is no console page at this address. Pick a section in the navigation or go back to the dashboard.
    </header>
    <a matButton="filled" routerLink="/dashboard">Go to the dashboard</a>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
