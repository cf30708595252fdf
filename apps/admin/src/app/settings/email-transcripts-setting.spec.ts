import { openSettingsPage, storedSettings } from '../../testing/settings-page';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';

const stored = storedSettings();

describe('SettingsPage e-mail transcripts', () => {
  it('shows the setting and saves it turned on', async () => {
    const { fixture, loader, http } = await openSettingsPage(stored);

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
