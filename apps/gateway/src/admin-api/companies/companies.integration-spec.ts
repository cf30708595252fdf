import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: companies (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => (api = await startAdminApi('admin_companies')));
  afterAll(() => api?.close());

  itRefusesNonAdmins(() => api, '/api/admin/companies', { id: 'x', name: 'X' });

  it('creates, reads, updates and deletes a company', async () => {
    const created = await api.call('POST', '/api/admin/companies', { id: 'acme', name: 'Acme', emailDomains: ['ACME.example'] });
    expect(created).toEqual({ status: 201, body: { id: 'acme', name: 'Acme', emailDomains: ['acme.example'], notes: '' } });
    expect((await api.call('PATCH', '/api/admin/companies/acme', { notes: 'Key account' })).body.notes).toBe('Key account');
    expect((await api.call('GET', '/api/admin/companies/acme')).body).toMatchObject({ name: 'Acme', notes: 'Key account' });
    expect((await api.call('DELETE', '/api/admin/companies/acme')).status).toBe(204);
    expect((await api.call('DELETE', '/api/admin/companies/acme')).body.code).toBe('NOT_FOUND');
  });

  it('refuses to delete a company that has end users (COMPANY_IN_USE)', async () => {
    await api.call('POST', '/api/admin/companies', { id: 'globex', name: 'Globex' });
    await api.call('POST', '/api/admin/end-users', { id: 'grace', displayName: 'Grace', companyId: 'globex' });
    expect(await api.call('DELETE', '/api/admin/companies/globex')).toMatchObject({ status: 409, body: { code: 'COMPANY_IN_USE' } });
  });

  it('refuses bad input with VALIDATION', async () => {
    const bad = await api.call('POST', '/api/admin/companies', { id: 'x', name: 'X', emailDomains: ['not a domain'] });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION', message: expect.stringContaining('emailDomains.0') } });
  });

  it('pages and searches by name and email domain', async () => {
    for (const [id, name] of [['c1', 'Initech'], ['c2', 'Initrode'], ['c3', 'Umbrella']]) {
      await api.call('POST', '/api/admin/companies', { id, name, emailDomains: [`${id}.example`] });
    }
    expect((await api.call('GET', '/api/admin/companies?q=INIT')).body).toMatchObject({ total: 2, items: [{ name: 'Initech' }, { name: 'Initrode' }] });
    expect((await api.call('GET', '/api/admin/companies?q=c3.example')).body.items).toEqual([expect.objectContaining({ id: 'c3' })]);
    expect((await api.call('GET', '/api/admin/companies?pageSize=1&page=2')).body.items).toHaveLength(1);
  });
});
