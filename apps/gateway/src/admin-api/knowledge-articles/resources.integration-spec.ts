import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: resources agents see, R15 (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => {
    api = await startAdminApi('admin_resources');
    await api.call('POST', '/api/admin/companies', { id: 'acme', name: 'Acme' });
  });
  afterAll(() => api?.close());

  describe('knowledge articles', () => {
    itRefusesNonAdmins(() => api, '/api/admin/knowledge-articles', { title: 'T', body: 'B' });

    it('creates, searches by text and tag, updates and deletes', async () => {
      const created = await api.call('POST', '/api/admin/knowledge-articles', { title: 'Reset the VPN client', body: 'Quit, delete the profile.', tags: ['vpn'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), title: 'Reset the VPN client', tags: ['vpn'], updatedAt: expect.any(String) });
      await api.call('POST', '/api/admin/knowledge-articles', { title: 'Printer queue', body: 'Restart the spooler.' });
      expect((await api.call('GET', '/api/admin/knowledge-articles?q=spooler')).body.items).toEqual([expect.objectContaining({ title: 'Printer queue' })]);
      expect((await api.call('GET', '/api/admin/knowledge-articles?q=VPN')).body.total).toBe(1);
      const id = created.body.id;
      expect((await api.call('PATCH', `/api/admin/knowledge-articles/${id}`, { tags: ['vpn', 'network'] })).body.tags).toEqual(['vpn', 'network']);
      expect((await api.call('DELETE', `/api/admin/knowledge-articles/${id}`)).status).toBe(204);
      expect((await api.call('GET', `/api/admin/knowledge-articles/${id}`)).status).toBe(404);
    });

    it('refuses an article without text (VALIDATION)', async () => {
      expect((await api.call('POST', '/api/admin/knowledge-articles', { title: 'T', body: '  ' })).body).toMatchObject({
        code: 'VALIDATION',
        message: 'body: Text is required',
      });
    });
  });

  describe('response templates', () => {
    itRefusesNonAdmins(() => api, '/api/admin/response-templates', { title: 'T', text: 'X' });

    it('creates, pages, updates and deletes', async () => {
      const ids: string[] = [];
      for (const title of ['Greeting', 'Closing', 'Restart']) ids.push((await api.call('POST', '/api/admin/response-templates', { title, text: `${title} text` })).body.id);
      expect((await api.call('GET', '/api/admin/response-templates?pageSize=2')).body).toMatchObject({ total: 3, items: [{ title: 'Closing' }, { title: 'Greeting' }] });
      expect((await api.call('PATCH', `/api/admin/response-templates/${ids[0]}`, { text: 'Hello!' })).body.text).toBe('Hello!');
      expect((await api.call('DELETE', `/api/admin/response-templates/${ids[0]}`)).status).toBe(204);
      expect((await api.call('POST', '/api/admin/response-templates', { title: 'No text' })).body.code).toBe('VALIDATION');
    });
  });

  describe('outages', () => {
    itRefusesNonAdmins(() => api, '/api/admin/outages', { title: 'T', startsAt: new Date().toISOString() });

    it('creates an outage, shows it active until it ends, lists newest first', async () => {
      const old = await api.call('POST', '/api/admin/outages', { title: 'Mail down', startsAt: '2026-01-01T08:00:00Z', endsAt: '2026-01-01T09:00:00Z' });
      expect(old.body).toMatchObject({ active: false, endsAt: '2026-01-01T09:00:00.000Z' });
      const now = await api.call('POST', '/api/admin/outages', { title: 'VPN degraded', startsAt: new Date(Date.now() - 60_000).toISOString(), companies: ['acme'] });
      expect(now.body).toMatchObject({ active: true, companies: ['acme'] });
      expect((await api.call('GET', '/api/admin/outages')).body.items.map((o: { title: string }) => o.title)).toEqual(['VPN degraded', 'Mail down']);
      const ended = await api.call('PUT', `/api/admin/outages/${now.body.id}`, { endsAt: new Date(Date.now() - 1000).toISOString() });
      expect(ended.body.active).toBe(false);
      const reopened = await api.call('PUT', `/api/admin/outages/${now.body.id}`, { endsAt: null });
      expect(reopened.body).toMatchObject({ active: true });
      expect(reopened.body.endsAt).toBeUndefined();
    });

    it('refuses an end before the start, a bad date and an unknown company', async () => {
      expect((await api.call('POST', '/api/admin/outages', { title: 'X', startsAt: '2026-01-02T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' })).body).toMatchObject({
        code: 'VALIDATION',
        message: 'endsAt: must be after the start',
      });
      expect((await api.call('POST', '/api/admin/outages', { title: 'X', startsAt: 'yesterday' })).body.code).toBe('VALIDATION');
      expect((await api.call('POST', '/api/admin/outages', { title: 'X', startsAt: '2026-01-01T00:00:00Z', companies: ['nope'] })).body.code).toBe('UNKNOWN_COMPANY');
    });
  });
});
