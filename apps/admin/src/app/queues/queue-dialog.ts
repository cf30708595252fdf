import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { QUEUE_NAME_PATTERN, type QueueView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { DialogSubmission } from '../shared/dialog-submission';
import { FormDialog } from '../shared/form-dialog/form-dialog';
import { fieldMessage } from '../shared/server-errors';

/** Create a support queue, or change the description of one. */
@Component({
  selector: 'sb-queue-dialog',
  imports: [FormDialog, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="queue ? 'Edit queue ' + queue.name : 'New support queue'" [saveLabel]="queue ? 'Save' : 'Create queue'">
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" maxlength="64" required />
        <mat-hint>Shown to agents and used by topics; it cannot be changed later.</mat-hint>
        <mat-error>{{ message('name', 'Name') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Description</mat-label>
        <textarea matInput formControlName="description" rows="3" maxlength="500"></textarea>
        <mat-error>{{ message('description', 'Description') }}</mat-error>
      </mat-form-field>
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

  protected message(field: 'name' | 'description', label: string): string | null {
    const control = this.form.controls[field];
    if (control.hasError('pattern')) return 'Use letters, digits, spaces, ".", "_" or "-", starting with a letter or digit.';
    return fieldMessage(control, label);
  }

  protected save(): void {
    this.submission.submit(() => {
      const { name, description } = this.form.getRawValue();
      return this.queue ? this.api.queues.update(this.queue.name, { description }) : this.api.queues.create({ name: name.trim(), description });
    });
  }
}
