import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { openSettingsPage, storedSettings } from '../../testing/settings-page';

describe('SettingsPage after a lapsed offer (issue 14)', () => {
  it('shows Not responding by default, offers Away and Offline, and saves the choice', async () => {
    const stored = storedSettings();
    const { fixture, loader, http } = await openSettingsPage(stored);
    const select = await loader.getHarness(MatSelectHarness.with({ selector: '#lapse-presence' }));
    expect(await select.getValueText()).toBe('Not responding');
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual(['Not responding', 'Away', 'Offline']);
    await select.clickOptions({ text: 'Away' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }))).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ offerLapsePresence: 'away' });
    request.flush({ ...stored, offerLapsePresence: 'away', revision: 4 });
    await fixture.whenStable();
    expect(await select.getValueText()).toBe('Away');
    http.verify();
  });
});
