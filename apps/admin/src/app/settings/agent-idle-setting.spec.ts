import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import type { SettingsView } from '@switchboard/contracts';
import { SettingsPage } from './settings-page';

const stored = { ...DEFAULT_SETTINGS, maskPatterns: [], attachmentTypes: [...DEFAULT_SETTINGS.attachmentTypes], offerDeclineReasons: [...DEFAULT_SETTINGS.offerDeclineReasons], dispositionCodes: [...DEFAULT_SETTINGS.dispositionCodes], revision: 3 } as SettingsView;

describe('SettingsPage away after idle (issue 14)', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(SettingsPage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: '/api/admin/settings' }).flush(stored);
    await fixture.whenStable();
    const input = await loader.getHarness(MatInputHarness.with({ selector: '#agent-idle' }));
    const field = await loader.getHarness(MatFormFieldHarness.with({ selector: ':has(#agent-idle)' }));
    const save = await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }));
    return { fixture, http, input, field, save };
  }

  it('shows the setting, off (0) by default, and saves the minutes', async () => {
    const { fixture, http, input, save } = await render();
    expect(await input.getValue()).toBe('0');
    await input.setValue('15');
    await save.click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ agentIdleMinutes: 15 });
    request.flush({ ...stored, agentIdleMinutes: 15, revision: 4 });
    await fixture.whenStable();
    expect(await input.getValue()).toBe('15');
    http.verify();
  });

  it('says what is wrong with a value outside 0..480 or not whole, and does not save it', async () => {
    const { http, input, field, save } = await render();
    for (const [value, said] of [
      ['481', 'The idle time must be at most 480.'],
      ['-1', 'The idle time must be at least 0.'],
      ['2.5', 'Enter a whole number of minutes: 0 turns this off.'],
    ] as const) {
      await input.setValue(value);
      await save.click();
      expect(await field.getTextErrors()).toEqual([said]);
    }
    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
    http.verify();
  });
});
