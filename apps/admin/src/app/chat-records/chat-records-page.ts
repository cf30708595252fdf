import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { SESSION_STATUS_VALUES, type SessionSummaryView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { STATUS_LABELS } from '../dashboard/dashboard-figures';
import { freshnessNote } from '../shared/freshness/freshness';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { OUTLINE_FIELDS } from '../shared/outline-fields';

/** The Master Chat Records (R17): search by id, end user, agent, status and time. */
@Component({
  selector: 'sb-chat-records-page',
  providers: [OUTLINE_FIELDS],
  imports: [DatePipe, FormsModule, ListTable, MatFormFieldModule, MatInputModule, MatSelectModule, MatTableModule, PageHeader],
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
  protected readonly rowLabel = (session: SessionSummaryView) => `Open session ${session.sessionId}`;
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
