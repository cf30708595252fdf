import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { SLUG_PATTERN, type TopicView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { queueOptions, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { fieldMessage } from '../shared/server-errors';

@Component({
  selector: 'sb-topic-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>{{ topic ? 'Edit topic' : 'New topic' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="sb-dialog-form">
        @if (submission.failure(); as message) {
          <div class="sb-form-error" role="alert"><mat-icon>error</mat-icon>{{ message }}</div>
        }
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="120" required />
          <mat-hint>What end users read when they pick a topic.</mat-hint>
          <mat-error>{{ message('name', 'Name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Code</mat-label>
          <input matInput formControlName="id" maxlength="64" required class="sb-mono" />
          <mat-hint>A short code used by the chat widget, e.g. vpn.</mat-hint>
          <mat-error>{{ message('id', 'Code') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Support queue</mat-label>
          <mat-select formControlName="queue" required>
            @for (queue of queues(); track queue) {
              <mat-option [value]="queue">{{ queue }}</mat-option>
            }
          </mat-select>
          <mat-hint>With Support Queues on, chats of this topic wait in this queue.</mat-hint>
          <mat-error>{{ message('queue', 'Support queue') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Cancel</button>
        <button matButton="filled" type="submit" [disabled]="submission.saving()">{{ topic ? 'Save' : 'Create topic' }}</button>
      </mat-dialog-actions>
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
