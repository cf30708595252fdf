import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { SLUG_PATTERN, type CompanyView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { PRIORITY_OPTIONS, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

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
  imports: [DialogField, FormDialog, ReactiveFormsModule],
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="company ? 'Edit ' + company.name : 'New company'" [saveLabel]="company ? 'Save' : 'Create company'">
      <div class="sb-form-row">
        <sb-field field="name" label="Name" maxlength="160" required />
        <sb-field field="id" label="Code" maxlength="64" required mono [patternHint]="slugHint" />
      </div>
      <sb-field field="emailDomains" label="Email domains" placeholder="acme.com, acme.co.uk" hint="Separated by commas or spaces." />
      <sb-field field="priority" label="Priority" [options]="priorities" hint="Chats of this company's end users start with at least this priority." />
      <sb-field field="notes" label="Notes" rows="3" maxlength="2000" />
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
    priority: [String(this.company?.priority ?? 0)],
  });
  protected readonly submission = new DialogSubmission<CompanyView>(this.form);

  protected readonly slugHint = SLUG_HINT;
  protected readonly priorities = PRIORITY_OPTIONS;

  protected save(): void {
    this.submission.submit(() => {
      const { id, name, emailDomains, notes, priority } = this.form.getRawValue();
      const body = { name, emailDomains: domains(emailDomains), notes, priority: Number(priority) };
      return this.company ? this.api.companies.update(this.company.id, body) : this.api.companies.create({ id: id.trim(), ...body });
    });
  }
}
