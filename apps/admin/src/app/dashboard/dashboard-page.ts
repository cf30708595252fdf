import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatRippleModule } from '@angular/material/core';
import { RouterLink } from '@angular/router';
import { ADMIN_SECTIONS } from '../sections/admin-sections';
import { ServiceHealth } from '../service-health/service-health';

@Component({
  selector: 'sb-dashboard-page',
  imports: [MatIconModule, MatRippleModule, RouterLink, ServiceHealth],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly dashboard = ADMIN_SECTIONS.find((section) => section.path === 'dashboard')!;
  protected readonly sections = ADMIN_SECTIONS.filter((section) => section.path !== 'dashboard');
}
