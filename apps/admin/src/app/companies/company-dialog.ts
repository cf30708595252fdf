import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SLUG_PATTERN, type CompanyView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { FormDialog } from '../shared/form-dialog/form-dialog';
import { fieldMessage } from '../shared/server-errors';

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const domains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
const validDomains = (control: AbstractControl<string>) => {
  const bad = domains(control.value).find((d) => !DOMAIN.test(d));
  return bad ? { hint: `"${bad}" is not a domain name such as acme.com.` } : null;
};

@Component({
  selector: 'sb-company-dialog',
  imports: [FormDialog, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="company ? 'Edit ' + company.name : 'New company'" [saveLabel]="company ? 'Save' : 'Create company'">
      <div class="sb-form-row">
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="160" required />
          <mat-error>{{ message('name', 'Name') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Code</mat-label>
          <input matInput formControlName="id" maxlength="64" required class="sb-mono" />
          <mat-error>{{ message('id', 'Code') }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field>
        <mat-label>Email domains</mat-label>
        <input matInput formControlName="emailDomains" placeholder="acme.com, acme.co.uk" />
        <mat-hint>Separated by commas or spaces.</mat-hint>
        <mat-error>{{ message('emailDomains', 'Email domains') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Notes</mat-label>
        <textarea matInput formControlName="notes" rows="3" maxlength="2000"></textarea>
      </mat-form-field>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompanyDialog {
  protected readonly company = inject<{ company?: CompanyView }>(MAT_DIALOG_DATA).company;
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    id: [{ value: this.company?.id ?? '', disabled: !!this.company }, [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    name: [this.company?.name ?? '', [Validators.required, Validators.maxLength(160)]],
    emailDomains: [(this.company?.emailDomains ?? []).join(', '), validDomains],
    notes: [this.company?.notes ?? ''],
  });
  protected readonly submission = new DialogSubmission<CompanyView>(this.form);

  protected message(field: 'id' | 'name' | 'emailDomains', label: string): string | null {
    if (this.form.controls[field].hasError('pattern')) return SLUG_HINT;
    return fieldMessage(this.form.controls[field], label);
  }

  protected save(): void {
    this.submission.submit(() => {
      const { id, name, emailDomains, notes } = this.form.getRawValue();
      const body = { name, emailDomains: domains(emailDomains), notes };
      return this.company ? this.api.companies.update(this.company.id, body) : this.api.companies.create({ id: id.trim(), ...body });
    });
  }
}
