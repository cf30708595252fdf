import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { READINESS_URL, ServiceHealth } from './service-health';

const up = { status: 'up' } as const;

describe('ServiceHealth', () => {
  let fixture: ComponentFixture<ServiceHealth>;
  let http: HttpTestingController;

  const text = () => (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  const pill = (name: string) =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('.dependency')]
      .find((row) => row.querySelector('.dependency-name')?.textContent?.trim() === name)
      ?.querySelector('.state-pill')
      ?.textContent?.trim();

  /** The pending request keeps the fixture unstable: render, answer, then wait. */
  async function answer(respond: (request: ReturnType<HttpTestingController['expectOne']>) => void) {
    fixture.detectChanges();
    respond(http.expectOne(READINESS_URL));
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(ServiceHealth);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('says it is checking until the gateway answers', async () => {
    fixture.detectChanges();

    expect(text()).toContain('Checking the gateway');
    http.expectOne(READINESS_URL).flush({ status: 'ok', details: { nats: up, mongodb: up } });
    await fixture.whenStable();
    expect(text()).not.toContain('Checking the gateway');
  });

  it('shows NATS and MongoDB as up when the readiness check passes', async () => {
    await answer((request) =>
      request.flush({ status: 'ok', info: { nats: up, mongodb: up }, error: {}, details: { nats: up, mongodb: up } }),
    );

    expect(text()).toContain('All systems operational');
    expect(pill('NATS')).toBe('check_circle Up');
    expect(pill('MongoDB')).toBe('check_circle Up');
  });

  it('shows which dependency is down when the gateway answers 503', async () => {
    const body = {
      status: 'error',
      info: { nats: up },
      error: { mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
      details: { nats: up, mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
    };
    await answer((request) => request.flush(body, { status: 503, statusText: 'Service Unavailable' }));

    expect(text()).toContain('MongoDB is down');
    expect(text()).toContain('timeout of 1500ms exceeded');
    expect(pill('MongoDB')).toBe('error Down');
    expect(pill('NATS')).toBe('check_circle Up');
  });

  it('says the gateway cannot be reached when the request fails without an answer', async () => {
    await answer((request) => request.error(new ProgressEvent('error')));

    expect(text()).toContain('The gateway cannot be reached');
    expect(pill('NATS')).toBe('help Unknown');
  });

  it('checks again when asked to', async () => {
    await answer((request) => request.flush({ status: 'ok', details: { nats: up, mongodb: up } }));
    const refresh = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ selector: '[aria-label="Check again"]' }),
    );
    expect(await refresh.isDisabled()).toBe(false);

    // A plain click: harness actions wait for stability, which the new request would prevent.
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[aria-label="Check again"]')!.click();
    await answer((request) =>
      request.flush({ status: 'error', error: { nats: { status: 'down' } }, details: { nats: { status: 'down' }, mongodb: up } }, {
        status: 503,
        statusText: 'Service Unavailable',
      }),
    );

    expect(text()).toContain('NATS is down');
  });
});
