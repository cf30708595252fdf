import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { CrudActions } from './crud-page';
import type { PagedList } from './paged-list';

describe('CrudActions.setDisabled (issue 13: the agent and end-user pages disable and enable users)', () => {
  const confirmation = { title: 'Disable agent Pat?', message: 'They are signed out at once.', confirm: 'Disable agent' };

  function setup(confirmed: boolean) {
    const opened: unknown[] = [];
    const notices: string[] = [];
    const reload = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: MatDialog, useValue: { open: (_component: unknown, config: { data: unknown }) => (opened.push(config.data), { afterClosed: () => of(confirmed) }) } },
        { provide: MatSnackBar, useValue: { open: (message: string) => notices.push(message) } },
      ],
    });
    const actions = TestBed.runInInjectionContext(
      () => new CrudActions<{ name: string }>({ reload } as Pick<PagedList<{ name: string }>, 'reload'> as PagedList<{ name: string }>, (item) => `Agent ${item.name}`),
    );
    return { actions, opened, notices, reload };
  }

  it('asks before disabling, then sends the change, says so and reloads the list', () => {
    const { actions, opened, notices, reload } = setup(true);
    const request = jest.fn(() => of({}));

    actions.setDisabled({ name: 'Pat' }, true, confirmation, request);

    expect(opened).toEqual([{ ...confirmation, destructive: true }]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(notices).toEqual(['Agent Pat disabled.']);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when the administrator cancels the disabling', () => {
    const { actions, reload } = setup(false);
    const request = jest.fn(() => of({}));

    actions.setDisabled({ name: 'Pat' }, true, confirmation, request);

    expect(request).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it('enables again without asking', () => {
    const { actions, opened, notices } = setup(false);
    const request = jest.fn(() => of({}));

    actions.setDisabled({ name: 'Pat' }, false, confirmation, request);

    expect(opened).toEqual([]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(notices).toEqual(['Agent Pat enabled.']);
  });
});
