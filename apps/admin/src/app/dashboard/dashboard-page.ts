import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { SESSION_STATUS_VALUES, type DashboardSnapshot } from '@switchboard/contracts';
import { DashboardStream } from '../core/api/dashboard-stream';
import { ServiceHealth } from '../service-health/service-health';
import { freshnessNote } from '../shared/freshness/freshness';
import { barPercent, figures, formatWait, offerFigures, satisfactionFigures, STATUS_LABELS } from './dashboard-figures';

/**
 * The live dashboard: the gateway pushes a new snapshot within a fraction of
 * a second of any change (server-sent events fed by NATS); waits tick every second here.
 */
@Component({
  selector: 'sb-dashboard-page',
  imports: [DatePipe, MatIconModule, MatProgressBarModule, MatTooltipModule, ServiceHealth],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  host: { class: 'sb-page sb-wide' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly snapshot = signal<DashboardSnapshot | null>(null);
  protected readonly connected = signal(false);
  protected readonly now = signal(Date.now());
  protected readonly statuses = SESSION_STATUS_VALUES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly barPercent = barPercent;
  protected readonly note = freshnessNote;

  /** Offers pending, declined and lapsed (issue 14), when the gateway counts them. */
  protected readonly offers = computed(() => {
    const s = this.snapshot();
    return s ? offerFigures(s) : undefined;
  });
  /** The average satisfaction rating and how many chats were rated (issue 17), when the gateway counts them. */
  protected readonly satisfaction = computed(() => {
    const s = this.snapshot();
    return s ? satisfactionFigures(s) : undefined;
  });
  protected readonly figures = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? figures(snapshot) : null;
  });
  protected readonly longestWait = computed(() => formatWait(this.snapshot()?.oldestQueuedAt, this.now()));
  protected readonly maxWaiting = computed(() => Math.max(1, ...(this.snapshot()?.queues.map((q) => q.waiting) ?? [])));
  protected readonly maxStatus = computed(() => Math.max(1, ...Object.values(this.snapshot()?.sessionsByStatus ?? {})));
  protected readonly maxPerMinute = computed(() => Math.max(1, ...(this.snapshot()?.assignmentsPerMinute.map((m) => m.count) ?? [])));

  constructor() {
    const destroyRef = inject(DestroyRef);
    inject(DashboardStream)
      .snapshots()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((update) => {
        this.connected.set(update.connected);
        if (update.snapshot) this.snapshot.set(update.snapshot);
      });
    const ticker = setInterval(() => this.now.set(Date.now()), 1000);
    destroyRef.onDestroy(() => clearInterval(ticker));
  }

  protected waitOf(since: string | undefined): string {
    return since ? formatWait(since, this.now()) : '';
  }

  protected loadPercent(load: number, cap: number): number {
    return cap > 0 ? Math.min(100, Math.round((load / cap) * 100)) : Math.min(100, load * 20);
  }
}
