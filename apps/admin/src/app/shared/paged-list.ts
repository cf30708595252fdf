import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Page, RecordFreshness } from '@switchboard/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, Subject, switchMap, type Observable } from 'rxjs';
import { describeHttpError } from '../http-errors/describe-http-error';
import type { ListParams } from '../core/api/admin-api';

export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * The state of one list page: search text, filters, page, the loaded page of
 * items, loading and error. Typing in the search box reloads after a short
 * pause; an older answer never overwrites a newer one (switchMap).
 * Create it in a component's injection context.
 */
export class PagedList<T> {
  readonly items = signal<T[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly pageSize = signal(20);
  readonly loading = signal(true);
  readonly error = signal<string | null>(null);
  readonly query = signal('');
  /** How fresh the loaded page is, when the list says (the chat records). */
  readonly freshness = signal<RecordFreshness | undefined>(undefined);
  private filters: Record<string, string | undefined> = {};
  private readonly requests = new Subject<{ params: ListParams; immediate: boolean }>();
  private readonly searches = new Subject<string>();

  constructor(load: (params: ListParams) => Observable<Page<T> & { freshness?: RecordFreshness }>, pageSize = 20) {
    const destroyRef = inject(DestroyRef);
    this.pageSize.set(pageSize);
    this.searches.pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed(destroyRef)).subscribe((q) => {
      this.query.set(q);
      this.page.set(1);
      this.reload(false);
    });
    this.requests
      .pipe(
        debounceTime(0),
        distinctUntilChanged((a, b) => !b.immediate && JSON.stringify(a.params) === JSON.stringify(b.params)),
        switchMap(({ params }) => {
          this.loading.set(true);
          return load(params).pipe(
            map((page) => ({ page, error: null as string | null })),
            catchError((error: unknown) =>
              of({ page: null, error: error instanceof HttpErrorResponse ? describeHttpError(error).message : 'The list could not be loaded.' }),
            ),
            startWith(undefined),
          );
        }),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((result) => {
        if (!result) return;
        this.loading.set(false);
        this.error.set(result.error);
        if (result.page) {
          // The last item of the last page was deleted: show the page before.
          if (result.page.items.length === 0 && result.page.total > 0 && this.page() > 1) {
            this.page.set(Math.ceil(result.page.total / this.pageSize()));
            this.reload();
            return;
          }
          this.items.set(result.page.items);
          this.total.set(result.page.total);
          this.freshness.set(result.page.freshness);
        }
      });
    this.reload();
  }

  search(text: string): void {
    this.searches.next(text.trim());
  }

  filter(name: string, value: string | undefined): void {
    this.filters = { ...this.filters, [name]: value || undefined };
    this.page.set(1);
    this.reload(false);
  }

  goTo(pageIndex: number, pageSize: number): void {
    this.page.set(pageIndex + 1);
    this.pageSize.set(pageSize);
    this.reload(false);
  }

  /** Loads the current page again (after a change). */
  reload(immediate = true): void {
    this.requests.next({ params: { q: this.query(), page: this.page(), pageSize: this.pageSize(), ...this.filters }, immediate });
  }
}
