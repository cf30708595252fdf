import { TestBed } from '@angular/core/testing';
import type { Page } from '@switchboard/contracts';
import { of, Subject, type Observable } from 'rxjs';
import type { ListParams } from '../core/api/admin-api';
import { PagedList } from './paged-list';

describe('PagedList (search and paging of every list page)', () => {
  // The list's debounces run on a fake clock the test moves.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  // One step of the clock (a millisecond by default): what is due runs; what that schedules waits for the next step.
  const tick = (ms = 1) => jest.advanceTimersByTime(ms);
  const page = (items: string[], total = items.length, n = 1): Page<string> => ({ items, total, page: n, pageSize: 20 });

  function create(load: (params: ListParams) => Observable<Page<string>>) {
    return TestBed.runInInjectionContext(() => new PagedList<string>(load));
  }

  it('loads the first page, then searches after a pause in typing, from page 1', () => {
    const calls: ListParams[] = [];
    const list = create((params) => {
      calls.push(params);
      return of(page([`result of "${params.q}"`]));
    });
    tick();
    list.goTo(2, 20);
    tick();
    list.search('v');
    list.search('vp');
    list.search(' vpn ');
    // Still typing: nothing is asked until the pause (250 ms) is over.
    tick(248);
    expect(calls).toHaveLength(2);
    tick(2);
    // The search asks for page 1, coalesced like any reload.
    tick();
    expect(calls.map((c) => [c.q, c.page])).toEqual([
      ['', 1],
      ['', 3],
      ['vpn', 1],
    ]);
    expect(list.items()).toEqual(['result of "vpn"']);
  });

  it('never lets an older answer overwrite a newer one', () => {
    const answers: Array<Subject<Page<string>>> = [];
    const list = create(() => {
      const answer = new Subject<Page<string>>();
      answers.push(answer);
      return answer;
    });
    tick();
    list.filter('status', 'QUEUED');
    tick();
    expect(answers).toHaveLength(2);
    answers[1]!.next(page(['new']));
    answers[0]!.next(page(['old']));
    expect(list.items()).toEqual(['new']);
    expect(list.loading()).toBe(false);
  });

  it('shows the last page that still has items after a delete emptied the current one', () => {
    const calls: ListParams[] = [];
    const list = create((params) => {
      calls.push(params);
      return of(params.page === 3 ? page([], 40, 3) : page(['x'], 40, params.page));
    });
    tick();
    list.goTo(2, 20);
    tick();
    // Page 3 came back empty: the page before is asked for.
    tick();
    expect(list.page()).toBe(2);
    expect(list.items()).toEqual(['x']);
    expect(calls.at(-1)?.page).toBe(2);
  });
});
