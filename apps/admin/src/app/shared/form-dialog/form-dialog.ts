import { booleanAttribute, ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { DialogSubmission } from '../dialog-submission';
import { OUTLINE_FIELDS } from '../outline-fields';

/**
 * The frame of every admin form dialog: the title, the form's own error (the
 * server's reason) above the fields, Cancel and the Save button, disabled
 * while saving. It is the dialog's `<form>`: the dialog puts `[formGroup]` and
 * `(ngSubmit)` on it as on any form and projects its fields, which find the
 * form group there.
 *
 *     <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
 *       heading="New queue" saveLabel="Create queue">
 *       <mat-form-field>...</mat-form-field>
 *     </form>
 */
@Component({
  selector: 'form[sbFormDialog]',
  providers: [OUTLINE_FIELDS],
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  host: { novalidate: '', class: 'sb-form-dialog' },
  template: `
    <h2 mat-dialog-title>{{ heading() }}</h2>
    <mat-dialog-content class="sb-dialog-form">
      @if (submission().failure(); as message) {
        <div class="sb-alert" role="alert"><mat-icon>error</mat-icon>{{ message }}</div>
      }
      <ng-content />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>Cancel</button>
      <button matButton="filled" type="submit" [class.sb-danger]="danger()" [disabled]="submission().saving()">{{ saveLabel() }}</button>
    </mat-dialog-actions>
  `,
  // Material drops the content's top padding right under a title; outlined fields float their label
  // above the field, so the frame keeps the padding it has in a dialog with actions.
  styles: '.mat-mdc-dialog-title + .sb-dialog-form { padding-top: 20px; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormDialog {
  readonly heading = input.required<string>();
  /** The primary button's words: "Save" for an edit, "Create queue" for a new one. */
  readonly saveLabel = input('Save');
  /** The primary button is the danger button: what it does cannot be undone. */
  readonly danger = input(false, { transform: booleanAttribute });
  /** The dialog's save in progress and its failure. */
  readonly submission = input.required<Pick<DialogSubmission<unknown>, 'saving' | 'failure'>>();
}
