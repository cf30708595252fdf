import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AgentView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { AgentDialog } from './agent-dialog';

@Component({
  selector: 'sb-agents-page',
  imports: [ListTable, MatTableModule, MatTooltipModule, PageHeader],
  template: `
    <header sbPageHeader icon="support_agent" heading="Agents">
      The queues each agent serves, the companies they support and how many chats they take at once. Who is online right now is on the dashboard.
    </header>
    <sb-list-table [list]="list" [columns]="columns" [rowName]="name" (create)="edit()" (edit)="edit($event)" (enable)="setDisabled($event, false)" (disable)="setDisabled($event, true)" (remove)="remove($event)"
      label="Agents" pagesLabel="Pages of agents" searchLabel="Search name, queue or company" actionLabel="New agent" emptyText="No agents yet."
      disableHint="Disable: signs them out, keeps the profile">
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
          @if (agent.supervisedQueues?.length) {
            <div class="sb-muted">Supervises {{ agent.supervisedQueues.join(', ') }}</div>
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
    </sb-list-table>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentsPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<AgentView>((params) => this.api.agents.list(params));
  private readonly actions = new CrudActions(this.list, (a) => `Agent ${a.displayName}`);
  protected readonly columns = ['name', 'queues', 'companies', 'cap', 'actions'];
  protected readonly name = (agent: AgentView) => agent.displayName;

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
