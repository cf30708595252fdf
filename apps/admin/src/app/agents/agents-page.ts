import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AgentView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { AgentDialog } from './agent-dialog';

@Component({
  selector: 'sb-agents-page',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  template: `
    <header class="sb-page-header">
      <span class="sb-page-icon" aria-hidden="true"><mat-icon>support_agent</mat-icon></span>
      <div>
        <h1>Agents</h1>
        <p>The queues each agent serves, the companies they support and how many chats they take at once. Who is online right now is on the dashboard.</p>
      </div>
    </header>
    <sb-list-toolbar searchLabel="Search name, queue or company" actionLabel="New agent" (search)="list.search($event)" (action)="edit()" />
    <div class="sb-table-card">
      <table mat-table [dataSource]="list.items()" aria-label="Agents">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Agent</th>
          <td mat-cell *matCellDef="let agent">
            <div class="sb-primary-text">
              {{ agent.displayName }}
              @if (agent.disabled) {
                <span class="sb-tag" matTooltip="Cannot sign in; offered no chats">Disabled</span>
              }
            </div>
            <div class="sb-mono sb-muted">{{ agent.id }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="queues">
          <th mat-header-cell *matHeaderCellDef>Queues</th>
          <td mat-cell *matCellDef="let agent">
            <span class="sb-tag">General</span>
            @for (queue of agent.queues; track queue) {
              @if (queue !== 'General') {
                <span class="sb-tag">{{ queue }}</span>
              }
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="companies">
          <th mat-header-cell *matHeaderCellDef>Companies</th>
          <td mat-cell *matCellDef="let agent">
            @for (company of agent.companies; track company) {
              <span class="sb-tag">{{ company }}</span>
            } @empty {
              <span class="sb-muted">None</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="cap">
          <th mat-header-cell *matHeaderCellDef class="sb-num-cell">Cap</th>
          <td mat-cell *matCellDef="let agent" class="sb-num-cell">
            @if (agent.cap > 0) {
              {{ agent.cap }}
            } @else {
              <span class="sb-muted" matTooltip="Uses Max concurrent chats per agent from Settings">Setting</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef class="sb-actions-cell"><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let agent" class="sb-actions-cell">
            <button matIconButton type="button" [attr.aria-label]="'Edit ' + agent.displayName" matTooltip="Edit" (click)="edit(agent)"><mat-icon>edit</mat-icon></button>
            @if (agent.disabled) {
              <button matIconButton type="button" [attr.aria-label]="'Enable ' + agent.displayName" matTooltip="Enable: may sign in again" (click)="setDisabled(agent, false)"><mat-icon>check_circle</mat-icon></button>
            } @else {
              <button matIconButton type="button" [attr.aria-label]="'Disable ' + agent.displayName" matTooltip="Disable: signs them out, keeps the profile" (click)="setDisabled(agent, true)"><mat-icon>block</mat-icon></button>
            }
            <button matIconButton type="button" [attr.aria-label]="'Delete ' + agent.displayName" matTooltip="Delete" (click)="remove(agent)"><mat-icon>delete</mat-icon></button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
      <sb-list-state [loading]="list.loading()" [error]="list.error()" [empty]="list.items().length === 0" [query]="list.query()" emptyText="No agents yet." />
      <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="pageSizes" (page)="list.goTo($event.pageIndex, $event.pageSize)" aria-label="Pages of agents" />
    </div>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentsPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<AgentView>((params) => this.api.agents.list(params));
  private readonly actions = new CrudActions(this.list, (a) => `Agent ${a.displayName}`);
  protected readonly columns = ['name', 'queues', 'companies', 'cap', 'actions'];
  protected readonly pageSizes = PAGE_SIZES;

  protected edit(agent?: AgentView): void {
    this.actions.open(AgentDialog, { agent }, (saved) => `Agent ${saved.displayName} ${agent ? 'saved' : 'created'}.`);
  }

  /** Disabling signs the agent out on every gateway and refuses their sign-in until enabled again (issue 13). */
  protected setDisabled(agent: AgentView, disabled: boolean): void {
    this.actions.setDisabled(
      agent,
      disabled,
      {
        title: `Disable agent ${agent.displayName}?`,
        message: 'They are signed out at once and cannot sign in until enabled again, so no chats are offered to them. Chats they hold stay assigned until closed or released.',
        confirm: 'Disable agent',
      },
      () => this.api.agents.patch(agent.id, { disabled }),
    );
  }

  protected remove(agent: AgentView): void {
    this.actions.remove(
      agent,
      { title: `Delete agent ${agent.displayName}?`, message: 'Chats the agent holds stay assigned until they are closed or released.', confirm: 'Delete agent' },
      () => this.api.agents.remove(agent.id),
    );
  }
}
