import { type AfterContentInit, ChangeDetectionStrategy, Component, ContentChildren, input, output, type QueryList, ViewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatColumnDef, MatTable, MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ListState } from '../list-state/list-state';
import { ListToolbar } from '../list-toolbar/list-toolbar';
import { PAGE_SIZES, type PagedList } from '../paged-list';

/**
 * The body of every list page: the toolbar (search, projected filters, the
 * page's main action), the table, what an empty or failed list means, and the
 * pager. The page projects its own columns (`<ng-container matColumnDef>`);
 * the `actions` column (Edit, Enable or Disable, Delete; each button named
 * after its row) is here. List `actions` in `columns` to show it. Filters
 * marked `sbListFilter` go into the toolbar; with `rowLabel` a row opens.
 *
 *     <sb-list-table [list]="list" [columns]="columns" label="Companies" pagesLabel="Pages of companies"
 *       searchLabel="Search name" actionLabel="New company" emptyText="No companies yet."
 *       [rowName]="name" (create)="edit()" (edit)="edit($event)" (remove)="remove($event)">
 *       <ng-container matColumnDef="name">...</ng-container>
 *     </sb-list-table>
 */
@Component({
  selector: 'sb-list-table',
  imports: [ListState, ListToolbar, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule, MatTooltipModule],
  template: `
    <sb-list-toolbar [searchLabel]="searchLabel()" [actionLabel]="actionLabel()" (search)="list().search($event)" (action)="create.emit()">
      <ng-content select="[sbListFilter]" />
    </sb-list-toolbar>
    <div class="sb-table-card">
      <table mat-table [dataSource]="list().items()" [attr.aria-label]="label()">
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef class="sb-actions-cell"><span class="cdk-visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let row" class="sb-actions-cell">
            <button matIconButton type="button" [attr.aria-label]="'Edit ' + rowName()(row)" matTooltip="Edit" (click)="edit.emit(row)"><mat-icon>edit</mat-icon></button>
            @if (disableHint(); as hint) {
              @if (row.disabled) {
                <button matIconButton type="button" [attr.aria-label]="'Enable ' + rowName()(row)" matTooltip="Enable: may sign in again" (click)="enable.emit(row)"><mat-icon>check_circle</mat-icon></button>
              } @else {
                <button matIconButton type="button" [attr.aria-label]="'Disable ' + rowName()(row)" [matTooltip]="hint" (click)="disable.emit(row)"><mat-icon>block</mat-icon></button>
              }
            }
            @if (keep()(row); as reason) {
              <!-- A disabled button shows no tooltip of its own: the span carries why it cannot go. -->
              <span [matTooltip]="reason">
                <button matIconButton type="button" [attr.aria-label]="'Delete ' + rowName()(row)" disabled><mat-icon>delete</mat-icon></button>
              </span>
            } @else {
              <button matIconButton type="button" [attr.aria-label]="'Delete ' + rowName()(row)" matTooltip="Delete" (click)="remove.emit(row)"><mat-icon>delete</mat-icon></button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr
          mat-row
          *matRowDef="let row; columns: columns()"
          [class.sb-clickable]="!!rowLabel()"
          [attr.tabindex]="rowLabel() ? 0 : null"
          [attr.aria-label]="rowLabel()?.(row) ?? null"
          (click)="openRow(row)"
          (keydown.enter)="openRow(row)"
        ></tr>
      </table>
      <sb-list-state [loading]="list().loading()" [error]="list().error()" [empty]="list().items().length === 0" [query]="list().query()" [emptyText]="emptyText()" />
      <mat-paginator
        [length]="list().total()"
        [pageIndex]="list().page() - 1"
        [pageSize]="list().pageSize()"
        [pageSizeOptions]="pageSizes"
        (page)="list().goTo($event.pageIndex, $event.pageSize)"
        [attr.aria-label]="pagesLabel()"
      />
    </div>
  `,
  styles: ':host { display: block; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListTable<T> implements AfterContentInit {
  readonly list = input.required<PagedList<T>>();
  /** The column ids in order; the page defines each but `actions`. */
  readonly columns = input.required<readonly string[]>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  /** The pager's accessible name. */
  readonly pagesLabel = input.required<string>();
  readonly searchLabel = input('Search');
  /** The words of the toolbar's main button (none without). */
  readonly actionLabel = input<string | null>(null);
  readonly emptyText = input('Nothing here yet.');
  /** The row's name in the action buttons' accessible names ("Edit Acme"). */
  readonly rowName = input<(row: T) => string>(() => '');
  /** The Disable button's tooltip; without it the rows have no Enable or Disable button. */
  readonly disableHint = input<string | null>(null);
  /** Rows that open (a click or Enter) are named by this ("Open session 42"). */
  readonly rowLabel = input<((row: T) => string) | null>(null);
  /** Why a row cannot be deleted (its Delete button is disabled), or null. */
  readonly keep = input<(row: T) => string | null>(() => null);

  /** The toolbar's main button. */
  readonly create = output<void>();
  readonly open = output<T>();
  readonly edit = output<T>();
  readonly enable = output<T>();
  readonly disable = output<T>();
  readonly remove = output<T>();

  protected readonly pageSizes = PAGE_SIZES;

  @ViewChild(MatTable, { static: true }) private table!: MatTable<T>;
  @ContentChildren(MatColumnDef) private columnDefs!: QueryList<MatColumnDef>;

  protected openRow(row: T): void {
    if (this.rowLabel()) this.open.emit(row);
  }

  /** The page's columns are declared in its template, outside this table: hand them to it. */
  ngAfterContentInit(): void {
    this.columnDefs.forEach((def) => this.table.addColumnDef(def));
  }
}
