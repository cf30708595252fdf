import { CommandError } from './command-error';
import { TranscriptsApi } from './transcripts';

function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn = (async (input: string, init: RequestInit) => {
    calls.push({ url: input, init });
    return answer(input, init);
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

describe('TranscriptsApi', () => {
  it('downloads the PDF with the bearer token and names the file', async () => {
    const { calls, fetchFn } = fakeFetch(() => new Response(new Blob(['%PDF-1.3']), { status: 200, headers: { 'content-type': 'application/pdf' } }));
    const api = new TranscriptsApi({ baseUrl: 'https://desk.example', token: async () => 'tok', fetchFn });
    const { blob, fileName } = await api.download('s/1', 'internal');
    expect(await blob.text()).toBe('%PDF-1.3');
    expect(fileName).toBe('chat-s_1-internal.pdf');
    expect(calls[0]!.url).toBe('https://desk.example/api/transcripts/s%2F1/internal');
    expect((calls[0]!.init.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
  });

  it('asks for the e-mail with PUT {send}', async () => {
    const { calls, fetchFn } = fakeFetch(() => Response.json({ available: true, requested: true, address: 'erin@acme.example' }));
    const api = new TranscriptsApi({ baseUrl: '', token: async () => 'tok', fetchFn });
    expect(await api.requestEmail('s1', true)).toEqual({ available: true, requested: true, address: 'erin@acme.example' });
    expect(calls[0]).toMatchObject({ url: '/api/transcripts/s1/email', init: { method: 'PUT', body: '{"send":true}' } });
  });

  it("turns a refusal into a CommandError with the server's code and details", async () => {
    const { fetchFn } = fakeFetch(() => Response.json({ code: 'TRANSCRIPT_EMAIL_UNAVAILABLE', message: 'off', details: { reason: 'settingOff' } }, { status: 409 }));
    const api = new TranscriptsApi({ baseUrl: '', token: async () => 'tok', fetchFn });
    const error = await api.requestEmail('s1', true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: 'TRANSCRIPT_EMAIL_UNAVAILABLE', details: { reason: 'settingOff' } });
  });

  it('an unreachable gateway is UNAVAILABLE', async () => {
    const api = new TranscriptsApi({ baseUrl: '', token: async () => 'tok', fetchFn: (async () => Promise.reject(new TypeError('failed'))) as unknown as typeof fetch });
    await expect(api.download('s1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
