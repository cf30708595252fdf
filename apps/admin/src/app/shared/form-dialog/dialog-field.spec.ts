import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { DialogField } from './dialog-field';

@Component({
  imports: [DialogField, ReactiveFormsModule],
  template: `
    <form [formGroup]="form">
      <sb-field field="code" label="Code" maxlength="8" required mono patternHint="Letters only." hint="A short code." />
      <sb-field field="cap" label="Concurrent chats cap" errorLabel="The cap" type="number" min="0" />
      <sb-field field="company" label="Company" [options]="companies" required />
    </form>
  `,
})
class Host {
  readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^[a-z]+$/)]],
    cap: [3, Validators.min(0)],
    company: ['', Validators.required],
  });
  readonly companies = [
    { id: 'acme', name: 'Acme Corporation' },
    { id: 'globex', name: 'Globex' },
  ];
}

async function render() {
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  return { form: fixture.componentInstance.form, field };
}

describe('DialogField (one field of an admin form dialog)', () => {
  it('binds its control by name and says its first problem under it, by its label or its error label', async () => {
    const { form, field } = await render();
    const code = await field('Code');
    expect(await code.getTextHints()).toEqual(['A short code.']);
    form.markAllAsTouched();
    expect(await code.getTextErrors()).toEqual(['Code is required.']);

    await (await code.getControl(MatInputHarness))!.setValue('42');
    expect(form.controls.code.value).toBe('42');
    expect(await code.getTextErrors()).toEqual(['Letters only.']);

    await (await (await field('Concurrent chats cap')).getControl(MatInputHarness))!.setValue('-2');
    // A number input hands the control a number.
    expect(form.controls.cap.value).toBe(-2);
    expect(await (await field('Concurrent chats cap')).getTextErrors()).toEqual(['The cap must be at least 0.']);
  });

  it("offers a select's choices by name and stores the chosen one's id", async () => {
    const { form, field } = await render();
    const select = (await (await field('Company')).getControl(MatSelectHarness))!;
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((option) => option.getText()))).toEqual(['Acme Corporation', 'Globex']);
    await select.clickOptions({ text: 'Globex' });
    expect(form.controls.company.value).toBe('globex');
  });
});
