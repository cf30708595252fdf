import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from './app.routes';
import { AuthSession } from './core/auth/auth-session';
import { authInterceptor } from './core/auth/auth.interceptor';
import { ADMIN_SECTIONS } from './sections/admin-sections';

describe('console routes', () => {
  let harness: RouterTestingHarness;

  const heading = () => harness.routeNativeElement?.querySelector('h1')?.textContent?.trim();
  const signInAs = (role: 'admin' | 'agent') =>
    TestBed.inject(AuthSession).signIn({
      token: `signed.${role}.token`,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      principal: { id: role, role, name: role === 'admin' ? 'Ada Admin' : 'Alice Agent' },
    });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes, withComponentInputBinding()),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    jest.useRealTimers();
    TestBed.inject(HttpTestingController).match(() => true);
    TestBed.inject(AuthSession).signOut();
  });

  it('R19 sends a visitor who is not signed in to sign-in, remembering the page', async () => {
    await harness.navigateByUrl('/settings');

    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fsettings');
    expect(heading()).toBe('Sign in');
  });

  it('R19 refuses a signed-in agent and says why', async () => {
    signInAs('agent');
    await harness.navigateByUrl('/dashboard');

    expect(TestBed.inject(Router).url).toContain('reason=forbidden');
    expect(harness.routeNativeElement?.textContent).toContain('The admin console is for administrators only.');
    expect(TestBed.inject(AuthSession).token()).toBeNull();
  });

  it('opens the dashboard at the console root for an administrator', async () => {
    signInAs('admin');
    await harness.navigateByUrl('/');

    expect(heading()).toBe('Dashboard');
  });

  it.each(ADMIN_SECTIONS.filter((section) => section.path !== 'dashboard').map((section) => [section.path, section]))(
    'opens /%s with its title',
    async (path, section) => {
      signInAs('admin');
      await harness.navigateByUrl(`/${path}`);

      expect(heading()).toBe(section.title);
      expect(TestBed.inject(Title).getTitle()).toBe(`${section.title} \u00b7 Switchboard admin`);
    },
  );

  it('sends the bearer token with calls to the admin API', async () => {
    // The list coalesces reloads on the rxjs scheduler (setInterval) before it asks: that clock is the test's.
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] });
    signInAs('admin');
    await harness.navigateByUrl('/support-queues');
    const http = TestBed.inject(HttpTestingController);
    http.expectNone((r) => r.url === '/api/admin/queues');
    await jest.advanceTimersByTimeAsync(1);

    const request = http.expectOne((r) => r.url === '/api/admin/queues');
    expect(request.request.headers.get('Authorization')).toBe('Bearer signed.admin.token');
  });

  it('shows the sign-in form at /login, outside the navigation frame', async () => {
    await harness.navigateByUrl('/login');

    expect(heading()).toBe('Sign in');
    expect(document.querySelector('sb-shell')).toBeNull();
  });

  it('explains an unknown address instead of showing a blank page', async () => {
    signInAs('admin');
    await harness.navigateByUrl('/no-such-page');

    expect(heading()).toBe('Page not found');
  });
});

describe('signing out (issue 13)', () => {
  const signedIn = (method: 'password' | 'oidc') =>
    TestBed.inject(AuthSession).signIn(
      {
        token: 'signed.admin.token',
        expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
        refreshToken: 'refresh.admin',
        refreshExpiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
        principal: { id: 'admin', role: 'admin', name: 'Ada Admin' },
      },
      method,
    );

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter(routes), provideHttpClient(), provideHttpClientTesting()] });
  });

  afterEach(() => TestBed.inject(AuthSession).signOut());

  it.each([
    ['password', null],
    ['oidc', '/api/auth/oidc/logout?returnTo=%2Fadmin%2Flogin'],
  ] as const)('ends the sessions at the gateway and drops the tokens (signed in with %s; provider sign-out: %s)', async (method, providerSignOut) => {
    signedIn(method);
    const ending = TestBed.inject(AuthSession).endSession('/admin/login');

    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/sign-out-everywhere');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('Authorization')).toBe('Bearer signed.admin.token');
    request.flush(null, { status: 204, statusText: 'No Content' });

    await expect(ending).resolves.toBe(providerSignOut);
    expect(TestBed.inject(AuthSession).token()).toBeNull();
    expect(localStorage.getItem('switchboard.admin.session')).toBeNull();
  });
});
