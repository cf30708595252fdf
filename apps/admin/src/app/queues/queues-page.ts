import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { QueueView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { describeFailure } from '../shared/describe-failure';
import { ConfirmDialog, type ConfirmData } from '@switchboard/chat-ui';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { QueueDialog } from './queue-dialog';

@Component({
  selector: 'sb-queues-page',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  templateUrl: './queues-page.html',
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueuesPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly list = new PagedList<QueueView>((params) => this.api.queues.list(params));
  protected readonly columns = ['name', 'description', 'topics', 'agents', 'actions'];
  protected readonly pageSizes = PAGE_SIZES;

  protected edit(queue?: QueueView): void {
    this.dialog
      .open(QueueDialog, { data: { queue }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved?: QueueView) => {
        if (!saved) return;
        this.snackBar.open(queue ? `Queue ${saved.name} saved.` : `Queue ${saved.name} created.`, undefined, { duration: 4000 });
        this.list.reload();
      });
  }

  protected remove(queue: QueueView): void {
    this.dialog
      .open(ConfirmDialog, {
        data: {
          title: `Delete queue ${queue.name}?`,
          message: `Agents stop serving it. Chats already waiting in it stay there until an agent takes them.`,
          confirm: 'Delete queue',
          destructive: true,
        } satisfies ConfirmData,
      })
      .afterClosed()
      .subscribe((confirmed?: boolean) => {
        if (!confirmed) return;
        this.api.queues.remove(queue.name).subscribe({
          next: () => {
            this.snackBar.open(`Queue ${queue.name} deleted.`, undefined, { duration: 4000 });
            this.list.reload();
          },
          error: (error: unknown) => this.snackBar.open(describeFailure(error), 'Dismiss', { duration: 8000 }),
        });
      });
  }
}
