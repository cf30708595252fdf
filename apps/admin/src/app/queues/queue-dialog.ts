import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { QUEUE_NAME_PATTERN, type QueueView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

/** Create a support queue, or change the description of one. */
@Component({
  selector: 'sb-queue-dialog',
  imports: [DialogField, FormDialog, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="queue ? 'Edit queue ' + queue.name : 'New support queue'" [saveLabel]="queue ? 'Save' : 'Create queue'">
      <sb-field field="name" label="Name" maxlength="64" required [patternHint]="nameHint" hint="Shown to agents and used by topics; it cannot be changed later." />
      <sb-field field="description" label="Description" rows="3" maxlength="500" />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueueDialog {
  protected readonly queue = inject<{ queue?: QueueView }>(MAT_DIALOG_DATA).queue;
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [{ value: this.queue?.name ?? '', disabled: !!this.queue }, [Validators.required, Validators.pattern(QUEUE_NAME_PATTERN)]],
    description: [this.queue?.description ?? '', Validators.maxLength(500)],
  });
  protected readonly submission = new DialogSubmission<QueueView>(this.form);

  protected readonly nameHint = 'Use letters, digits, spaces, ".", "_" or "-", starting with a letter or digit.';

  protected save(): void {
    this.submission.submit(() => {
      const { name, description } = this.form.getRawValue();
      return this.queue ? this.api.queues.update(this.queue.name, { description }) : this.api.queues.create({ name: name.trim(), description });
    });
  }
}
