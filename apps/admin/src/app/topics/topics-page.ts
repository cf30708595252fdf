import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { TopicView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { TopicDialog } from './topic-dialog';

@Component({
  selector: 'sb-topics-page',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  template: `
    <header class="sb-page-header">
      <span class="sb-page-icon" aria-hidden="true"><mat-icon>topic</mat-icon></span>
      <div>
        <h1>Topics</h1>
        <p>End users pick a topic when they start a chat (with Use Topics on). Each topic routes its chats to one support queue.</p>
      </div>
    </header>
    <sb-list-toolbar searchLabel="Search topics or queues" actionLabel="New topic" (search)="list.search($event)" (action)="edit()" />
    <div class="sb-table-card">
      <table mat-table [dataSource]="list.items()" aria-label="Topics">
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
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef class="sb-actions-cell"><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let topic" class="sb-actions-cell">
            <button matIconButton type="button" [attr.aria-label]="'Edit ' + topic.name" matTooltip="Edit" (click)="edit(topic)"><mat-icon>edit</mat-icon></button>
            <button matIconButton type="button" [attr.aria-label]="'Delete ' + topic.name" matTooltip="Delete" (click)="remove(topic)"><mat-icon>delete</mat-icon></button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
      <sb-list-state [loading]="list.loading()" [error]="list.error()" [empty]="list.items().length === 0" [query]="list.query()" emptyText="No topics yet. Create one so end users can say what their chat is about." />
      <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="pageSizes" (page)="list.goTo($event.pageIndex, $event.pageSize)" aria-label="Pages of topics" />
    </div>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopicsPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<TopicView>((params) => this.api.topics.list(params));
  private readonly actions = new CrudActions(this.list, (t) => `Topic ${t.name}`);
  protected readonly columns = ['name', 'id', 'queue', 'actions'];
  protected readonly pageSizes = PAGE_SIZES;

  protected edit(topic?: TopicView): void {
    this.actions.open(TopicDialog, { topic }, (saved) => (topic ? `Topic ${saved.name} saved.` : `Topic ${saved.name} created; its chats go to ${saved.queue}.`));
  }

  protected remove(topic: TopicView): void {
    this.actions.remove(topic, { title: `Delete topic ${topic.name}?`, message: 'End users can no longer pick it. Chats started with it keep their queue.', confirm: 'Delete topic' }, () =>
      this.api.topics.remove(topic.id),
    );
  }
}
