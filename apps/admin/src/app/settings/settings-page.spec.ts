import { openSettingsPage, storedSettings } from '../../testing/settings-page';
import { HttpTestingController } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { type ComponentFixture } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { maskPatternLines, type SettingsPage } from './settings-page';

const stored = storedSettings({
  supportQueues: true,
  maxConcurrentChatsPerAgent: 4,
  maskPatterns: ['E-\\d{5}', 'PIN \\d{4}'],
  attachmentTypes: ['image/png', 'application/pdf'],
  offerDeclineReasons: ['Busy with another chat'],
  dispositionCodes: ['Resolved'],
  revision: 7,
});

describe('SettingsPage mask patterns', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  const patternsField = () => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Mask patterns' }));
  const patternsInput = async () => (await (await patternsField()).getControl(MatInputHarness))!;
  const saveButton = () => loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }));

  beforeEach(async () => ({ fixture, loader, http } = await openSettingsPage(stored)));

  afterEach(() => http.verify());

  it('shows the stored patterns one a line', async () => {
    expect(await (await patternsInput()).getValue()).toBe('E-\\d{5}\nPIN \\d{4}');
  });

  it('saves the lines as the list of patterns, without blank lines or surrounding spaces', async () => {
    await (await patternsInput()).setValue('E-\\d{5}\n\n  TKT-\\d+  \n');
    await (await saveButton()).click();

    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ maskPatterns: ['E-\\d{5}', 'TKT-\\d+'], maxConcurrentChatsPerAgent: 4 });
    request.flush({ ...stored, maskPatterns: ['E-\\d{5}', 'TKT-\\d+'], revision: 8 });
    await fixture.whenStable();
    expect(await (await patternsInput()).getValue()).toBe('E-\\d{5}\nTKT-\\d+');
  });

  it("shows the server's refusal of a pattern under the field", async () => {
    await (await patternsInput()).setValue('(unclosed');
    await (await saveButton()).click();

    const refusal = 'Mask pattern "(unclosed" is not a valid regular expression (RE2 syntax): missing )';
    http
      .expectOne({ method: 'PUT', url: '/api/admin/settings' })
      .flush({ code: 'VALIDATION', message: refusal, details: { field: 'maskPatterns' } }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();

    expect(await (await patternsField()).getTextErrors()).toEqual([refusal]);
  });

  it('refuses more than 20 patterns before sending them', async () => {
    await (await patternsInput()).setValue(Array.from({ length: 21 }, (_, i) => `P${i}`).join('\n'));
    await (await saveButton()).click();

    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
    expect(await (await patternsField()).getTextErrors()).toEqual(['At most 20 mask patterns (there are 21).']);
  });

  it('refuses a pattern longer than 200 characters before sending it', async () => {
    await (await patternsInput()).setValue(`ok\n${'x'.repeat(201)}`);
    await (await saveButton()).click();

    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
    expect(await (await patternsField()).getTextErrors()).toEqual(['Line 2 is longer than 200 characters.']);
  });
});

describe('maskPatternLines', () => {
  it('reads one pattern a line, Windows line ends included', () => {
    expect(maskPatternLines('a\r\n b \n\n')).toEqual(['a', 'b']);
  });
});

describe('SettingsPage wrap-up disposition codes', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  const input = async (label: string) => (await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
  const saveButton = () => loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }));

  beforeEach(async () => ({ fixture, loader, http } = await openSettingsPage(stored)));

  afterEach(() => http.verify());

  it('wrap-up: disposition codes are edited one a line and saved as a list', async () => {
    expect(await (await input('Disposition codes')).getValue()).toBe('Resolved');
    await (await input('Disposition codes')).setValue('Resolved\n  Escalated \n\n');
    await (await saveButton()).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ dispositionCodes: ['Resolved', 'Escalated'] });
    request.flush({ ...stored, dispositionCodes: ['Resolved', 'Escalated'], revision: 8 });
    await fixture.whenStable();
  });

  it('wrap-up: an empty list of disposition codes is refused before sending it', async () => {
    await (await input('Disposition codes')).setValue('  \n');
    await (await saveButton()).click();
    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Disposition codes' }));
    expect(await field.getTextErrors()).toEqual(['Agents need at least one disposition code for their wrap-up.']);
  });
});
