import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { CompanyView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { CompanyDialog } from './company-dialog';

@Component({
  selector: 'sb-companies-page',
  imports: [ListTable, MatTableModule, PageHeader],
  template: `
    <header sbPageHeader icon="domain" heading="Companies">
      The customer organisations the desk supports. Every end user belongs to one; with the Company filter on, agents only see chats of their own companies.
    </header>
    <sb-list-table [list]="list" [columns]="columns" [rowName]="name" (create)="edit()" (edit)="edit($event)" (remove)="remove($event)"
      label="Companies" pagesLabel="Pages of companies" searchLabel="Search name, code or domain" actionLabel="New company"
      emptyText="No companies yet.">
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
    </sb-list-table>
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompaniesPage {
  private readonly api = inject(AdminApi);
  protected readonly list = new PagedList<CompanyView>((params) => this.api.companies.list(params));
  private readonly actions = new CrudActions(this.list, (c) => `Company ${c.name}`);
  protected readonly columns = ['name', 'domains', 'notes', 'actions'];
  protected readonly name = (company: CompanyView) => company.name;

  protected edit(company?: CompanyView): void {
    this.actions.open(CompanyDialog, { company }, (saved) => `Company ${saved.name} ${company ? 'saved' : 'created'}.`);
  }

  protected remove(company: CompanyView): void {
    this.actions.remove(company, { title: `Delete company ${company.name}?`, message: 'Only a company without end users can be deleted.', confirm: 'Delete company' }, () =>
      this.api.companies.remove(company.id),
    );
  }
}
