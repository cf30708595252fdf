import { inject } from '@angular/core';
import type { ComponentType } from '@angular/cdk/portal';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';
import { ConfirmDialog, type ConfirmData } from '@switchboard/chat-ui';
import { describeFailure } from './describe-failure';
import type { PagedList } from './paged-list';

/**
 * What every list page does with its dialogs: open the form, confirm a
 * delete, say what happened, reload. Create it in a component's injection context.
 */
export class CrudActions<T> {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  constructor(
    private readonly list: PagedList<T>,
    private readonly describe: (item: T) => string,
  ) {}

  open<D>(component: ComponentType<unknown>, data: D, done: (saved: T) => string): void {
    // The first field takes the focus as the dialog opens, not when its animation ends: focus moved
    // then would pull the caret out of a field the user has already clicked into.
    this.dialog
      .open(component, { data, autoFocus: 'first-tabbable', delayFocusTrap: false, maxWidth: '92vw' })
      .afterClosed()
      .subscribe((saved?: T) => {
        if (!saved) return;
        this.snackBar.open(done(saved), undefined, { duration: 4000 });
        this.list.reload();
      });
  }

  /**
   * Disables a user (after the confirmation: their sessions end at once) or
   * enables them again (no confirmation), says so, reloads.
   */
  setDisabled(item: T, disabled: boolean, confirm: ConfirmData, request: () => Observable<unknown>): void {
    const run = () =>
      request().subscribe({
        next: () => {
          this.snackBar.open(`${this.describe(item)} ${disabled ? 'disabled' : 'enabled'}.`, undefined, { duration: 4000 });
          this.list.reload();
        },
        error: (error: unknown) => this.snackBar.open(describeFailure(error), 'Dismiss', { duration: 8000 }),
      });
    if (!disabled) {
      run();
      return;
    }
    this.dialog
      .open(ConfirmDialog, { data: { ...confirm, destructive: true } })
      .afterClosed()
      .subscribe((confirmed?: boolean) => {
        if (confirmed) run();
      });
  }

  remove(item: T, confirm: ConfirmData, request: () => Observable<void>): void {
    this.dialog
      .open(ConfirmDialog, { data: { ...confirm, destructive: true } })
      .afterClosed()
      .subscribe((confirmed?: boolean) => {
        if (!confirmed) return;
        request().subscribe({
          next: () => {
            this.snackBar.open(`${this.describe(item)} deleted.`, undefined, { duration: 4000 });
            this.list.reload();
          },
          error: (error: unknown) => this.snackBar.open(describeFailure(error), 'Dismiss', { duration: 8000 }),
        });
      });
  }
}
