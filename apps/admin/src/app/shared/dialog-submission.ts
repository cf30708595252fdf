import { inject, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { applyServerError } from './server-errors';

/**
 * Save in an admin form dialog: validate, send once (a second click while
 * saving does nothing), close with the saved item, or stay open with the
 * server's reasons on the fields and in the banner. Created in a dialog's
 * field initialiser, after its form: it injects the dialog's ref.
 */
export class DialogSubmission<T> {
  readonly saving = signal(false);
  readonly failure = signal<string | null>(null);
  private readonly ref = inject<MatDialogRef<unknown, T>>(MatDialogRef);

  constructor(private readonly form: FormGroup) {}

  /** `request` builds the call from the form's values; it runs only when the form is valid. */
  submit(request: () => Observable<T>): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.failure.set(null);
    request().subscribe({
      next: (saved) => this.ref.close(saved),
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(applyServerError(this.form, error));
      },
    });
  }
}
