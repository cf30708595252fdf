import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { QueueView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { QueueDialog } from './queue-dialog';

@Component({
  selector: 'sb-queues-page',
  imports: [ListTable, MatTableModule, MatTooltipModule, PageHeader],
  templateUrl: './queues-page.html',
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueuesPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<QueueView>((params) => this.api.queues.list(params));
  private readonly actions = new CrudActions(this.list, (q) => `Queue ${q.name}`);
  protected readonly columns = ['name', 'description', 'firstReply', 'offer', 'inactivity', 'topics', 'agents', 'actions'];
  /** Issue 15: the queue's end-user inactivity times that are on, in a few words ('' when all are off). */
  protected readonly inactivityOf = (queue: QueueView) =>
    [
      queue.userInactivityWarnSeconds ? `ask ${queue.userInactivityWarnSeconds} s` : '',
      queue.userInactivityCloseSeconds ? `close ${queue.userInactivityCloseSeconds} s` : '',
      queue.userLeftCloseSeconds ? `left ${queue.userLeftCloseSeconds} s` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  protected readonly name = (queue: QueueView) => queue.name;
  protected readonly keep = (queue: QueueView) => (queue.protected ? 'General cannot be deleted' : null);

  protected edit(queue?: QueueView): void {
    this.actions.open(QueueDialog, { queue }, (saved) => `Queue ${saved.name} ${queue ? 'saved' : 'created'}.`);
  }

  protected remove(queue: QueueView): void {
    this.actions.remove(
      queue,
      {
        title: `Delete queue ${queue.name}?`,
        message: 'Agents stop serving it. Chats already waiting in it stay there until an agent takes them.',
        confirm: 'Delete queue',
      },
      () => this.api.queues.remove(queue.name),
    );
  }
}
