import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SessionDetailView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { DialogSubmission } from '../shared/dialog-submission';
import { FormDialog } from '../shared/form-dialog/form-dialog';

/**
 * Confirmation of a force-close (R17), with an optional comment kept in the
 * history. Sends the force-close itself: closes with the closed chat, or stays
 * open with the server's reason.
 */
@Component({
  selector: 'sb-force-close-dialog',
  imports: [FormDialog, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission" heading="Force-close this chat?" saveLabel="Force-close" danger>
      <p class="message">
        The chat of {{ data.session.endUserName || data.session.endUserId }} is closed at once, whatever its
        state{{ data.session.owner ? ' (held by ' + data.session.owner.displayName + ')' : '' }}. The end user and the agent are told. This cannot be undone.
      </p>
      <mat-form-field>
        <mat-label>Comment (kept in the history)</mat-label>
        <textarea matInput rows="3" maxlength="4000" formControlName="comment" placeholder="Why the chat was closed"></textarea>
      </mat-form-field>
    </form>
  `,
  styles: '.message { margin: 0 0 16px; max-width: 56ch; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForceCloseDialog {
  protected readonly data = inject<{ session: SessionDetailView }>(MAT_DIALOG_DATA);
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({ comment: ['', Validators.maxLength(4000)] });
  protected readonly submission = new DialogSubmission<SessionDetailView>(this.form);

  protected save(): void {
    this.submission.submit(() => this.api.forceClose(this.data.session.sessionId, this.form.getRawValue().comment.trim()));
  }
}
