import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';

/** Queue names for pickers (up to 100, by name). */
export function queueOptions() {
  return toSignal(
    inject(AdminApi)
      .queues.list({ pageSize: 100 })
      .pipe(
        map((page) => page.items.map((q) => q.name)),
        catchError(() => of([] as string[])),
      ),
    { initialValue: [] as string[] },
  );
}

/** Companies for pickers (up to 100, by name). */
export function companyOptions() {
  return toSignal(
    inject(AdminApi)
      .companies.list({ pageSize: 100 })
      .pipe(
        map((page) => page.items.map((c) => ({ id: c.id, name: c.name }))),
        catchError(() => of([] as Array<{ id: string; name: string }>)),
      ),
    { initialValue: [] as Array<{ id: string; name: string }> },
  );
}

export const SLUG_HINT = 'Use letters, digits, ".", "_" or "-", starting with a letter or digit.';
