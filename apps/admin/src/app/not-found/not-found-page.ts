import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'sb-not-found-page',
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <header class="sb-page-header">
      <span class="sb-page-icon" aria-hidden="true"><mat-icon>explore_off</mat-icon></span>
      <div>
        <h1>Page not found</h1>
        <p>There is no console page at this address. Pick a section in the navigation or go back to the dashboard.</p>
      </div>
    </header>
    <a matButton="filled" routerLink="/dashboard">Go to the dashboard</a>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
