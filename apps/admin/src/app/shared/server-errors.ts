import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup, ValidationErrors } from '@angular/forms';
import { describeHttpError } from '../http-errors/describe-http-error';

interface FieldProblem {
  field?: string;
  message?: string;
}

/**
 * Puts the gateway's refusal where the user looks: a field's own problem
 * under that field (`details: [{field, message}]` or `{field}`), anything
 * else as the form's message. Returns the form-level message.
 */
export function applyServerError(form: FormGroup, error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Try again.';
  const body = error.error as { code?: string; message?: string; details?: unknown } | null;
  const problems: FieldProblem[] = Array.isArray(body?.details)
    ? (body.details as FieldProblem[])
    : body?.details && typeof body.details === 'object'
      ? [{ field: (body.details as FieldProblem).field, message: body.message }]
      : [];
  let placed = 0;
  for (const problem of problems) {
    const control = problem.field ? form.get(problem.field.split('.')[0]!) : null;
    if (control && problem.message) {
      control.setErrors({ ...(control.errors ?? {}), server: problem.message });
      control.markAsTouched();
      placed++;
    }
  }
  const description = describeHttpError(error);
  return placed > 0 && placed === problems.length ? 'Check the highlighted fields.' : description.message;
}

/**
 * The message under a field for its first problem; `label` names the field in
 * sentences, `patternHint` says what a value that fails the pattern should look like.
 */
export function fieldMessage(control: AbstractControl | null, label: string, patternHint?: string): string | null {
  const errors: ValidationErrors | null | undefined = control?.errors;
  if (!errors) return null;
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required.`;
  if (errors['maxlength']) return `${label} can have at most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${(errors['min'] as { min: number }).min}.`;
  if (errors['max']) return `${label} must be at most ${(errors['max'] as { max: number }).max}.`;
  if (errors['email']) return 'Enter an email address such as name@company.com.';
  if (errors['pattern']) return patternHint ?? (errors['patternHint'] as string | undefined) ?? `${label} has characters that are not allowed.`;
  if (errors['hint']) return String(errors['hint']);
  return `Check ${label.toLowerCase()}.`;
}
