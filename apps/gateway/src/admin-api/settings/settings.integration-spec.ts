import { decodeJson } from '@switchboard/service-kit';
import { consistently } from '@switchboard/testing';
import { createSubjects } from '@switchboard/contracts';
import { startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: settings (real NATS + database)', () => {
  let api: AdminApiHarness;
  beforeAll(async () => (api = await startAdminApi('admin_settings')));
  afterAll(() => api?.close());

  it('starts from the defaults of the Settings table', async () => {
    expect(await api.call('GET', '/api/admin/settings')).toEqual({
      status: 200,
      body: {
        supportQueues: false,
        useTopics: false,
        companyFilter: false,
        agentAutoAccept: false,
        remoteControlConsoleUrl: '',
        maxConcurrentChatsPerAgent: 0,
        maskPatterns: [],
        emailTranscripts: false,
        attachmentMaxBytes: 10 * 1024 * 1024,
        attachmentTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
        agentIdleMinutes: 0,
        offerLapsePresence: 'notResponding',
        offerDeclineReasons: ['Busy with another chat', 'Not my area', 'Going on a break'],
        dispositionCodes: ['Resolved', 'Workaround given', 'Escalated', 'No answer from the user'],
        revision: 0,
      },
    });
  });

  it('A9 stores a change and publishes settingsChanged on NATS before answering', async () => {
    const events: unknown[] = [];
    const sub = api.nc.subscribe(createSubjects(api.prefix).settingsChanged, { callback: (_e, msg) => void events.push(decodeJson(msg.data)) });
    await api.nc.flush();
    const changed = await api.call('PUT', '/api/admin/settings', { agentAutoAccept: true, maxConcurrentChatsPerAgent: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 3, supportQueues: false, revision: 1 });
    // Published and flushed before the answer: after our own round trip to the server it is here, and only once.
    await api.nc.flush();
    expect(events).toEqual([{ revision: 1 }]);
    await consistently(() => expect(events).toEqual([{ revision: 1 }]), { forMs: 300 });
    sub.unsubscribe();
    expect((await api.call('GET', '/api/admin/settings')).body).toMatchObject({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 3, revision: 1 });
  });

  it('trims and accepts an http(s) remote-control console URL', async () => {
    const { body } = await api.call('PUT', '/api/admin/settings', { remoteControlConsoleUrl: '  https://rc.example.test/console  ' });
    expect(body.remoteControlConsoleUrl).toBe('https://rc.example.test/console');
  });

  it('stores the mask patterns as given and answers them', async () => {
    const { status, body } = await api.call('PUT', '/api/admin/settings', { maskPatterns: ['(?i)password:\\s*\\S+', 'E-\\d{5}'] });
    expect(status).toBe(200);
    expect(body.maskPatterns).toEqual(['(?i)password:\\s*\\S+', 'E-\\d{5}']);
    expect((await api.call('GET', '/api/admin/settings')).body.maskPatterns).toEqual(['(?i)password:\\s*\\S+', 'E-\\d{5}']);
  });

  it.each([
    [{ maskPatterns: ['(unclosed'] }, 'not a valid regular expression'],
    [{ maskPatterns: ['a(?=b)'] }, 'not a valid regular expression'],
    [{ maskPatterns: ['x*'] }, 'matches empty text'],
    [{ maskPatterns: Array.from({ length: 21 }, (_, i) => `p${i}`) }, '20'],
    [{ maskPatterns: ['a'.repeat(201)] }, '200'],
  ])('refuses the mask patterns %j with VALIDATION saying why (%s), and changes nothing', async (change, why) => {
    const before = (await api.call('GET', '/api/admin/settings')).body;
    const refused = await api.call('PUT', '/api/admin/settings', change);
    expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(JSON.stringify(refused.body)).toContain(why);
    expect((await api.call('GET', '/api/admin/settings')).body).toEqual(before);
  });

  it.each([
    [{ maxConcurrentChatsPerAgent: -1 }, 'maxConcurrentChatsPerAgent'],
    [{ maxConcurrentChatsPerAgent: 2.5 }, 'maxConcurrentChatsPerAgent'],
    [{ remoteControlConsoleUrl: 'ftp://x' }, 'remoteControlConsoleUrl'],
    [{ useTopics: 'yes' }, 'useTopics'],
    [{ colour: 'red' }, 'colour'],
    [{ agentIdleMinutes: 481 }, 'agentIdleMinutes'],
    [{ agentIdleMinutes: -1 }, 'agentIdleMinutes'],
  ])('refuses %j with VALIDATION naming %s, and changes nothing', async (change, field) => {
    const before = (await api.call('GET', '/api/admin/settings')).body;
    const refused = await api.call('PUT', '/api/admin/settings', change);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION');
    expect(refused.body.message).toContain(field === 'maxConcurrentChatsPerAgent' ? 'ax concurrent chats' : field === 'remoteControlConsoleUrl' ? 'URL' : field);
    expect((await api.call('GET', '/api/admin/settings')).body).toEqual(before);
  });

  it('R19 refuses settings changes without a token (401) and by an agent (403)', async () => {
    expect((await api.call('PUT', '/api/admin/settings', { useTopics: true }, {})).status).toBe(401);
    const agent = await api.authAs({ id: 'alice', role: 'agent', name: 'Alice' });
    expect(await api.call('PUT', '/api/admin/settings', { useTopics: true }, agent)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await api.call('GET', '/api/admin/settings')).body.useTopics).toBe(false);
  });
});

describe('admin API: OpenAPI', () => {
  let api: AdminApiHarness;
  beforeAll(async () => (api = await startAdminApi('admin_openapi')));
  afterAll(() => api?.close());

  it('serves the OpenAPI document of every admin resource at /api/docs-json, and the UI at /api/docs', async () => {
    const { status, body } = await api.call('GET', '/api/docs-json', undefined, {});
    expect(status).toBe(200);
    for (const path of ['settings', 'queues', 'topics', 'agents', 'companies', 'end-users', 'knowledge-articles', 'response-templates', 'outages']) {
      expect(Object.keys(body.paths)).toContain(`/api/admin/${path}`);
    }
    expect(body.paths['/api/admin/queues'].post.requestBody.content['application/json'].schema.properties.name).toBeDefined();
    const ui = await fetch(`${api.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
  it('offers and wrap-up: the decline reasons and disposition codes are lists the administrator sets, 1 to 20 texts', async () => {
    const changed = await api.call('PUT', '/api/admin/settings', { offerDeclineReasons: ['  On a call  ', 'Not my area'], dispositionCodes: ['Fixed'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ offerDeclineReasons: ['On a call', 'Not my area'], dispositionCodes: ['Fixed'] });
    expect((await api.call('GET', '/api/admin/settings')).body).toMatchObject({ offerDeclineReasons: ['On a call', 'Not my area'], dispositionCodes: ['Fixed'] });
    for (const body of [{ offerDeclineReasons: [] }, { dispositionCodes: [''] }, { dispositionCodes: Array.from({ length: 21 }, (_, i) => `code ${i}`) }]) {
      const refused = await api.call('PUT', '/api/admin/settings', body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION' });
    }
  });
});
