import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: topics (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => {
    api = await startAdminApi('admin_topics');
    await api.call('POST', '/api/admin/queues', { name: 'Network' });
  });
  afterAll(() => api?.close());

  itRefusesNonAdmins(() => api, '/api/admin/topics', { id: 'x', name: 'X', queue: 'General' });

  it('creates a topic mapped to an existing queue, moves it to another queue, deletes it', async () => {
    expect(await api.call('POST', '/api/admin/topics', { id: 'vpn', name: 'VPN', queue: 'General' })).toEqual({
      status: 201,
      body: { id: 'vpn', name: 'VPN', queue: 'General' },
    });
    expect((await api.call('PATCH', '/api/admin/topics/vpn', { queue: 'Network' })).body).toEqual({ id: 'vpn', name: 'VPN', queue: 'Network' });
    expect((await api.call('GET', '/api/admin/queues/Network')).body.topics).toBe(1);
    expect((await api.call('DELETE', '/api/admin/topics/vpn')).status).toBe(204);
    expect((await api.call('GET', '/api/admin/topics/vpn')).status).toBe(404);
  });

  it('refuses a topic whose queue does not exist (UNKNOWN_QUEUE), on create and on update', async () => {
    expect(await api.call('POST', '/api/admin/topics', { id: 'ghost', name: 'Ghost', queue: 'Nowhere' })).toMatchObject({
      status: 400,
      body: { code: 'UNKNOWN_QUEUE', message: expect.stringContaining('Nowhere') },
    });
    await api.call('POST', '/api/admin/topics', { id: 'wifi', name: 'Wi-Fi', queue: 'Network' });
    expect((await api.call('PATCH', '/api/admin/topics/wifi', { queue: 'Nowhere' })).body.code).toBe('UNKNOWN_QUEUE');
    expect((await api.call('GET', '/api/admin/topics/wifi')).body.queue).toBe('Network');
  });

  it('refuses a duplicate id (409) and bad input (VALIDATION)', async () => {
    await api.call('POST', '/api/admin/topics', { id: 'printer', name: 'Printer', queue: 'General' });
    expect(await api.call('POST', '/api/admin/topics', { id: 'printer', name: 'Printer 2', queue: 'General' })).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_EXISTS' },
    });
    const bad = await api.call('POST', '/api/admin/topics', { id: 'has space', name: '', queue: 'General' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.message).toMatch(/id: .*name: Name is required/);
  });

  it('pages and searches by name and queue', async () => {
    for (let i = 1; i <= 3; i++) await api.call('POST', '/api/admin/topics', { id: `net-${i}`, name: `Net topic ${i}`, queue: 'Network' });
    const page = await api.call('GET', '/api/admin/topics?q=net%20topic&pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: 'net-3' }] });
    expect((await api.call('GET', '/api/admin/topics?q=network')).body.total).toBeGreaterThanOrEqual(3);
  });
});
