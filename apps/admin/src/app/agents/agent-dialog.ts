import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { SLUG_PATTERN, type AgentView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { companyOptions, queueOptions, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { FormDialog } from '../shared/form-dialog/form-dialog';
import { fieldMessage } from '../shared/server-errors';

@Component({
  selector: 'sb-agent-dialog',
  imports: [FormDialog, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="agent ? 'Edit agent ' + agent.displayName : 'New agent'" [saveLabel]="agent ? 'Save' : 'Create agent'">
      <div class="sb-form-row">
        <mat-form-field>
          <mat-label>Display name</mat-label>
          <input matInput formControlName="displayName" maxlength="120" required />
          <mat-error>{{ message('displayName', 'Display name') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Username</mat-label>
          <input matInput formControlName="id" maxlength="64" required class="sb-mono" />
          <mat-error>{{ message('id', 'Username') }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field>
        <mat-label>Support queues</mat-label>
        <mat-select formControlName="queues" multiple>
          @for (queue of queues(); track queue) {
            <mat-option [value]="queue">{{ queue }}</mat-option>
          }
        </mat-select>
        <mat-hint>Every agent serves General; add the queues this agent also serves.</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Companies</mat-label>
        <mat-select formControlName="companies" multiple>
          @for (company of companies(); track company.id) {
            <mat-option [value]="company.id">{{ company.name }}</mat-option>
          }
        </mat-select>
        <mat-hint>With the Company filter on, the agent sees chats of these companies only.</mat-hint>
        <mat-error>{{ message('companies', 'Companies') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Concurrent chats cap</mat-label>
        <input matInput type="number" formControlName="cap" min="0" max="10000" step="1" />
        <mat-hint>0 uses the service-wide setting. Automatic assignment stops at the cap.</mat-hint>
        <mat-error>{{ message('cap', 'The cap') }}</mat-error>
      </mat-form-field>
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
    cap: [this.agent?.cap ?? 0, [Validators.required, Validators.min(0), Validators.max(10000), Validators.pattern(/^\d+$/)]],
  });
  protected readonly submission = new DialogSubmission<AgentView>(this.form);

  protected message(field: 'id' | 'displayName' | 'companies' | 'cap', label: string): string | null {
    const control = this.form.controls[field];
    if (control.hasError('pattern') && !control.hasError('min')) return field === 'cap' ? 'Enter a whole number.' : SLUG_HINT;
    return fieldMessage(control, label);
  }

  protected save(): void {
    this.submission.submit(() => {
      const { id, ...profile } = this.form.getRawValue();
      const body = { ...profile, cap: Number(profile.cap) };
      return this.agent ? this.api.agents.update(this.agent.id, body) : this.api.agents.create({ id: id.trim(), ...body });
    });
  }
}
