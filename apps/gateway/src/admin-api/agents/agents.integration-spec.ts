import { createSubjects } from '@switchboard/contracts';
import { itRefusesNonAdmins, startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: agents (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => {
    api = await startAdminApi('admin_agents');
    await api.call('POST', '/api/admin/queues', { name: 'Network' });
    await api.call('POST', '/api/admin/companies', { id: 'acme', name: 'Acme' });
  });
  afterAll(() => api?.close());

  itRefusesNonAdmins(() => api, '/api/admin/agents', { id: 'x', displayName: 'X' });

  it('creates an agent profile (queues, companies, cap), updates and deletes it', async () => {
    const created = await api.call('POST', '/api/admin/agents', { id: 'alice', displayName: 'Alice', queues: ['Network'], companies: ['acme'], cap: 3 });
    expect(created).toEqual({ status: 201, body: { id: 'alice', displayName: 'Alice', queues: ['Network'], companies: ['acme'], cap: 3 } });
    expect((await api.call('GET', '/api/admin/queues/Network')).body.agents).toBe(1);
    expect((await api.call('PATCH', '/api/admin/agents/alice', { cap: 0, queues: ['General', 'Network'] })).body).toMatchObject({ cap: 0, queues: ['General', 'Network'] });
    expect((await api.call('DELETE', '/api/admin/agents/alice')).status).toBe(204);
    expect((await api.call('GET', '/api/admin/agents/alice')).status).toBe(404);
  });

  it('R4.1 A9 every profile change is announced on NATS before the answer, so routers and gateways reload at once', async () => {
    let announced = 0;
    const sub = api.nc.subscribe(createSubjects(api.prefix).agentProfilesChanged, { callback: () => void announced++ });
    await api.nc.flush();
    await api.call('POST', '/api/admin/agents', { id: 'ann', displayName: 'Ann' });
    await api.call('PATCH', '/api/admin/agents/ann', { cap: 2 });
    await api.call('DELETE', '/api/admin/agents/ann');
    await api.nc.flush();
    sub.unsubscribe();
    expect(announced).toBe(3);
  });

  it('refuses unknown queues and companies, a negative cap, and a duplicate id', async () => {
    expect((await api.call('POST', '/api/admin/agents', { id: 'bob', displayName: 'Bob', queues: ['Nowhere'] })).body.code).toBe('UNKNOWN_QUEUE');
    expect((await api.call('POST', '/api/admin/agents', { id: 'bob', displayName: 'Bob', companies: ['nope'] })).body.code).toBe('UNKNOWN_COMPANY');
    expect(await api.call('POST', '/api/admin/agents', { id: 'bob', displayName: 'Bob', cap: -1 })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect((await api.call('GET', '/api/admin/agents/bob')).status).toBe(404);
    await api.call('POST', '/api/admin/agents', { id: 'bob', displayName: 'Bob' });
    expect((await api.call('POST', '/api/admin/agents', { id: 'bob', displayName: 'Bob' })).status).toBe(409);
  });

  it('a deleted queue leaves the agents that served it', async () => {
    await api.call('POST', '/api/admin/queues', { name: 'Temp' });
    await api.call('POST', '/api/admin/agents', { id: 'tess', displayName: 'Tess', queues: ['Temp', 'General'] });
    expect((await api.call('DELETE', '/api/admin/queues/Temp')).status).toBe(204);
    expect((await api.call('GET', '/api/admin/agents/tess')).body.queues).toEqual(['General']);
  });

  it('issue 16: an administrator assigns the queues an agent supervises (existing queues, at most 50); a deleted queue is supervised no longer', async () => {
    await api.call('POST', '/api/admin/queues', { name: 'Watched' });
    const created = await api.call('POST', '/api/admin/agents', { id: 'sue', displayName: 'Sue', supervisedQueues: ['Network', 'Watched'] });
    expect(created).toEqual({ status: 201, body: { id: 'sue', displayName: 'Sue', queues: [], companies: [], cap: 0, supervisedQueues: ['Network', 'Watched'] } });
    expect(await api.call('PATCH', '/api/admin/agents/sue', { supervisedQueues: ['Nowhere'] })).toMatchObject({ status: 400, body: { code: 'UNKNOWN_QUEUE', details: { field: 'supervisedQueues' } } });
    const tooMany = await api.call('PATCH', '/api/admin/agents/sue', { supervisedQueues: Array.from({ length: 51 }, (_, i) => `Q${i}`) });
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(tooMany.body.message).toContain('supervisedQueues');
    // Refusals changed nothing; a PUT without the field leaves it as it is.
    expect((await api.call('GET', '/api/admin/agents/sue')).body.supervisedQueues).toEqual(['Network', 'Watched']);
    expect((await api.call('PUT', '/api/admin/agents/sue', { displayName: 'Sue', queues: [], companies: [], cap: 0 })).body.supervisedQueues).toEqual(['Network', 'Watched']);
    expect((await api.call('DELETE', '/api/admin/queues/Watched')).status).toBe(204);
    expect((await api.call('GET', '/api/admin/agents/sue')).body.supervisedQueues).toEqual(['Network']);
    // No longer a supervisor: the view leaves the field out.
    expect((await api.call('PATCH', '/api/admin/agents/sue', { supervisedQueues: [] })).body).toEqual({ id: 'sue', displayName: 'Sue', queues: [], companies: [], cap: 0 });
  });

  it('pages and searches by name, queue and company', async () => {
    for (const id of ['zed1', 'zed2', 'zed3']) await api.call('POST', '/api/admin/agents', { id, displayName: `Zed ${id}`, companies: ['acme'] });
    expect((await api.call('GET', '/api/admin/agents?q=zed&pageSize=2')).body).toMatchObject({ total: 3, items: [{ id: 'zed1' }, { id: 'zed2' }] });
    expect((await api.call('GET', '/api/admin/agents?q=acme')).body.total).toBe(3);
  });

  it('issue 13 item 8: PUT replaces the whole profile and refuses a body that leaves fields out (400 naming them); PATCH changes only what it names', async () => {
    const full = { displayName: 'Pat', queues: ['Network'], companies: ['acme'], cap: 4 };
    await api.call('POST', '/api/admin/agents', { id: 'pat', ...full });
    const partial = await api.call('PUT', '/api/admin/agents/pat', { displayName: 'Pat Renamed' });
    expect(partial.status).toBe(400);
    expect(partial.body.code).toBe('VALIDATION');
    for (const field of ['queues', 'companies', 'cap']) expect(partial.body.message).toContain(`${field}: is required`);
    expect((await api.call('GET', '/api/admin/agents/pat')).body).toEqual({ id: 'pat', ...full });
    expect((await api.call('PATCH', '/api/admin/agents/pat', { displayName: 'Pat Renamed' })).body).toEqual({ id: 'pat', ...full, displayName: 'Pat Renamed' });
    expect((await api.call('PUT', '/api/admin/agents/pat', { displayName: 'Pat', queues: [], companies: ['acme'], cap: 0 })).body).toEqual({ id: 'pat', displayName: 'Pat', queues: [], companies: ['acme'], cap: 0 });
  });

  it('issue 13 item 7: a NUL character in a field is a 400 VALIDATION naming it, never a 500', async () => {
    const created = await api.call('POST', '/api/admin/agents', { id: 'nul1', displayName: 'Nul\u0000Agent' });
    expect(created).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(created.body.message).toContain('displayName: must not contain the NUL character (U+0000)');
    await api.call('POST', '/api/admin/agents', { id: 'nul2', displayName: 'Nul' });
    expect(await api.call('PATCH', '/api/admin/agents/nul2', { displayName: 'a\u0000b' })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await api.call('POST', '/api/admin/knowledge-articles', { title: 'T', body: 'x\u0000y' })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await api.call('POST', '/api/admin/queues', { name: 'Nulls', description: '\u0000' })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
  });
});
