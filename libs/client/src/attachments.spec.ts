import { AttachmentsApi } from './attachments';
import { describeFailure } from './error-messages';

describe('AttachmentsApi', () => {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  let now = 0;
  let answers: Array<{ status: number; body: unknown }> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift()!;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  const api = new AttachmentsApi({ baseUrl: 'http://gw', token: async () => 'tok', fetchFn, now: () => now });

  beforeEach(() => {
    calls.length = 0;
    now = Date.parse('2026-11-30T08:00:00Z');
  });

  it('sends the file as the body with its name, type and the bearer token', async () => {
    answers = [{ status: 201, body: { sessionId: 's', seq: 3, duplicate: false, events: [], attachment: { id: 'f1', name: 'a.png', mediaType: 'image/png', size: 3 } } }];
    const result = await api.upload('k1-session-0001', new Blob(['abc'], { type: 'image/png' }), 'a b.png', 'client-0001');
    expect(result.attachment.id).toBe('f1');
    expect(calls[0]!.url).toBe('http://gw/api/sessions/k1-session-0001/attachments?name=a+b.png&clientId=client-0001');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'image/png', authorization: 'Bearer tok' } });
  });

  it('keeps a link until shortly before it lapses, then asks again', async () => {
    answers = [
      { status: 200, body: { url: '/api/attachments/f1?sig=1', expiresAt: '2026-11-30T08:05:00Z' } },
      { status: 200, body: { url: '/api/attachments/f1?sig=2', expiresAt: '2026-11-30T08:10:00Z' } },
    ];
    expect(await api.link('k1-session-0001', 'f1')).toBe('http://gw/api/attachments/f1?sig=1');
    now = Date.parse('2026-11-30T08:04:00Z');
    expect(await api.link('k1-session-0001', 'f1')).toBe('http://gw/api/attachments/f1?sig=1');
    now = Date.parse('2026-11-30T08:04:40Z');
    expect(await api.link('k1-session-0001', 'f1')).toBe('http://gw/api/attachments/f1?sig=2');
    expect(calls).toHaveLength(2);
  });

  it("a refusal is a CommandError with the server's code; a size or type refusal keeps the server's sentence (it names the limit)", async () => {
    answers = [{ status: 413, body: { code: 'ATTACHMENT_TOO_LARGE', message: 'The file is larger than the 10 MiB your administrator allows.' } }];
    const tooLarge = await api.upload('k1-session-0001', new Blob(['x']), 'x.png').catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    expect(describeFailure(tooLarge)).toBe('The file is larger than the 10 MiB your administrator allows.');
    answers = [{ status: 403, body: { code: 'NOT_A_PARTICIPANT', message: 'no' } }];
    const refused = await api.link('k1-session-0001', 'f9').catch((e: unknown) => e);
    expect(describeFailure(refused)).toBe('Only the people in this chat can open its files.');
  });
});
