import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: end users (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => {
    api = await startAdminApi('admin_end_users');
    await api.call('POST', '/api/admin/companies', { id: 'acme', name: 'Acme' });
  });
  afterAll(() => api?.close());

  itRefusesNonAdmins(() => api, '/api/admin/end-users', { id: 'x', displayName: 'X', companyId: 'acme' });

  it('creates an end user with contact, site, company and assets; updates and deletes', async () => {
    const erin = {
      id: 'erin',
      displayName: 'Erin',
      companyId: 'acme',
      email: 'erin@acme.example',
      phone: '+1 555 0101',
      site: 'Berlin',
      assets: [{ id: 'erin-laptop', name: 'ThinkPad', deviceId: 'DEV-1' }],
    };
    expect(await api.call('POST', '/api/admin/end-users', erin)).toEqual({ status: 201, body: erin });
    expect((await api.call('PATCH', '/api/admin/end-users/erin', { site: 'Paris', assets: [] })).body).toMatchObject({ site: 'Paris', assets: [] });
    expect((await api.call('DELETE', '/api/admin/end-users/erin')).status).toBe(204);
  });

  it('refuses an unknown company, a bad email and a bad phone', async () => {
    expect((await api.call('POST', '/api/admin/end-users', { id: 'x1', displayName: 'X', companyId: 'nope' })).body).toMatchObject({
      code: 'UNKNOWN_COMPANY',
      details: { field: 'companyId' },
    });
    const bad = await api.call('POST', '/api/admin/end-users', { id: 'x2', displayName: 'X', companyId: 'acme', email: 'nope', phone: 'call me' });
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.message).toMatch(/email: not an email address; phone: not a phone number/);
  });

  it('pages and searches by name, email and site', async () => {
    for (const [id, site] of [['u1', 'Lyon'], ['u2', 'Lyon'], ['u3', 'Oslo']]) {
      await api.call('POST', '/api/admin/end-users', { id, displayName: `User ${id}`, companyId: 'acme', email: `${id}@acme.example`, site });
    }
    expect((await api.call('GET', '/api/admin/end-users?q=lyon')).body.total).toBe(2);
    expect((await api.call('GET', '/api/admin/end-users?q=u3%40acme')).body.items).toEqual([expect.objectContaining({ id: 'u3' })]);
    expect((await api.call('GET', '/api/admin/end-users?page=2&pageSize=2')).body).toMatchObject({ total: 3, items: [{ id: 'u3' }] });
  });

  it('issue 13 item 8: PUT with one field is refused (400 naming the missing ones) and the contact and assets stay; PATCH merges', async () => {
    const ivy = { id: 'ivy', displayName: 'Ivy', companyId: 'acme', email: 'ivy@acme.example', phone: '+1 555 0102', site: 'Lyon', assets: [{ id: 'ivy-pc', name: 'PC' }] };
    await api.call('POST', '/api/admin/end-users', ivy);
    const partial = await api.call('PUT', '/api/admin/end-users/ivy', { site: 'Nice' });
    expect(partial).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    for (const field of ['displayName', 'companyId', 'email', 'phone', 'assets']) expect(partial.body.message).toContain(`${field}: is required`);
    expect((await api.call('GET', '/api/admin/end-users/ivy')).body).toEqual(ivy);
    expect((await api.call('PATCH', '/api/admin/end-users/ivy', { site: 'Nice' })).body).toEqual({ ...ivy, site: 'Nice' });
    const { id: _id, ...fields } = ivy;
    expect((await api.call('PUT', '/api/admin/end-users/ivy', { ...fields, phone: '' })).body).toEqual({ ...ivy, phone: '' });
  });
});
