import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Title } from '@angular/platform-browser';
import { routes } from './app.routes';
import { ADMIN_SECTIONS } from './sections/admin-sections';

describe('console routes', () => {
  let harness: RouterTestingHarness;

  const heading = () => harness.routeNativeElement?.querySelector('h1')?.textContent?.trim();
  const text = () => harness.routeNativeElement?.textContent?.replace(/\s+/g, ' ') ?? '';

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter(routes, withComponentInputBinding()), provideHttpClient(), provideHttpClientTesting()],
    });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('opens the dashboard at the console root', async () => {
    await harness.navigateByUrl('/');

    expect(heading()).toBe('Dashboard');
    expect(text()).toContain('Service health');
  });

  it.each(ADMIN_SECTIONS.filter((section) => section.path !== 'dashboard').map((section) => [section.path, section]))(
    'shows the title and purpose of /%s',
    async (path, section) => {
      await harness.navigateByUrl(`/${path}`);

      expect(heading()).toBe(section.title);
      expect(text()).toContain(section.summary);
      for (const item of section.manages) expect(text()).toContain(item);
      expect(TestBed.inject(Title).getTitle()).toBe(`${section.title} \u00b7 Switchboard admin`);
    },
  );

  it('shows the sign-in form at /login, outside the navigation frame', async () => {
    await harness.navigateByUrl('/login');

    expect(heading()).toBe('Sign in');
    expect(document.querySelector('sb-shell')).toBeNull();
  });

  it('explains an unknown address instead of showing a blank page', async () => {
    await harness.navigateByUrl('/no-such-page');

    expect(heading()).toBe('Page not found');
  });
});
