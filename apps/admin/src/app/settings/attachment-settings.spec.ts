import { openSettingsPage, storedSettings } from '../../testing/settings-page';
import { HttpTestingController } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { type ComponentFixture } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { mibOf, type SettingsPage } from './settings-page';

const stored = storedSettings({ attachmentTypes: ['image/png', 'application/pdf'], offerDeclineReasons: ['Busy with another chat'], dispositionCodes: ['Resolved'] });

describe('SettingsPage attachments', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const input = async (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
  const typesInput = async () => (await (await field('Allowed file types')).getControl(MatInputHarness))!;

  beforeEach(async () => ({ fixture, loader, http } = await openSettingsPage(stored)));

  afterEach(() => http.verify());

  it('shows the largest attachment in MiB and the allowed types one a line', async () => {
    expect(await (await input('#attachment-max')).getValue()).toBe('10');
    expect(await (await typesInput()).getValue()).toBe('image/png\napplication/pdf');
  });

  it('saves the size in bytes and the types as a list', async () => {
    await (await input('#attachment-max')).setValue('2.5');
    await (await typesInput()).setValue('image/png\n\n text/plain \n');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }))).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/settings' });
    expect(request.request.body).toMatchObject({ attachmentMaxBytes: 2.5 * 1024 * 1024, attachmentTypes: ['image/png', 'text/plain'] });
    expect(request.request.body).not.toHaveProperty('attachmentMaxMib');
    request.flush({ ...stored, attachmentMaxBytes: 2.5 * 1024 * 1024, attachmentTypes: ['image/png', 'text/plain'], revision: 4 });
    await fixture.whenStable();
  });

  it('refuses something that is not a media type, and a size over 100 MiB, before sending', async () => {
    await (await typesInput()).setValue('image/png\nPNG files');
    await (await input('#attachment-max')).setValue('101');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save settings' }))).click();
    http.expectNone({ method: 'PUT', url: '/api/admin/settings' });
    expect(await (await field('Allowed file types')).getTextErrors()).toEqual(['Line 2 is not a media type such as image/png (lower case, type/subtype).']);
  });

  it('MiB with one decimal', () => {
    expect(mibOf(10 * 1024 * 1024)).toBe(10);
    expect(mibOf(1536 * 1024)).toBe(1.5);
  });
});
