import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';
import { PRIORITY_NAMES } from '@switchboard/contracts';
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

/** Issue 15: the priority levels for pickers (the select holds the level as text: '0' to '3'). */
export const PRIORITY_OPTIONS = PRIORITY_NAMES.map((name, level) => ({ id: String(level), name: `${level} · ${name}` }));

export const SLUG_HINT = 'Use letters, digits, ".", "_" or "-", starting with a letter or digit.';
