import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { applyServerError, fieldMessage } from './server-errors';

describe('server errors on forms', () => {
  const form = () => new FormGroup({ name: new FormControl(''), queue: new FormControl('') });
  const refusal = (body: unknown, status = 400) => new HttpErrorResponse({ status, statusText: 'Bad Request', error: body });

  it('puts field problems under their fields', () => {
    const f = form();
    const message = applyServerError(f, refusal({ code: 'VALIDATION', message: 'name: at most 64 characters', details: [{ field: 'name', message: 'at most 64 characters' }] }));
    expect(message).toBe('Check the highlighted fields.');
    expect(fieldMessage(f.controls.name, 'Name')).toBe('at most 64 characters');
  });

  it('puts a typed refusal naming one field under it, and keeps its message on top', () => {
    const f = form();
    const message = applyServerError(f, refusal({ code: 'UNKNOWN_QUEUE', message: 'Queue "X" does not exist; create it first.', details: { field: 'queue' } }));
    expect(message).toBe('Check the highlighted fields.');
    expect(fieldMessage(f.controls.queue, 'Queue')).toBe('Queue "X" does not exist; create it first.');
  });

  it('shows a conflict without fields as the form message', () => {
    expect(applyServerError(form(), refusal({ code: 'ALREADY_EXISTS', message: 'Queue "Network" already exists.' }, 409))).toBe('Queue "Network" already exists.');
  });

  it('words the usual validator problems', () => {
    const control = new FormControl('');
    control.setErrors({ required: true });
    expect(fieldMessage(control, 'Name')).toBe('Name is required.');
    control.setErrors({ min: { min: 0 } });
    expect(fieldMessage(control, 'The cap')).toBe('The cap must be at least 0.');
  });
});
