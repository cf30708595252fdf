import { signal } from '@angular/core';
import type { SessionDetailView, SessionHistoryEntryView, SessionHistoryPageView } from '@switchboard/contracts';
import type { Observable } from 'rxjs';
import { describeFailure } from '../shared/describe-failure';

/** Entries of one older page (the API's default page size). */
export const RECORD_PAGE_SIZE = 50;

/**
 * The history of one chat record as the page shows it (R13, R17): the most
 * recent entries that came with the record, and older pages added in front
 * on demand ("Show earlier entries"), one request at a time.
 */
export class RecordHistory {
  readonly entries = signal<SessionHistoryEntryView[]>([]);
  readonly hasOlder = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private sessionId?: string;

  constructor(private readonly fetchPage: (sessionId: string, beforeSeq: number) => Observable<SessionHistoryPageView>) {}

  /** The record as loaded (or reloaded, e.g. after a force-close): its recent page replaces what was shown. */
  show(record: SessionDetailView): void {
    this.sessionId = record.sessionId;
    this.entries.set([...record.history]);
    this.hasOlder.set(record.hasOlder);
    this.loading.set(false);
    this.error.set(null);
  }

  /** The page before the oldest entry shown. */
  loadOlder(): void {
    const sessionId = this.sessionId;
    const before = this.entries()[0]?.seq;
    if (!sessionId || before === undefined || !this.hasOlder() || this.loading()) return;
    this.loading.set(true);
    this.error.set(null);
    this.fetchPage(sessionId, before).subscribe({
      next: (page) => {
        // The record was reloaded meanwhile: this page belongs to what was shown before.
        if (this.sessionId !== sessionId || this.entries()[0]?.seq !== before) return;
        this.entries.set([...page.events.filter((e) => e.seq < before), ...this.entries()]);
        this.hasOlder.set(page.hasOlder);
      },
      error: (error: unknown) => {
        this.error.set(describeFailure(error));
        this.loading.set(false);
      },
      complete: () => this.loading.set(false),
    });
  }
}
