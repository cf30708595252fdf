import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { CompanyView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListState } from '../shared/list-state/list-state';
import { ListToolbar } from '../shared/list-toolbar/list-toolbar';
import { PAGE_SIZES, PagedList } from '../shared/paged-list';
import { CompanyDialog } from './company-dialog';

@Component({
  selector: 'sb-companies-page',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  template: `
    <header class="sb-page-header">
      <span class="sb-page-icon" aria-hidden="true"><mat-icon>domain</mat-icon></span>
      <div>
        <h1>Companies</h1>
        <p>The customer organisations the desk supports. Every end user belongs to one; with the Company filter on, agents only see chats of their own companies.</p>
      </div>
    </header>
    <sb-list-toolbar searchLabel="Search name, code or domain" actionLabel="New company" (search)="list.search($event)" (action)="edit()" />
    <div class="sb-table-card">
      <table mat-table [dataSource]="list.items()" aria-label="Companies">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Company</th>
          <td mat-cell *matCellDef="let company">
            <div class="sb-primary-text">{{ company.name }}</div>
            <div class="sb-mono sb-muted">{{ company.id }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="domains">
          <th mat-header-cell *matHeaderCellDef>Email domains</th>
          <td mat-cell *matCellDef="let company">
            @for (domain of company.emailDomains; track domain) {
              <span class="sb-tag">{{ domain }}</span>
            } @empty {
              <span class="sb-muted">\u2014</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="notes">
          <th mat-header-cell *matHeaderCellDef>Notes</th>
          <td mat-cell *matCellDef="let company" class="sb-muted">{{ company.notes || '\u2014' }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef class="sb-actions-cell"><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let company" class="sb-actions-cell">
            <button matIconButton type="button" [attr.aria-label]="'Edit ' + company.name" matTooltip="Edit" (click)="edit(company)"><mat-icon>edit</mat-icon></button>
            <button matIconButton type="button" [attr.aria-label]="'Delete ' + company.name" matTooltip="Delete" (click)="remove(company)"><mat-icon>delete</mat-icon></button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
      <sb-list-state [loading]="list.loading()" [error]="list.error()" [empty]="list.items().length === 0" [query]="list.query()" emptyText="No companies yet." />
      <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="pageSizes" (page)="list.goTo($event.pageIndex, $event.pageSize)" aria-label="Pages of companies" />
    </div>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompaniesPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<CompanyView>((params) => this.api.companies.list(params));
  private readonly actions = new CrudActions(this.list, (c) => `Company ${c.name}`);
  protected readonly columns = ['name', 'domains', 'notes', 'actions'];
  protected readonly pageSizes = PAGE_SIZES;

  protected edit(company?: CompanyView): void {
    this.actions.open(CompanyDialog, { company }, (saved) => `Company ${saved.name} ${company ? 'saved' : 'created'}.`);
  }

  protected remove(company: CompanyView): void {
    this.actions.remove(company, { title: `Delete company ${company.name}?`, message: 'Only a company without end users can be deleted.', confirm: 'Delete company' }, () =>
      this.api.companies.remove(company.id),
    );
  }
}
