import { TestBed } from '@angular/core/testing';
import type { Page } from '@switchboard/contracts';
import { of, Subject, type Observable } from 'rxjs';
import type { ListParams } from '../core/api/admin-api';
import { PagedList } from './paged-list';

describe('PagedList (search and paging of every list page)', () => {
  const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const page = (items: string[], total = items.length, n = 1): Page<string> => ({ items, total, page: n, pageSize: 20 });

  function create(load: (params: ListParams) => Observable<Page<string>>) {
    return TestBed.runInInjectionContext(() => new PagedList<string>(load));
  }

  it('loads the first page, then searches after a pause in typing, from page 1', async () => {
    const calls: ListParams[] = [];
    const list = create((params) => {
      calls.push(params);
      return of(page([`result of "${params.q}"`]));
    });
    await tick();
    list.goTo(2, 20);
    await tick();
    list.search('v');
    list.search('vp');
    list.search(' vpn ');
    await tick(300);
    expect(calls.map((c) => [c.q, c.page])).toEqual([
      ['', 1],
      ['', 3],
      ['vpn', 1],
    ]);
    expect(list.items()).toEqual(['result of "vpn"']);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const answers: Array<Subject<Page<string>>> = [];
    const list = create(() => {
      const answer = new Subject<Page<string>>();
      answers.push(answer);
      return answer;
    });
    await tick();
    list.filter('status', 'QUEUED');
    await tick();
    answers[1]!.next(page(['new']));
    answers[0]!.next(page(['old']));
    expect(list.items()).toEqual(['new']);
    expect(list.loading()).toBe(false);
  });

  it('shows the last page that still has items after a delete emptied the current one', async () => {
    const calls: ListParams[] = [];
    const list = create((params) => {
      calls.push(params);
      return of(params.page === 3 ? page([], 40, 3) : page(['x'], 40, params.page));
    });
    await tick();
    list.goTo(2, 20);
    await tick(20);
    expect(list.page()).toBe(2);
    expect(list.items()).toEqual(['x']);
    expect(calls.at(-1)?.page).toBe(2);
  });
});
