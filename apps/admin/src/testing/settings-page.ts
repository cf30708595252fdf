import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { SettingsView } from '@switchboard/contracts';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import { SettingsPage } from '../app/settings/settings-page';

/** Settings as the API answers them: the defaults, with `over`, at revision 3. */
export function storedSettings(over: Partial<SettingsView> = {}): SettingsView {
  return {
    ...DEFAULT_SETTINGS,
    maskPatterns: [...DEFAULT_SETTINGS.maskPatterns],
    attachmentTypes: [...DEFAULT_SETTINGS.attachmentTypes],
    offerDeclineReasons: [...DEFAULT_SETTINGS.offerDeclineReasons],
    dispositionCodes: [...DEFAULT_SETTINGS.dispositionCodes],
    revision: 3,
    ...over,
  };
}

/** The settings page, shown with `stored` as the API's answer to its first read. */
export async function openSettingsPage(stored: SettingsView): Promise<{ fixture: ComponentFixture<SettingsPage>; loader: HarnessLoader; http: HttpTestingController }> {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(SettingsPage);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne({ method: 'GET', url: '/api/admin/settings' }).flush(stored);
  await fixture.whenStable();
  return { fixture, loader, http };
}
