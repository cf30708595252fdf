import { createSubjects } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: support queues (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => (api = await startAdminApi('admin_queues')));
  afterAll(() => api?.close());

  itRefusesNonAdmins(() => api, '/api/admin/queues', { name: 'Sneaky' });

  it('General always exists, marked protected', async () => {
    const { status, body } = await api.call('GET', '/api/admin/queues');
    expect(status).toBe(200);
    expect(body.items).toContainEqual(expect.objectContaining({ name: 'General', protected: true }));
  });

  it('creates, reads, updates and deletes a queue', async () => {
    const created = await api.call('POST', '/api/admin/queues', { name: 'Network', description: 'VPN and Wi-Fi' });
    expect(created).toEqual({
      status: 201,
      body: {
        name: 'Network',
        description: 'VPN and Wi-Fi',
        firstReplySeconds: 0,
        offerSeconds: 0,
        wrapUpSeconds: 0,
        dispositionRequired: false,
        userInactivityWarnSeconds: 0,
        userInactivityCloseSeconds: 0,
        userLeftCloseSeconds: 0,
        maxWaitSeconds: 0,
        overflowQueue: '',
        protected: false,
        topics: 0,
        agents: 0,
      },
    });
    expect((await api.call('GET', '/api/admin/queues/Network')).body.description).toBe('VPN and Wi-Fi');
    const updated = await api.call('PUT', '/api/admin/queues/Network', { description: 'Network access' });
    expect(updated.body.description).toBe('Network access');
    expect((await api.call('DELETE', '/api/admin/queues/Network')).status).toBe(204);
    expect(await api.call('GET', '/api/admin/queues/Network')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('issue 14: a queue\'s first-reply limit, offer time and wrap-up are set, changed alone, bounded, and reach the chat-actors', async () => {
    const changes: unknown[] = [];
    const sub = api.nc.subscribe(createSubjects(api.prefix).referenceDataChanged, { callback: () => void changes.push(1) });
    const created = await api.call('POST', '/api/admin/queues', { name: 'Timed', firstReplySeconds: 120, offerSeconds: 30, wrapUpSeconds: 60, dispositionRequired: true });
    expect(created.body).toMatchObject({ firstReplySeconds: 120, offerSeconds: 30, wrapUpSeconds: 60, dispositionRequired: true });
    const updated = await api.call('PUT', '/api/admin/queues/Timed', { offerSeconds: 0 });
    expect(updated.body).toMatchObject({ firstReplySeconds: 120, offerSeconds: 0, wrapUpSeconds: 60, dispositionRequired: true });
    await eventually(() => expect(changes.length).toBeGreaterThanOrEqual(2));
    sub.unsubscribe();
    for (const body of [{ firstReplySeconds: -1 }, { offerSeconds: 601 }, { wrapUpSeconds: 1.5 }, { dispositionRequired: 'yes' }]) {
      const refused = await api.call('PUT', '/api/admin/queues/Timed', body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION' });
    }
    await api.call('DELETE', '/api/admin/queues/Timed');
  });

  it('end-user inactivity (issue 15): a queue\'s three times are set, changed alone, refused out of 0 to a day with VALIDATION naming the field', async () => {
    const created = await api.call('POST', '/api/admin/queues', { name: 'Quiet', userInactivityWarnSeconds: 120, userInactivityCloseSeconds: 180, userLeftCloseSeconds: 300 });
    expect(created.body).toMatchObject({ userInactivityWarnSeconds: 120, userInactivityCloseSeconds: 180, userLeftCloseSeconds: 300 });
    const updated = await api.call('PUT', '/api/admin/queues/Quiet', { userInactivityCloseSeconds: 0 });
    expect(updated.body).toMatchObject({ userInactivityWarnSeconds: 120, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 300 });
    for (const [field, value] of [['userInactivityWarnSeconds', -1], ['userInactivityCloseSeconds', 86_401], ['userLeftCloseSeconds', 2.5]] as const) {
      const refused = await api.call('PUT', '/api/admin/queues/Quiet', { [field]: value });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(field) });
    }
    expect((await api.call('GET', '/api/admin/queues/Quiet')).body).toMatchObject({ userInactivityWarnSeconds: 120, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 300 });
    await api.call('DELETE', '/api/admin/queues/Quiet');
  });

  it('issue 15: a queue\'s opening hours, maximum wait and overflow queue are set, removed with null, validated and bounded', async () => {
    const hours = { timeZone: 'Europe/Berlin', weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '13:00', to: '17:00' }], holidays: ['2026-12-25'] };
    const created = await api.call('POST', '/api/admin/queues', { name: 'Hours', openingHours: hours, maxWaitSeconds: 300, overflowQueue: 'General' });
    expect(created).toMatchObject({ status: 201, body: { openingHours: hours, maxWaitSeconds: 300, overflowQueue: 'General' } });
    // Changed alone; null removes the hours (always open).
    expect((await api.call('PUT', '/api/admin/queues/Hours', { maxWaitSeconds: 60 })).body).toMatchObject({ openingHours: hours, maxWaitSeconds: 60 });
    const cleared = await api.call('PUT', '/api/admin/queues/Hours', { openingHours: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('openingHours');
    const day = (from: string, to: string) => ({ day: 2, from, to });
    for (const [body, field] of [
      [{ openingHours: { ...hours, timeZone: 'Mars/Olympus' } }, 'openingHours.timeZone'],
      [{ openingHours: { ...hours, weekly: [{ day: 8, from: '09:00', to: '10:00' }] } }, 'openingHours.weekly'],
      [{ openingHours: { ...hours, weekly: [day('17:00', '09:00')] } }, 'openingHours.weekly'],
      [{ openingHours: { ...hours, weekly: [day('09:00', '12:00'), day('11:00', '13:00')] } }, 'openingHours.weekly'],
      [{ openingHours: { ...hours, weekly: ['00', '02', '04', '06', '08'].map((h) => day(`${h}:00`, `${h}:30`)) } }, 'openingHours.weekly'],
      [{ openingHours: { ...hours, holidays: Array.from({ length: 65 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)) } }, 'openingHours.holidays'],
      [{ openingHours: { ...hours, holidays: ['2026-02-30'] } }, 'openingHours.holidays'],
      [{ maxWaitSeconds: 86_401 }, 'maxWaitSeconds'],
      [{ overflowQueue: 'Hours' }, 'overflowQueue'],
      [{ overflowQueue: 'Nowhere' }, 'overflowQueue'],
    ] as const) {
      const refused = await api.call('PUT', '/api/admin/queues/Hours', body);
      expect({ field, status: refused.status, code: refused.body.code }).toEqual({ field, status: 400, code: 'VALIDATION' });
    }
    await api.call('DELETE', '/api/admin/queues/Hours');
  });

  it('refuses to delete General (QUEUE_PROTECTED)', async () => {
    const { status, body } = await api.call('DELETE', '/api/admin/queues/General');
    expect(status).toBe(409);
    expect(body).toEqual({ code: 'QUEUE_PROTECTED', message: expect.stringContaining('General') });
    expect((await api.call('GET', '/api/admin/queues/General')).status).toBe(200);
  });

  it('refuses a second queue of the same name, whatever its case', async () => {
    await api.call('POST', '/api/admin/queues', { name: 'Hardware' });
    expect(await api.call('POST', '/api/admin/queues', { name: 'hardware' })).toMatchObject({ status: 409, body: { code: 'ALREADY_EXISTS' } });
    expect(await api.call('POST', '/api/admin/queues', { name: 'general' })).toMatchObject({ status: 409, body: { code: 'ALREADY_EXISTS' } });
  });

  it('refuses to delete a queue a topic routes to (QUEUE_IN_USE)', async () => {
    await api.call('POST', '/api/admin/queues', { name: 'Printing' });
    await api.call('POST', '/api/admin/topics', { id: 'printer', name: 'Printer jam', queue: 'Printing' });
    expect(await api.call('DELETE', '/api/admin/queues/Printing')).toMatchObject({ status: 409, body: { code: 'QUEUE_IN_USE' } });
  });

  it('refuses invalid input with VALIDATION naming the field', async () => {
    const blank = await api.call('POST', '/api/admin/queues', { name: '' });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('VALIDATION');
    expect(blank.body.message).toMatch(/^name: /);
    const extra = await api.call('POST', '/api/admin/queues', { name: 'X', colour: 'red' });
    expect(extra.body).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('colour') });
    const notJson = await api.call('POST', '/api/admin/queues', '{nope');
    expect(notJson.status).toBe(400);
    expect(typeof notJson.body.code).toBe('string');
  });

  it('pages and searches', async () => {
    for (const name of ['Pg A', 'Pg B', 'Pg C', 'Pg D', 'Pg E']) await api.call('POST', '/api/admin/queues', { name });
    const first = await api.call('GET', '/api/admin/queues?q=pg&page=1&pageSize=2');
    expect(first.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.body.items.map((q: { name: string }) => q.name)).toEqual(['Pg A', 'Pg B']);
    const last = await api.call('GET', '/api/admin/queues?q=pg&page=3&pageSize=2');
    expect(last.body.items.map((q: { name: string }) => q.name)).toEqual(['Pg E']);
    expect((await api.call('GET', '/api/admin/queues?pageSize=1000')).body.code).toBe('VALIDATION');
  });
});
