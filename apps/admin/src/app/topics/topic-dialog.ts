import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { SLUG_PATTERN, type TopicView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { queueOptions, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { FormDialog } from '../shared/form-dialog/form-dialog';
import { fieldMessage } from '../shared/server-errors';

@Component({
  selector: 'sb-topic-dialog',
  imports: [FormDialog, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="topic ? 'Edit topic' : 'New topic'" [saveLabel]="topic ? 'Save' : 'Create topic'">
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" maxlength="120" required />
        <mat-hint>What end users read when they pick a topic.</mat-hint>
        <mat-error>{{ message('name', 'Name') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Code</mat-label>
        <input matInput formControlName="id" maxlength="64" required class="sb-mono" />
        <mat-hint>A short code used by the chat widget, e.g. vpn.</mat-hint>
        <mat-error>{{ message('id', 'Code') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Support queue</mat-label>
        <mat-select formControlName="queue" required>
          @for (queue of queues(); track queue) {
            <mat-option [value]="queue">{{ queue }}</mat-option>
          }
        </mat-select>
        <mat-hint>With Support Queues on, chats of this topic wait in this queue.</mat-hint>
        <mat-error>{{ message('queue', 'Support queue') }}</mat-error>
      </mat-form-field>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopicDialog {
  protected readonly topic = inject<{ topic?: TopicView }>(MAT_DIALOG_DATA).topic;
  private readonly api = inject(AdminApi);
  protected readonly queues = queueOptions();
  protected readonly form = inject(NonNullableFormBuilder).group({
    id: [{ value: this.topic?.id ?? '', disabled: !!this.topic }, [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    name: [this.topic?.name ?? '', [Validators.required, Validators.maxLength(120)]],
    queue: [this.topic?.queue ?? 'General', Validators.required],
  });
  protected readonly submission = new DialogSubmission<TopicView>(this.form);

  protected message(field: 'id' | 'name' | 'queue', label: string): string | null {
    if (this.form.controls[field].hasError('pattern')) return SLUG_HINT;
    return fieldMessage(this.form.controls[field], label);
  }

  protected save(): void {
    this.submission.submit(() => {
      const { id, name, queue } = this.form.getRawValue();
      return this.topic ? this.api.topics.update(this.topic.id, { name, queue }) : this.api.topics.create({ id: id.trim(), name, queue });
    });
  }
}
