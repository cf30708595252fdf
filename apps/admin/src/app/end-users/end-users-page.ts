import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { EndUserView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { EndUserDialog } from './end-user-dialog';

@Component({
  selector: 'sb-end-users-page',
  imports: [ListTable, MatTableModule, MatTooltipModule, PageHeader],
  template: `
    <header sbPageHeader icon="group" heading="End users">
      The people who contact the desk. Agents see this contact information, site, company and the assets beside every chat.
    </header>
    <sb-list-table [list]="list" [columns]="columns" [rowName]="name" (create)="edit()" (edit)="edit($event)" (enable)="setDisabled($event, false)" (disable)="setDisabled($event, true)" (remove)="remove($event)"
      label="End users" pagesLabel="Pages of end users" searchLabel="Search name, email, company or site" actionLabel="New end user"
      emptyText="No end users yet." disableHint="Disable: signs them out, keeps the record">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>End user</th>
        <td mat-cell *matCellDef="let user">
          <div class="sb-primary-text">
            {{ user.displayName }}
            @if (user.disabled) {
              <span class="sb-tag" matTooltip="Cannot sign in">Disabled</span>
            }
          </div>
          <div class="sb-mono sb-muted">{{ user.id }}</div>
        </td>
      </ng-container>
      <ng-container matColumnDef="company">
        <th mat-header-cell *matHeaderCellDef>Company</th>
        <td mat-cell *matCellDef="let user"><span class="sb-tag">{{ user.companyId }}</span></td>
      </ng-container>
      <ng-container matColumnDef="contact">
        <th mat-header-cell *matHeaderCellDef>Contact</th>
        <td mat-cell *matCellDef="let user">
          <div>{{ user.email || '\u2014' }}</div>
          <div class="sb-muted">{{ user.phone }}</div>
        </td>
      </ng-container>
      <ng-container matColumnDef="site">
        <th mat-header-cell *matHeaderCellDef>Site</th>
        <td mat-cell *matCellDef="let user">{{ user.site || '\u2014' }}</td>
      </ng-container>
      <ng-container matColumnDef="assets">
        <th mat-header-cell *matHeaderCellDef class="sb-num-cell">Assets</th>
        <td mat-cell *matCellDef="let user" class="sb-num-cell" [matTooltip]="assetNames(user)">{{ user.assets.length }}</td>
      </ng-container>
    </sb-list-table>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndUsersPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<EndUserView>((params) => this.api.endUsers.list(params));
  private readonly actions = new CrudActions(this.list, (u) => `End user ${u.displayName}`);
  protected readonly columns = ['name', 'company', 'contact', 'site', 'assets', 'actions'];
  protected readonly name = (user: EndUserView) => user.displayName;

  protected assetNames(user: EndUserView): string {
    return user.assets.map((a) => a.name).join(', ');
  }

  protected edit(user?: EndUserView): void {
    this.actions.open(EndUserDialog, { user }, (saved) => `End user ${saved.displayName} ${user ? 'saved' : 'created'}.`);
  }

  /** Disabling signs the end user out on every gateway and refuses their sign-in until enabled again (issue 13). */
  protected setDisabled(user: EndUserView, disabled: boolean): void {
    this.actions.setDisabled(
      user,
      disabled,
      { title: `Disable ${user.displayName}?`, message: 'They are signed out at once and cannot sign in until enabled again. Their records and past chats stay.', confirm: 'Disable end user' },
      () => this.api.endUsers.patch(user.id, { disabled }),
    );
  }

  protected remove(user: EndUserView): void {
    this.actions.remove(user, { title: `Delete ${user.displayName}?`, message: 'Their past chats stay in the chat records.', confirm: 'Delete end user' }, () =>
      this.api.endUsers.remove(user.id),
    );
  }
}
