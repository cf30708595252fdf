import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { SLUG_PATTERN, type AgentView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { companyOptions, queueOptions, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

@Component({
  selector: 'sb-agent-dialog',
  imports: [DialogField, FormDialog, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="agent ? 'Edit agent ' + agent.displayName : 'New agent'" [saveLabel]="agent ? 'Save' : 'Create agent'">
      <div class="sb-form-row">
        <sb-field field="displayName" label="Display name" maxlength="120" required />
        <sb-field field="id" label="Username" maxlength="64" required mono [patternHint]="slugHint" />
      </div>
      <sb-field field="queues" label="Support queues" [options]="queues()" multiple hint="Every agent serves General; add the queues this agent also serves." />
      <sb-field field="companies" label="Companies" [options]="companies()" multiple hint="With the Company filter on, the agent sees chats of these companies only." />
      <sb-field
        field="supervisedQueues"
        label="Supervises queues"
        [options]="queues()"
        multiple
        hint="A supervisor monitors, whispers in and takes over the chats of these queues in the agent console. None: not a supervisor."
      />
      <sb-field
        field="cap"
        label="Concurrent chats cap"
        errorLabel="The cap"
        type="number"
        min="0"
        max="10000"
        step="1"
        patternHint="Enter a whole number."
        hint="0 uses the service-wide setting. Automatic assignment stops at the cap."
      />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentDialog {
  protected readonly agent = inject<{ agent?: AgentView }>(MAT_DIALOG_DATA).agent;
  private readonly api = inject(AdminApi);
  protected readonly queues = queueOptions();
  protected readonly companies = companyOptions();
  protected readonly form = inject(NonNullableFormBuilder).group({
    id: [{ value: this.agent?.id ?? '', disabled: !!this.agent }, [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    displayName: [this.agent?.displayName ?? '', [Validators.required, Validators.maxLength(120)]],
    queues: [this.agent?.queues ?? ([] as string[])],
    companies: [this.agent?.companies ?? ([] as string[])],
    supervisedQueues: [this.agent?.supervisedQueues ?? ([] as string[])],
    cap: [this.agent?.cap ?? 0, [Validators.required, Validators.min(0), Validators.max(10000), Validators.pattern(/^\d+$/)]],
  });
  protected readonly submission = new DialogSubmission<AgentView>(this.form);

  protected readonly slugHint = SLUG_HINT;

  protected save(): void {
    this.submission.submit(() => {
      const { id, ...profile } = this.form.getRawValue();
      const body = { ...profile, cap: Number(profile.cap) };
      return this.agent ? this.api.agents.update(this.agent.id, body) : this.api.agents.create({ id: id.trim(), ...body });
    });
  }
}
