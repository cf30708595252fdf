import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import type { SettingsView } from '@switchboard/contracts';
import { SettingsPage } from './settings-page';

const stored = { ...DEFAULT_SETTINGS, maskPatterns: [], attachmentTypes: [...DEFAULT_SETTINGS.attachmentTypes], offerDeclineReasons: [...DEFAULT_SETTINGS.offerDeclineReasons], dispositionCodes: [...DEFAULT_SETTINGS.dispositionCodes], revision: 3 } as SettingsView;

describe('SettingsPage e-mail transcripts', () => {
  it('shows the setting and saves it turned on', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(SettingsPage);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: '/api/admin/settings' }).flush(stored);
    await fixture.whenStable();

    const toggle = await loader.getHarness(MatSlideToggleHarness.with({ selector: '#email-transcripts-toggle' }));
    expect(await toggle.isChecked()).toBe(false);
    await toggle.toggle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }))).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ emailTranscripts: true });
    request.flush({ ...stored, emailTranscripts: true, revision: 4 });
    await fixture.whenStable();
    expect(await toggle.isChecked()).toBe(true);
    http.verify();
  });
});
