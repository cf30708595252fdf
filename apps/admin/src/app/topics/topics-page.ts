import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { TopicView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { TopicDialog } from './topic-dialog';

@Component({
  selector: 'sb-topics-page',
  imports: [ListTable, MatTableModule, PageHeader],
  template: `
    <header sbPageHeader icon="topic" heading="Topics">
      End users pick a topic when they start a chat (with Use Topics on). Each topic routes its chats to one support queue.
    </header>
    <sb-list-table [list]="list" [columns]="columns" [rowName]="name" (create)="edit()" (edit)="edit($event)" (remove)="remove($event)"
      label="Topics" pagesLabel="Pages of topics" searchLabel="Search topics or queues" actionLabel="New topic"
      emptyText="No topics yet. Create one so end users can say what their chat is about.">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>Name</th>
        <td mat-cell *matCellDef="let topic"><span class="sb-primary-text">{{ topic.name }}</span></td>
      </ng-container>
      <ng-container matColumnDef="id">
        <th mat-header-cell *matHeaderCellDef>Code</th>
        <td mat-cell *matCellDef="let topic" class="sb-mono sb-muted">{{ topic.id }}</td>
      </ng-container>
      <ng-container matColumnDef="queue">
        <th mat-header-cell *matHeaderCellDef>Support queue</th>
        <td mat-cell *matCellDef="let topic"><span class="sb-tag">{{ topic.queue }}</span></td>
      </ng-container>
    </sb-list-table>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopicsPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<TopicView>((params) => this.api.topics.list(params));
  private readonly actions = new CrudActions(this.list, (t) => `Topic ${t.name}`);
  protected readonly columns = ['name', 'id', 'queue', 'actions'];
  protected readonly name = (topic: TopicView) => topic.name;

  protected edit(topic?: TopicView): void {
    this.actions.open(TopicDialog, { topic }, (saved) => (topic ? `Topic ${saved.name} saved.` : `Topic ${saved.name} created; its chats go to ${saved.queue}.`));
  }

  protected remove(topic: TopicView): void {
    this.actions.remove(topic, { title: `Delete topic ${topic.name}?`, message: 'End users can no longer pick it. Chats started with it keep their queue.', confirm: 'Delete topic' }, () =>
      this.api.topics.remove(topic.id),
    );
  }
}
