import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { ComponentType } from '@angular/cdk/portal';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { SessionDetailView } from '@switchboard/contracts';
import { firstValueFrom } from 'rxjs';
import { ForceCloseDialog } from '../../chat-records/force-close-dialog';
import { QueueDialog } from '../../queues/queue-dialog';

@Component({ template: '' })
class Page {}

/** Opens an admin dialog as the pages do, over the real AdminApi on a testing HTTP backend. */
async function open(component: ComponentType<unknown>, data: unknown) {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(Page);
  const ref = TestBed.inject(MatDialog).open(component, { data });
  const closed = firstValueFrom(ref.afterClosed());
  const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  const dialog = await loader.getHarness(MatDialogHarness);
  const button = (text: string) => dialog.getHarness(MatButtonHarness.with({ text }));
  return { http: TestBed.inject(HttpTestingController), dialog, button, closed };
}

/** A queue's end-user inactivity times, all off (issue 15): what the dialog sends when they are left alone. */
const INACTIVITY_OFF = { userInactivityWarnSeconds: 0, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 0 };

describe('FormDialog (the frame of every admin form dialog)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('frames a dialog: its title, its fields, Cancel and its Save words; Cancel sends nothing', async () => {
    const { dialog, button, closed } = await open(QueueDialog, {});
    expect(await dialog.getTitleText()).toBe('New support queue');
    const fields = await dialog.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((field) => field.getLabel()))).toEqual([
      'Name',
      'Description',
      'First reply limit (seconds)',
      'Offer time (seconds)',
      'Wrap-up time (seconds)',
      'Ask the end user after (seconds)',
      'Close unanswered chats after (seconds)',
      'Close chats of end users who left after (seconds)',
      'Maximum wait (seconds)',
      'Overflow queue',
    ]);
    // The forms style of the three apps, from the shell (OUTLINE_FIELDS).
    expect(new Set(await Promise.all(fields.map((field) => field.getAppearance())))).toEqual(new Set(['outline']));
    expect(await (await button('Create queue')).isDisabled()).toBe(false);

    await (await button('Cancel')).click();
    expect(await closed).toBeFalsy();
  });

  it('the projected fields belong to the form: Save marks them and sends nothing while one is wrong', async () => {
    const { dialog, button } = await open(QueueDialog, {});
    await (await button('Create queue')).click();
    const name = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }));
    expect(await name.getTextErrors()).toEqual(['Name is required.']);
    // afterEach: no request was sent.
  });

  it('saving: Save is disabled while the request runs, a refusal shows in the frame, a second try closes with what was saved', async () => {
    const { http, dialog, button, closed } = await open(QueueDialog, {});
    const name = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }));
    await (await name.getControl(MatInputHarness))!.setValue('Network');
    await (await button('Create queue')).click();
    expect(await (await button('Create queue')).isDisabled()).toBe(true);
    http.expectOne({ method: 'POST', url: '/api/admin/queues' }).flush({ code: 'ALREADY_EXISTS', message: 'Queue "Network" already exists.' }, { status: 409, statusText: 'Conflict' });

    expect(await dialog.getContentText()).toContain('Queue "Network" already exists.');
    expect(await (await button('Create queue')).isDisabled()).toBe(false);

    await (await button('Create queue')).click();
    const saved = { name: 'Network', description: '', topics: 0, agents: 0 };
    http.expectOne({ method: 'POST', url: '/api/admin/queues' }).flush(saved);
    expect(await closed).toEqual(saved);
  });

  it('no first reply and wrap-up: a queue is created with its first-reply limit and wrap-up, sent as numbers of seconds', async () => {
    const { http, dialog, button, closed } = await open(QueueDialog, {});
    await (await (await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }))).getControl(MatInputHarness))!.setValue('Network');
    const limit = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'First reply limit (seconds)' }));
    await (await limit.getControl(MatInputHarness))!.setValue('90');
    await (await button('Create queue')).click();
    const request = http.expectOne({ method: 'POST', url: '/api/admin/queues' });
    expect(request.request.body).toEqual({ name: 'Network', description: '', firstReplySeconds: 90, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, ...INACTIVITY_OFF });
    const saved = { name: 'Network', description: '', firstReplySeconds: 90, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, protected: false, topics: 0, agents: 0 };
    request.flush(saved);
    expect(await closed).toEqual(saved);
  });

  it('offers (issue 14): a queue gets its offer time beside the first-reply limit; more than the maximum is refused before saving', async () => {
    const { http, dialog, button, closed } = await open(QueueDialog, { queue: { name: 'Network', description: '', firstReplySeconds: 0, offerSeconds: 0, protected: false, topics: 0, agents: 0 } });
    const offer = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Offer time (seconds)' }));
    const input = (await offer.getControl(MatInputHarness))!;
    expect(await input.getValue()).toBe('0');
    await input.setValue('601');
    await (await button('Save')).click();
    expect(await offer.getTextErrors()).toEqual([expect.stringContaining('The offer time')]);
    http.expectNone({ method: 'PUT', url: '/api/admin/queues/Network' });
    await input.setValue('30');
    await (await button('Save')).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/queues/Network' });
    expect(request.request.body).toEqual({ description: '', firstReplySeconds: 0, offerSeconds: 30, wrapUpSeconds: 0, dispositionRequired: false, ...INACTIVITY_OFF });
    const saved = { name: 'Network', description: '', firstReplySeconds: 0, offerSeconds: 30, protected: false, topics: 0, agents: 0 };
    request.flush(saved);
    expect(await closed).toEqual(saved);
  });

  it('end-user inactivity (issue 15): a queue gets its three times in seconds, each 0 (off) to a day; more is refused before saving', async () => {
    const queue = { name: 'Network', description: '', firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, userInactivityWarnSeconds: 120, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 0, protected: false, topics: 0, agents: 0 };
    const { http, dialog, button, closed } = await open(QueueDialog, { queue });
    const field = async (label: string) => (await (await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
    const warn = await field('Ask the end user after (seconds)');
    expect(await warn.getValue()).toBe('120');
    const close = await field('Close unanswered chats after (seconds)');
    await close.setValue('86401');
    await (await button('Save')).click();
    const closeField = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Close unanswered chats after (seconds)' }));
    expect(await closeField.getTextErrors()).toEqual([expect.stringContaining('The inactivity close time')]);
    http.expectNone({ method: 'PUT', url: '/api/admin/queues/Network' });
    await close.setValue('180');
    await (await field('Close chats of end users who left after (seconds)')).setValue('300');
    await (await button('Save')).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/queues/Network' });
    expect(request.request.body).toEqual({
      description: '',
      firstReplySeconds: 0,
      offerSeconds: 0,
      wrapUpSeconds: 0,
      dispositionRequired: false,
      userInactivityWarnSeconds: 120,
      userInactivityCloseSeconds: 180,
      userLeftCloseSeconds: 300,
    });
    const saved = { ...queue, userInactivityCloseSeconds: 180, userLeftCloseSeconds: 300 };
    request.flush(saved);
    expect(await closed).toEqual(saved);
  });

  it('opening hours (issue 15): the schedule is typed per weekday in a time zone, with holidays, and sent with the maximum wait and overflow queue', async () => {
    const queue = { name: 'Network', description: '', firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, maxWaitSeconds: 0, overflowQueue: '', protected: false, topics: 0, agents: 0 };
    const { http, dialog, button } = await open(QueueDialog, { queue });
    const field = async (label: string) => (await (await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
    await (await field('Maximum wait (seconds)')).setValue('300');
    await (await field('Overflow queue')).setValue('General');
    await (await dialog.getHarness(MatCheckboxHarness.with({ label: /Opening hours/ }))).check();
    await (await field('Time zone')).setValue('Europe/Berlin');
    await (await field('Monday')).setValue('09:00-12:00, 13:00-17:00');
    await (await field('Friday')).setValue('nine to five');
    await (await button('Save')).click();
    // A day written wrongly is refused before saving.
    http.expectNone({ method: 'PUT', url: '/api/admin/queues/Network' });
    await (await field('Friday')).setValue('09:00-15:00');
    await (await field('Holidays')).setValue('2026-12-24, 2026-12-25');
    await (await button('Save')).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/admin/queues/Network' });
    expect(request.request.body).toMatchObject({
      maxWaitSeconds: 300,
      overflowQueue: 'General',
      openingHours: {
        timeZone: 'Europe/Berlin',
        weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '13:00', to: '17:00' }, { day: 5, from: '09:00', to: '15:00' }],
        holidays: ['2026-12-24', '2026-12-25'],
      },
    });
    request.flush(queue);
    // Many fields typed one key at a time through the harnesses: slow on a busy machine.
  }, 120_000);

  it('opening hours (issue 15): a queue\'s schedule is shown per weekday; turning it off sends null (always open)', async () => {
    const queue = { name: 'Network', description: '', firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, maxWaitSeconds: 0, overflowQueue: '', protected: false, topics: 0, agents: 0 };
    const withHours = { ...queue, openingHours: { timeZone: 'UTC', weekly: [{ day: 1, from: '09:00', to: '17:00' }], holidays: [] } };
    const second = await open(QueueDialog, { queue: withHours });
    expect(await (await (await second.dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Monday' }))).getControl(MatInputHarness))!.getValue()).toBe('09:00-17:00');
    await (await second.dialog.getHarness(MatCheckboxHarness.with({ label: /Opening hours/ }))).uncheck();
    await (await second.button('Save')).click();
    const off = second.http.expectOne({ method: 'PUT', url: '/api/admin/queues/Network' });
    expect(off.request.body.openingHours).toBeNull();
    off.flush(queue);
  }, 60_000);

  it('R17 force-close is framed the same, with the danger button; it sends the comment and closes with the closed chat', async () => {
    const session = { sessionId: 's1', endUserId: 'erin', endUserName: 'Erin User', status: 'ASSIGNED', owner: { id: 'bob', displayName: 'Bob Agent' } };
    const { http, dialog, button, closed } = await open(ForceCloseDialog, { session });
    expect(await dialog.getTitleText()).toBe('Force-close this chat?');
    expect(await dialog.getContentText()).toContain('whatever its state (held by Bob Agent). The end user and the agent are told. This cannot be undone.');
    const forceClose = await button('Force-close');
    expect(await (await forceClose.host()).hasClass('sb-danger')).toBe(true);

    await (await dialog.getHarness(MatInputHarness)).setValue('  Printer replaced  ');
    await forceClose.click();
    const request = http.expectOne({ method: 'POST', url: '/api/admin/sessions/s1/force-close' });
    expect(request.request.body).toEqual({ comment: 'Printer replaced' });
    const closedSession = { ...session, status: 'CLOSED' } as unknown as SessionDetailView;
    request.flush(closedSession);
    expect(await closed).toEqual(closedSession);
  });
});
