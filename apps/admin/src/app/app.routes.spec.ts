import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from './app.routes';
import { FakeGateway } from '@switchboard/chat-ui/testing';
import { AUTH_FETCH, AuthSession } from './core/auth/auth-session';
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
        // A browser without the sign-in cookie unless a test signs in.
        { provide: AUTH_FETCH, useValue: new FakeGateway().signedOut().fetch },
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

describe('the admin sign-in across reloads and sign-out (issue 13: no token in web storage)', () => {
  let gateway: FakeGateway;
  const admin = { id: 'admin', role: 'admin' as const, name: 'Ada Admin' };

  beforeEach(() => {
    gateway = new FakeGateway();
    TestBed.configureTestingModule({ providers: [provideRouter(routes), provideHttpClient(), provideHttpClientTesting(), { provide: AUTH_FETCH, useValue: gateway.fetch }] });
  });

  afterEach(() => TestBed.inject(AuthSession).signOut());

  it('a reload restores the sign-in from the cookie (POST /api/auth/refresh) and opens the page asked for', async () => {
    gateway.signedIn(admin, 'restored.admin.token');
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/settings');

    expect(TestBed.inject(Router).url).toBe('/settings');
    expect(TestBed.inject(AuthSession).token()).toBe('restored.admin.token');
    expect(gateway.calls).toEqual(['/api/auth/refresh']);
    expect(JSON.stringify({ ...localStorage })).not.toContain('restored.admin.token');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('restored.admin.token');
  });

  it.each([
    ['password', null],
    ['oidc', '/api/auth/oidc/logout?returnTo=%2Fadmin%2Flogin'],
  ] as const)('signing out ends this sign-in at the gateway and drops the token (signed in with %s; provider sign-out: %s)', async (method, providerSignOut) => {
    gateway.signedIn(admin, 'signed.admin.token');
    TestBed.inject(AuthSession).signIn({ token: 'signed.admin.token', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), principal: admin }, method);

    await expect(TestBed.inject(AuthSession).endSession('/admin/login')).resolves.toBe(providerSignOut);

    expect(gateway.calls).toEqual(['/api/auth/sign-out']);
    expect(TestBed.inject(AuthSession).token()).toBeNull();
  });

  it('signing out everywhere calls sign-out-everywhere with the bearer token', async () => {
    TestBed.inject(AuthSession).signIn({ token: 'signed.admin.token', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), principal: admin });

    await TestBed.inject(AuthSession).endSession('/admin/login', { everywhere: true });

    expect(gateway.calls).toEqual(['/api/auth/sign-out-everywhere']);
    expect(TestBed.inject(AuthSession).token()).toBeNull();
  });
});
