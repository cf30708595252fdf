import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatTableModule } from '@angular/material/table';
import type { PagedList } from '../paged-list';
import { ListTable } from './list-table';

interface Row {
  name: string;
  disabled?: boolean;
}

@Component({
  imports: [ListTable, MatTableModule],
  template: `
    <sb-list-table
      [list]="list"
      [columns]="['name', 'actions']"
      label="Things"
      pagesLabel="Pages of things"
      actionLabel="New thing"
      [rowName]="name"
      disableHint="Disable: signs them out"
      [keep]="keep"
      [rowLabel]="rowLabel"
      (open)="events.push('open ' + $event.name)"
      (create)="events.push('create')"
      (edit)="events.push('edit ' + $event.name)"
      (enable)="events.push('enable ' + $event.name)"
      (disable)="events.push('disable ' + $event.name)"
      (remove)="events.push('remove ' + $event.name)"
    >
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>Thing</th>
        <td mat-cell *matCellDef="let thing">{{ thing.name }}</td>
      </ng-container>
    </sb-list-table>
  `,
})
class Host {
  readonly events: string[] = [];
  readonly list = {
    items: signal<Row[]>([{ name: 'Acme', disabled: true }, { name: 'General' }]),
    total: signal(2),
    page: signal(1),
    pageSize: signal(20),
    loading: signal(false),
    error: signal<string | null>(null),
    query: signal(''),
    search: () => undefined,
    goTo: () => undefined,
  } as unknown as PagedList<Row>;
  readonly name = (row: Row) => row.name;
  rowLabel: ((row: Row) => string) | null = null;
  readonly keep = (row: Row) => (row.name === 'General' ? 'General cannot be deleted' : null);
}

async function render(rowLabel: Host['rowLabel'] = null) {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.rowLabel = rowLabel;
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const button = (name: string) => element.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  return { host: fixture.componentInstance, element, button };
}

describe('ListTable (the toolbar, table, states and pager of every list page)', () => {
  it("shows the page's own columns beside the actions column, each button named after its row", async () => {
    const { element, button } = await render();

    expect(element.querySelector('table')?.getAttribute('aria-label')).toBe('Things');
    const cells = [...element.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()));
    expect(cells.map((row) => row[0])).toEqual(['Thing', 'Acme', 'General']);
    // A disabled row offers Enable, an enabled one Disable.
    expect(button('Enable Acme')).not.toBeNull();
    expect(button('Disable Acme')).toBeNull();
    expect(button('Disable General')).not.toBeNull();
    // A row the page keeps cannot be deleted.
    expect(button('Delete General')?.disabled).toBe(true);
    expect(button('Delete Acme')?.disabled).toBe(false);
    expect(element.querySelector('mat-paginator')?.getAttribute('aria-label')).toBe('Pages of things');
  });

  it('hands each action to the page with its row', async () => {
    const { host, element, button } = await render();

    [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('New thing'))!.click();
    for (const name of ['Edit Acme', 'Enable Acme', 'Disable General', 'Delete Acme', 'Delete General']) button(name)!.click();

    expect(host.events).toEqual(['create', 'edit Acme', 'enable Acme', 'disable General', 'remove Acme']);
  });

  it('opens a row on a click or Enter only where the page names rows to open', async () => {
    const plain = await render();
    const plainRow = plain.element.querySelectorAll('tr')[1]!;
    plainRow.click();
    expect(plainRow.getAttribute('tabindex')).toBeNull();
    expect(plain.host.events).toEqual([]);
    TestBed.resetTestingModule();

    const { host, element } = await render((row) => `Open ${row.name}`);
    const row = element.querySelector<HTMLElement>('tr[aria-label="Open Acme"]')!;
    expect(row.getAttribute('tabindex')).toBe('0');
    row.click();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(host.events).toEqual(['open Acme', 'open Acme']);
  });
});
