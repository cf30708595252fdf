import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { EndUserView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { EndUserDialog } from './end-user-dialog';

@Component({
  selector: 'sb-end-users-page',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  template: `
    <header class="sb-page-header">
      <span class="sb-page-icon" aria-hidden="true"><mat-icon>group</mat-icon></span>
      <div>
        <h1>End users</h1>
        <p>The people who contact the desk. Agents see this contact information, site, company and the assets beside every chat.</p>
      </div>
    </header>
    <sb-list-toolbar searchLabel="Search name, email, company or site" actionLabel="New end user" (search)="list.search($event)" (action)="edit()" />
    <div class="sb-table-card">
      <table mat-table [dataSource]="list.items()" aria-label="End users">
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
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef class="sb-actions-cell"><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let user" class="sb-actions-cell">
            <button matIconButton type="button" [attr.aria-label]="'Edit ' + user.displayName" matTooltip="Edit" (click)="edit(user)"><mat-icon>edit</mat-icon></button>
            @if (user.disabled) {
              <button matIconButton type="button" [attr.aria-label]="'Enable ' + user.displayName" matTooltip="Enable: may sign in again" (click)="setDisabled(user, false)"><mat-icon>check_circle</mat-icon></button>
            } @else {
              <button matIconButton type="button" [attr.aria-label]="'Disable ' + user.displayName" matTooltip="Disable: signs them out, keeps the record" (click)="setDisabled(user, true)"><mat-icon>block</mat-icon></button>
            }
            <button matIconButton type="button" [attr.aria-label]="'Delete ' + user.displayName" matTooltip="Delete" (click)="remove(user)"><mat-icon>delete</mat-icon></button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
      <sb-list-state [loading]="list.loading()" [error]="list.error()" [empty]="list.items().length === 0" [query]="list.query()" emptyText="No end users yet." />
      <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="pageSizes" (page)="list.goTo($event.pageIndex, $event.pageSize)" aria-label="Pages of end users" />
    </div>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndUsersPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<EndUserView>((params) => this.api.endUsers.list(params));
  private readonly actions = new CrudActions(this.list, (u) => `End user ${u.displayName}`);
  protected readonly columns = ['name', 'company', 'contact', 'site', 'assets', 'actions'];
  protected readonly pageSizes = PAGE_SIZES;

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
