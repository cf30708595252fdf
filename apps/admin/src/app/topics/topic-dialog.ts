import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { SLUG_PATTERN, type TopicView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { PRIORITY_OPTIONS, queueOptions, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

@Component({
  selector: 'sb-topic-dialog',
  imports: [DialogField, FormDialog, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="topic ? 'Edit topic' : 'New topic'" [saveLabel]="topic ? 'Save' : 'Create topic'">
      <sb-field field="name" label="Name" maxlength="120" required hint="What end users read when they pick a topic." />
      <sb-field field="id" label="Code" maxlength="64" required mono [patternHint]="slugHint" hint="A short code used by the chat widget, e.g. vpn." />
      <sb-field field="queue" label="Support queue" [options]="queues()" required hint="With Support Queues on, chats of this topic wait in this queue." />
      <sb-field field="priority" label="Priority" [options]="priorities" hint="Chats on this topic start with at least this priority." />
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
    priority: [String(this.topic?.priority ?? 0)],
  });
  protected readonly submission = new DialogSubmission<TopicView>(this.form);

  protected readonly slugHint = SLUG_HINT;
  protected readonly priorities = PRIORITY_OPTIONS;

  protected save(): void {
    this.submission.submit(() => {
      const { id, name, queue, priority } = this.form.getRawValue();
      const level = Number(priority);
      return this.topic ? this.api.topics.update(this.topic.id, { name, queue, priority: level }) : this.api.topics.create({ id: id.trim(), name, queue, priority: level });
    });
  }
}
