import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface ConfirmData {
  title: string;
  /** The consequence, spelled out. */
  message: string;
  /** The confirm button's words (say what happens: "Delete queue", "Abandon"). */
  confirm: string;
  /** The button that changes nothing; "Cancel" when absent. */
  cancel?: string;
  /** For what cannot be undone: the confirm button is the danger button (`sb-danger`). */
  destructive?: boolean;
}

/**
 * The one yes / no dialog of the three apps: "Are you sure?" with the
 * consequence spelled out; closes with true only on the confirm button,
 * false on the other one, undefined on Escape or a click outside.
 */
@Component({
  selector: 'sb-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="sb-confirm-message">{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="false">{{ data.cancel ?? 'Cancel' }}</button>
      <button matButton="filled" type="button" [class.sb-danger]="data.destructive" [mat-dialog-close]="true" cdkFocusInitial>
        {{ data.confirm }}
      </button>
    </mat-dialog-actions>
  `,
  styles: '.sb-confirm-message { margin: 0; max-width: 52ch; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}
