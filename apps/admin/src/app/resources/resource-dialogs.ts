import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { KnowledgeArticleView, OutageView, ResponseTemplateView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { companyOptions } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

const IMPORTS = [DialogField, FormDialog, ReactiveFormsModule];

/** Trimmed text that is not empty. */
const notBlank = (control: AbstractControl<string>) => (control.value.trim() ? null : { required: true });

@Component({
  selector: 'sb-article-dialog',
  imports: IMPORTS,
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="article ? 'Edit article' : 'New knowledge article'" [saveLabel]="article ? 'Save' : 'Create article'">
      <sb-field field="title" label="Title" maxlength="200" required />
      <sb-field field="body" label="Text" rows="8" maxlength="20000" required />
      <sb-field field="tags" label="Tags" placeholder="vpn, network" hint="Separated by commas; agents find articles by their tags too." />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArticleDialog {
  protected readonly article = inject<{ article?: KnowledgeArticleView }>(MAT_DIALOG_DATA).article;
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.article?.title ?? '', [notBlank, Validators.maxLength(200)]],
    body: [this.article?.body ?? '', [notBlank, Validators.maxLength(20000)]],
    tags: [(this.article?.tags ?? []).join(', ')],
  });
  protected readonly submission = new DialogSubmission<KnowledgeArticleView>(this.form);


  protected save(): void {
    this.submission.submit(() => {
      const { title, body, tags } = this.form.getRawValue();
      const input = { title, body, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
      return this.article ? this.api.knowledgeArticles.update(this.article.id, input) : this.api.knowledgeArticles.create(input);
    });
  }
}

@Component({
  selector: 'sb-template-dialog',
  imports: IMPORTS,
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="template ? 'Edit template' : 'New response template'" [saveLabel]="template ? 'Save' : 'Create template'">
      <sb-field field="title" label="Title" maxlength="200" required />
      <sb-field field="text" label="Text" rows="5" maxlength="4000" required hint="What the agent sends to the end user." />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplateDialog {
  protected readonly template = inject<{ template?: ResponseTemplateView }>(MAT_DIALOG_DATA).template;
  private readonly api = inject(AdminApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.template?.title ?? '', [notBlank, Validators.maxLength(200)]],
    text: [this.template?.text ?? '', [notBlank, Validators.maxLength(4000)]],
  });
  protected readonly submission = new DialogSubmission<ResponseTemplateView>(this.form);


  protected save(): void {
    this.submission.submit(() => {
      const input = this.form.getRawValue();
      return this.template ? this.api.responseTemplates.update(this.template.id, input) : this.api.responseTemplates.create(input);
    });
  }
}

/** `2026-03-01T10:05` in the browser's time zone, for datetime-local inputs. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

@Component({
  selector: 'sb-outage-dialog',
  imports: IMPORTS,
  template: `
    <form sbFormDialog [formGroup]="form" (ngSubmit)="save()" [submission]="submission"
      [heading]="outage ? 'Edit outage' : 'Report an outage'" [saveLabel]="outage ? 'Save' : 'Report outage'">
      <sb-field field="title" label="Title" maxlength="200" required />
      <sb-field field="description" label="Description" rows="3" maxlength="4000" hint="What is affected and what users should do meanwhile." />
      <div class="sb-form-row">
        <sb-field field="startsAt" label="Starts" errorLabel="The start" type="datetime-local" required />
        <sb-field field="endsAt" label="Ends" errorLabel="The end" type="datetime-local" hint="Empty while it lasts." />
      </div>
      <sb-field field="companies" label="Companies affected" [options]="companies()" multiple placeholder="Every company" hint="None selected: every company." />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutageDialog {
  protected readonly outage = inject<{ outage?: OutageView }>(MAT_DIALOG_DATA).outage;
  private readonly api = inject(AdminApi);
  protected readonly companies = companyOptions();
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      title: [this.outage?.title ?? '', [notBlank, Validators.maxLength(200)]],
      description: [this.outage?.description ?? ''],
      startsAt: [toLocalInput(this.outage?.startsAt ?? new Date().toISOString()), Validators.required],
      endsAt: [toLocalInput(this.outage?.endsAt)],
      companies: [this.outage?.companies ?? ([] as string[])],
    },
    {
      validators: (group) => {
        const { startsAt, endsAt } = group.getRawValue() as { startsAt: string; endsAt: string };
        const end = group.get('endsAt')!;
        const wrong = !!startsAt && !!endsAt && new Date(endsAt) <= new Date(startsAt);
        if (wrong && !end.hasError('hint')) end.setErrors({ hint: 'The end must be after the start.' });
        if (!wrong && end.hasError('hint')) end.setErrors(null);
        return null;
      },
    },
  );
  protected readonly submission = new DialogSubmission<OutageView>(this.form);


  protected save(): void {
    this.submission.submit(() => {
      const { startsAt, endsAt, ...rest } = this.form.getRawValue();
      const start = new Date(startsAt).toISOString();
      const end = endsAt ? new Date(endsAt).toISOString() : undefined;
      return this.outage
        ? this.api.outages.update(this.outage.id, { ...rest, startsAt: start, endsAt: end ?? null })
        : this.api.outages.create({ ...rest, startsAt: start, ...(end ? { endsAt: end } : {}) });
    });
  }
}
