import { BreakpointObserver } from '@angular/cdk/layout';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthSession } from '../core/auth/auth-session';
import { ADMIN_SECTIONS, groupSections } from '../sections/admin-sections';

/** Below this width the navigation slides over the content instead of sitting beside it. */
const COMPACT_LAYOUT = '(max-width: 959.98px)';

/** Application frame: toolbar with the product name, side navigation, routed page. */
@Component({
  selector: 'sb-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly navGroups = groupSections(ADMIN_SECTIONS);
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_LAYOUT)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly sidenav = viewChild.required(MatSidenav);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly principal = this.session.principal;

  /** Ends the sign-in at the gateway; a provider sign-in also signs out at the provider, which sends the browser back to sign-in. */
  protected async signOut(): Promise<void> {
    const providerSignOut = await this.session.endSession(new URL('login', this.document.baseURI).pathname);
    if (providerSignOut) this.document.location.assign(providerSignOut);
    else void this.router.navigateByUrl('/login');
  }

  protected closeIfCompact(): void {
    if (this.compact()) void this.sidenav().close();
  }
}
