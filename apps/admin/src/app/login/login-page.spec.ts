import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import type { HarnessLoader } from '@angular/cdk/testing';
import { AUTH_FETCH, AuthSession } from '../core/auth/auth-session';
import { FakeGateway } from '@switchboard/chat-ui/testing';
import { LoginPage } from './login-page';

const adminLogin = {
  token: 'signed.admin.token',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  principal: { id: 'ada', role: 'admin', name: 'Ada Admin' },
};
const agentLogin = { ...adminLogin, token: 'signed.agent.token', principal: { id: 'alice', role: 'agent', name: 'Alice Agent' } };

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const input = async (label: string) => (await (await field(label)).getControl(MatInputHarness))!;
  const submitButton = () => loader.getHarness(MatButtonHarness.with({ selector: '[type="submit"]' }));
  const alert = () => (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
  const alertPart = (part: 'title' | 'message' | 'status') => alert()?.querySelector(`.alert-${part}`)?.textContent?.trim();

  async function fillAndSubmit(username: string, password: string) {
    await (await input('Username')).setValue(username);
    await (await input('Password')).setValue(password);
    await (await submitButton()).click();
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', children: [] }]),
        // A browser without the sign-in cookie.
        { provide: AUTH_FETCH, useValue: new FakeGateway().signedOut().fetch },
      ],
    });
    fixture = TestBed.createComponent(LoginPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // The page asks which ways of signing in exist; these tests are about the password form.
    for (const request of http.match('/api/auth/methods')) request.flush({ password: true, oidc: false });
    http.verify();
    TestBed.inject(AuthSession).signOut();
  });

  it('asks for both fields and sends nothing when they are empty', async () => {
    await (await submitButton()).click();

    expect(await (await field('Username')).getTextErrors()).toEqual(['Enter your username.']);
    expect(await (await field('Password')).getTextErrors()).toEqual(['Enter your password.']);
    http.expectNone('/api/auth/login');
  });

  it('treats a username of spaces as missing', async () => {
    await fillAndSubmit('   ', 'secret');

    expect(await (await field('Username')).getTextErrors()).toEqual(['Enter your username.']);
    http.expectNone('/api/auth/login');
  });

  it('posts the trimmed username and the password to the gateway', async () => {
    await fillAndSubmit('  ada  ', ' pass word ');

    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ username: 'ada', password: ' pass word ' });
    request.flush({});
  });

  it('disables the form while signing in', async () => {
    await fillAndSubmit('ada', 'secret');

    expect(await (await submitButton()).isDisabled()).toBe(true);
    expect(await (await submitButton()).getText()).toContain('Signing in');
    expect(await (await field('Username')).isDisabled()).toBe(true);
    http.expectOne('/api/auth/login').flush({});
  });

  it("shows the server's error message when sign-in fails", async () => {
    await fillAndSubmit('ada', 'secret');

    http
      .expectOne('/api/auth/login')
      .flush(
        { message: 'Cannot POST /api/auth/login', error: 'Not Found', statusCode: 404 },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();

    expect(alertPart('title')).toBe('Sign-in failed');
    expect(alertPart('message')).toBe('Cannot POST /api/auth/login');
    expect(alertPart('status')).toBe('HTTP 404 Not Found');
    expect(await (await submitButton()).isDisabled()).toBe(false);
    expect(await (await input('Username')).getValue()).toBe('ada');
  });

  it('explains a rejected sign-in without a message as wrong credentials', async () => {
    await fillAndSubmit('ada', 'wrong');

    http.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(alertPart('message')).toBe('The username or password is not correct.');
    expect(alertPart('status')).toBe('HTTP 401 Unauthorized');
  });

  it('clears the previous error when trying again', async () => {
    await fillAndSubmit('ada', 'wrong');
    http.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    await (await submitButton()).click();
    await fixture.whenStable();

    expect(alert()).toBeNull();
    http.expectOne('/api/auth/login').flush({});
  });

  it('opens the dashboard after an administrator signs in, keeping the token', async () => {
    await fillAndSubmit('ada', 'secret');

    http.expectOne('/api/auth/login').flush(adminLogin);
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/dashboard');
    expect(TestBed.inject(AuthSession).token()).toBe('signed.admin.token');
  });

  it('R19 refuses an account that is not an administrator and keeps no token', async () => {
    await fillAndSubmit('alice', 'secret');

    http.expectOne('/api/auth/login').flush(agentLogin);
    await fixture.whenStable();

    expect(alertPart('message')).toBe('Alice Agent is not an administrator. The admin console is for administrators only.');
    expect(TestBed.inject(Router).url).not.toBe('/dashboard');
    expect(TestBed.inject(AuthSession).token()).toBeNull();
  });

  it('returns to the page the user came from after signing in', async () => {
    await TestBed.inject(Router).navigateByUrl('/login?returnUrl=%2Fagents');
    fixture = TestBed.createComponent(LoginPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fillAndSubmit('ada', 'secret');

    http.expectOne('/api/auth/login').flush(adminLogin);
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/agents');
  });

  it('ignores a return address outside the console', async () => {
    await TestBed.inject(Router).navigateByUrl('/login?returnUrl=%2F%2Fevil.example');
    fixture = TestBed.createComponent(LoginPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fillAndSubmit('ada', 'secret');

    http.expectOne('/api/auth/login').flush(adminLogin);
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/dashboard');
  });

  it('shows and hides the password on request', async () => {
    const toggle = await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Show password"]' }));
    const password = await input('Password');

    expect(await password.getType()).toBe('password');
    await toggle.click();
    expect(await password.getType()).toBe('text');
  });

  it('issue 13: offers sign-in with the company account when the gateway has a provider, and no password form where it takes no passwords', async () => {
    http.expectOne('/api/auth/methods').flush({ password: false, oidc: true });
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('a.company-sign-in-button');
    expect(link?.textContent).toContain('Sign in with your company account');
    expect(link?.getAttribute('href')).toBe(`/api/auth/oidc/login?returnTo=${encodeURIComponent('/login')}`);
    expect((fixture.nativeElement as HTMLElement).querySelector('input[formcontrolname="username"]')).toBeNull();
  });
});
