import { openSettingsPage, storedSettings } from '../../testing/settings-page';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';

const stored = storedSettings();

describe('SettingsPage away after idle (issue 14)', () => {
  async function render() {
    const { fixture, loader, http } = await openSettingsPage(stored);
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
