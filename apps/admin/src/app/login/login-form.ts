import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

export const USERNAME_MAX_LENGTH = 254;
export const PASSWORD_MAX_LENGTH = 1024;

/** Required, and not only spaces. */
export const notBlank: ValidatorFn = (control: AbstractControl<unknown>): ValidationErrors | null => {
  const value = control.value;
  return typeof value === 'string' && value.trim().length > 0 ? null : { required: true };
};

/** Text shown under a login field for its first validation error; null when valid. */
export function loginFieldError(field: 'username' | 'password', errors: ValidationErrors | null): string | null {
  if (!errors) return null;
  const label = field === 'username' ? 'username' : 'password';
  if (errors['required']) return `Enter your ${label}.`;
  const maxLength = errors['maxlength'] as { requiredLength: number } | undefined;
  if (maxLength) return `The ${label} can have at most ${maxLength.requiredLength} characters.`;
  return `Check your ${label}.`;
}
