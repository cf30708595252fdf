import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { healthFromBody, healthFromHttpError, type HealthSummary, unreachableHealth } from './health-status';

/** Same origin as the console: the gateway serves both (the dev server proxies it). */
export const READINESS_URL = '/health/ready';

/** Card with the readiness of the gateway's dependencies (NATS, MongoDB). */
@Component({
  selector: 'sb-service-health',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, MatTooltipModule],
  templateUrl: './service-health.html',
  styleUrl: './service-health.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceHealth {
  private readonly readiness = httpResource<unknown>(() => READINESS_URL);

  protected readonly checking = this.readiness.isLoading;

  /** Null until the first answer (or failure) arrives. */
  protected readonly health = computed<HealthSummary | null>(() => {
    const error = this.readiness.error();
    if (error) {
      return error instanceof HttpErrorResponse
        ? healthFromHttpError(error.status, error.error)
        : unreachableHealth('The health check failed');
    }
    return this.readiness.hasValue() ? healthFromBody(this.readiness.value()) : null;
  });

  protected readonly stateIcon = { up: 'check_circle', down: 'error', unknown: 'help' } as const;
  protected readonly stateLabel = { up: 'Up', down: 'Down', unknown: 'Unknown' } as const;
  protected readonly overallIcon = { ok: 'check_circle', degraded: 'warning', unreachable: 'cloud_off' } as const;

  protected refresh(): void {
    this.readiness.reload();
  }
}
