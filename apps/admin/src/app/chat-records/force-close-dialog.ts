import { ChangeDetectionStrategy, Component, inject, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SessionDetailView } from '@switchboard/contracts';

/** Confirmation of a force-close, with an optional comment kept in the history. Closes with the comment, or nothing. */
@Component({
  selector: 'sb-force-close-dialog',
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Force-close this chat?</h2>
    <mat-dialog-content>
      <p class="message">
        The chat of {{ data.session.endUserName || data.session.endUserId }} is closed at once, whatever its state
        @if (data.session.owner) {
          (held by {{ data.session.owner.displayName }})
        }. The end user and the agent are told. This cannot be undone.
      </p>
      <mat-form-field appearance="outline" class="comment">
        <mat-label>Comment (kept in the history)</mat-label>
        <textarea matInput rows="3" maxlength="4000" [(ngModel)]="comment" placeholder="Why the chat was closed"></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>Cancel</button>
      <button matButton="filled" class="sb-danger" type="button" [mat-dialog-close]="comment().trim()">Force-close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .message { margin: 0 0 16px; max-width: 56ch; }
    .comment { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForceCloseDialog {
  protected readonly data = inject<{ session: SessionDetailView }>(MAT_DIALOG_DATA);
  protected readonly comment = model('');
}
