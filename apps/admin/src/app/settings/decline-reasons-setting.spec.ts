import type { SettingsPage } from './settings-page';
import { openSettingsPage, storedSettings } from '../../testing/settings-page';
import { HttpTestingController } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { type ComponentFixture } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';

const stored = storedSettings({ offerDeclineReasons: ['Busy with another chat', 'Not my area'] });

describe('SettingsPage decline reasons (offers, issue 14)', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  const field = () => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Decline reasons' }));
  const input = async () => (await (await field()).getControl(MatInputHarness))!;
  const save = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }))).click();

  beforeEach(async () => ({ fixture, loader, http } = await openSettingsPage(stored)));

  afterEach(() => http.verify());

  it('shows the reasons one a line and saves the lines as the list, without blank lines or surrounding spaces', async () => {
    expect(await (await input()).getValue()).toBe('Busy with another chat\nNot my area');
    await (await input()).setValue('Busy with another chat\n\n  On a call  \n');
    await save();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ offerDeclineReasons: ['Busy with another chat', 'On a call'] });
    request.flush({ ...stored, offerDeclineReasons: ['Busy with another chat', 'On a call'], revision: 4 });
    await fixture.whenStable();
    expect(await (await input()).getValue()).toBe('Busy with another chat\nOn a call');
  });

  it('refuses an empty list, more than 20 reasons and a reason over 80 characters before sending', async () => {
    await (await input()).setValue('  \n');
    await save();
    expect(await (await field()).getTextErrors()).toEqual(['Agents need at least one reason to decline an offer.']);
    await (await input()).setValue(Array.from({ length: 21 }, (_, i) => `R${i}`).join('\n'));
    await save();
    expect(await (await field()).getTextErrors()).toEqual(['At most 20 decline reasons (there are 21).']);
    await (await input()).setValue(`Fine\n${'x'.repeat(81)}`);
    await save();
    expect(await (await field()).getTextErrors()).toEqual(['Line 2 is longer than 80 characters.']);
    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
  });
});
