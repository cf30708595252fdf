import type { AbstractControl } from '@angular/forms';
import { loginFieldError, notBlank } from './login-form';

const control = (value: unknown) => ({ value }) as AbstractControl;

describe('login form validation', () => {
  it.each(['', '   ', null, undefined])('rejects %j as a missing value', (value) => {
    expect(notBlank(control(value))).toEqual({ required: true });
  });

  it('accepts text surrounded by spaces', () => {
    expect(notBlank(control('  ada  '))).toBeNull();
  });

  it('asks for the missing field by name', () => {
    expect(loginFieldError('username', { required: true })).toBe('Enter your username.');
    expect(loginFieldError('password', { required: true })).toBe('Enter your password.');
  });

  it('states the maximum length when a value is too long', () => {
    expect(loginFieldError('username', { maxlength: { requiredLength: 254, actualLength: 300 } })).toBe(
      'The username can have at most 254 characters.',
    );
  });

  it('shows nothing for a valid field', () => {
    expect(loginFieldError('password', null)).toBeNull();
  });
});
