import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { Subject } from 'rxjs';
import { DialogSubmission } from './dialog-submission';
import { fieldMessage } from './server-errors';

describe('DialogSubmission (Save in the admin form dialogs)', () => {
  const setup = () => {
    const closed: unknown[] = [];
    const injector = Injector.create({ providers: [{ provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } }] });
    const form = new FormGroup({ name: new FormControl('', { nonNullable: true, validators: Validators.required }) });
    const submission = runInInjectionContext(injector, () => new DialogSubmission<{ name: string }>(form));
    return { closed, form, submission };
  };

  it('sends nothing while the form is invalid, and shows why on the fields', () => {
    const { form, submission } = setup();
    const request = jest.fn();
    submission.submit(request);
    expect(request).not.toHaveBeenCalled();
    expect(form.controls.name.touched).toBe(true);
    expect(fieldMessage(form.controls.name, 'Name')).toBe('Name is required.');
  });

  it('sends once however often Save is pressed, and closes with what the server saved', () => {
    const { closed, form, submission } = setup();
    form.setValue({ name: 'Network' });
    const reply = new Subject<{ name: string }>();
    const request = jest.fn(() => reply);
    submission.submit(request);
    submission.submit(request);
    expect(request).toHaveBeenCalledTimes(1);
    expect(submission.saving()).toBe(true);
    reply.next({ name: 'Network' });
    expect(closed).toEqual([{ name: 'Network' }]);
  });

  it('stays open on a refusal with the server\'s words, and may be sent again', () => {
    const { closed, form, submission } = setup();
    form.setValue({ name: 'Network' });
    const reply = new Subject<{ name: string }>();
    submission.submit(() => reply);
    reply.error(new HttpErrorResponse({ status: 409, error: { code: 'ALREADY_EXISTS', message: 'Queue "Network" already exists.' } }));
    expect([submission.saving(), submission.failure(), closed]).toEqual([false, 'Queue "Network" already exists.', []]);
    const again = new Subject<{ name: string }>();
    submission.submit(() => again);
    expect(submission.failure()).toBeNull();
    again.next({ name: 'Network 2' });
    expect(closed).toEqual([{ name: 'Network 2' }]);
  });
});
