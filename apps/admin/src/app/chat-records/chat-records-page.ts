import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { SESSION_STATUS_VALUES, type SessionSummaryView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { STATUS_LABELS } from '../dashboard/dashboard-figures';
import { freshnessNote } from '../shared/freshness/freshness';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { OUTLINE_FIELDS } from '../shared/outline-fields';

/** The Master Chat Records (R17): search by id, end user, agent, status and time. */
@Component({
  selector: 'sb-chat-records-page',
  providers: [OUTLINE_FIELDS],
  imports: [DatePipe, FormsModule, ListState, ListToolbar, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule, MatSelectModule, MatTableModule],
  templateUrl: './chat-records-page.html',
  styles: `
    .filter { width: 160px; }
    .filter.date { width: 200px; }
    .description, .session-id { max-width: 260px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    .freshness { margin: 0 0 8px; }
  `,
  host: { class: 'sb-page sb-wide' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatRecordsPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  protected readonly list = new PagedList<SessionSummaryView>((params) => this.api.sessions.list(params));
  protected readonly columns = ['session', 'status', 'endUser', 'agent', 'queue', 'started', 'updated'];
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly statuses = SESSION_STATUS_VALUES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly note = freshnessNote;

  protected filterText(name: 'endUserId' | 'agentId', value: string): void {
    this.list.filter(name, value.trim());
  }

  /** datetime-local value (browser time) to an ISO instant, or nothing. */
  protected filterTime(name: 'from' | 'to', value: string): void {
    this.list.filter(name, value ? new Date(value).toISOString() : undefined);
  }

  protected label(session: SessionSummaryView): string {
    return STATUS_LABELS[session.status] ?? session.status;
  }

  protected open(session: SessionSummaryView): void {
    void this.router.navigate(['/chat-records', session.sessionId]);
  }
}
