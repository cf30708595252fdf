import { transcriptEmailPath, transcriptPath, type SessionDetailView, type TranscriptEmailStatus } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { pdfText } from '../testing/pdf-text';
import { passwordOf, RealtimeStack } from '../testing/realtime-stack';

/** A JSON answer of the gateway. */
type Json = { code?: string; [field: string]: unknown };

/** A real SMTP server in this process: every mail it accepts, parsed. */
async function startSmtp(): Promise<{ url: string; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Transcripts through the real stack (gateway, chat-actor process, NATS,
 * MongoDB-wire server) and a real SMTP server: the end user's PDF has every
 * message and no side note, the e-mail arrives with it, the internal one has
 * the side notes and is on the ticket, and nobody else may read them.
 */
describe('transcripts (gateway, chat-actor, NATS, database, SMTP)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let stack: RealtimeStack;
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtp();
    stack = new RealtimeStack({ settings: { supportQueues: true, useTopics: true, emailTranscripts: true }, gatewayEnv: { SMTP_URL: smtp.url, MAIL_FROM: 'Service Desk <desk@example.test>', ...UNHURRIED_POSTS } });
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  });

  const tokens = new Map<string, string>();
  async function tokenOf(username: string): Promise<string> {
    if (!tokens.has(username)) tokens.set(username, await stack.login(username, passwordOf(username)));
    return tokens.get(username)!;
  }

  async function call(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; type: string; bytes: Buffer; json: <T = Json>() => T }> {
    const res = await fetch(`${stack.urls[0]}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenOf(username)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes, json: <T,>() => JSON.parse(bytes.toString('utf8')) as T };
  }

  async function pdfOf(username: string, path: string): Promise<string> {
    const res = await call(username, 'GET', path);
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'application/pdf' });
    return pdfText(res.bytes);
  }

  /** A chat in the Network queue between a fresh end user and a fresh agent of that queue, with messages, side notes and a ticket. */
  async function chat(messages = 3) {
    const k = ++n;
    const userId = `tr-eu${k}`;
    const agentId = `ag-tr${k}`;
    await stack.addEndUser(userId);
    await stack.addAgent(agentId, { queues: ['Network'] });
    const user = await stack.client(userId);
    const agent = await stack.client(agentId);
    const { session } = await user.startSession(`VPN drops every hour (${k})`, 'vpn');
    const id = session.sessionId;
    await agent.accept(id);
    const said: string[] = [];
    for (let i = 1; i <= messages; i++) {
      const mine = `user line ${k}.${i}`;
      const theirs = `agent line ${k}.${i}`;
      await user.post(id, mine);
      await agent.post(id, theirs);
      said.push(mine, theirs);
    }
    await agent.sideNote(id, `secret note ${k}: user runs the old client`);
    const { ticketId } = await agent.createTicket(id, `VPN drops (${k})`);
    await agent.sideNote(id, `second secret note ${k}`);
    return { k, id, userId, agentId, user, agent, said, ticketId, notes: [`secret note ${k}: user runs the old client`, `second secret note ${k}`] };
  }

  it("the end user's transcript holds every message and no side note; the e-mail they asked for arrives with it when the chat ends", async () => {
    const c = await chat();
    const before = await call(c.userId, 'GET', transcriptEmailPath(c.id));
    expect(before.json()).toEqual({ available: true, address: `${c.userId}@example.test`, requested: false } satisfies TranscriptEmailStatus);
    const asked = await call(c.userId, 'PUT', transcriptEmailPath(c.id), { send: true });
    expect(asked.json()).toMatchObject({ available: true, requested: true });

    await c.user.post(c.id, 'my card is 4111 1111 1111 1111');
    const open = await pdfOf(c.userId, transcriptPath(c.id));
    for (const line of c.said) expect(open).toContain(line);
    // Masked text stays masked: the digits were never stored.
    expect(open).toContain('my card is **** **** **** 1111');
    expect(open).toContain('Card number masked');
    expect(open.replace(/\s/g, '')).not.toContain('4111111111111111');
    expect(open).toContain(`VPN drops every hour (${c.k})`);
    expect(open).toContain('still open');
    for (const note of c.notes) expect(open).not.toContain(note);
    expect(smtp.mails.filter((m) => m.to && JSON.stringify(m.to).includes(c.userId))).toHaveLength(0);

    await c.agent.end(c.id, false);
    const mail = await eventually(() => {
      const found = smtp.mails.find((m) => JSON.stringify(m.to).includes(`${c.userId}@example.test`));
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 20_000 });
    expect(mail.from?.text).toContain('desk@example.test');
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.filename).toBe(`chat-${c.id}.pdf`);
    const mailed = await pdfText(attachment.content);
    for (const line of c.said) expect(mailed).toContain(line);
    expect(mailed).toContain('The agent ended the chat');
    for (const note of c.notes) expect(mailed).not.toContain(note);

    await eventually(async () => expect((await call(c.userId, 'GET', transcriptEmailPath(c.id))).json()).toMatchObject({ requested: true, sentAt: expect.any(String) }));
    // Sent once, whatever was delivered twice.
    expect(smtp.mails.filter((m) => JSON.stringify(m.to).includes(`${c.userId}@example.test`))).toHaveLength(1);
  });

  it('R14 the internal transcript has the side notes, for the agents of the chat, and is attached to the ticket when the chat ends', async () => {
    const c = await chat();
    const internal = await pdfOf(c.agentId, transcriptPath(c.id, 'internal'));
    expect(internal).toContain('Internal chat transcript');
    for (const line of [...c.said, ...c.notes]) expect(internal).toContain(line);

    await c.agent.end(c.id, true);
    const record = await eventually(async () => {
      const res = await call('admin', 'GET', `/api/admin/sessions/${c.id}`);
      const body = res.json<SessionDetailView>();
      expect(body.ticket?.transcript?.path).toBe(`/api/tickets/${encodeURIComponent(c.ticketId)}/transcript`);
      return body;
    }, { timeoutMs: 20_000 });
    expect(record.ticket?.transcript?.lastSeq).toBe(record.version);

    for (const reader of ['admin', c.agentId]) {
      const onTicket = await pdfOf(reader, record.ticket!.transcript!.path);
      for (const line of [...c.said, ...c.notes]) expect(onTicket).toContain(line);
      expect(onTicket).toContain(`Ticket: ${c.ticketId} (Resolved)`);
    }
    // The administrator downloads both from the chat record.
    expect(await pdfOf('admin', transcriptPath(c.id))).not.toContain(c.notes[0]);
    expect(await pdfOf('admin', transcriptPath(c.id, 'internal'))).toContain(c.notes[0]);
  });

  it('refused with typed errors for another end user, an agent of another queue, the end user asking for the internal one, and an unknown chat', async () => {
    const c = await chat(1);
    await stack.addEndUser('tr-other');
    await stack.addAgent('ag-tr-hardware', { queues: ['Hardware'] });
    const refusals = [
      ['tr-other', 'GET', transcriptPath(c.id)],
      ['tr-other', 'GET', transcriptPath(c.id, 'internal')],
      ['tr-other', 'GET', transcriptEmailPath(c.id)],
      ['tr-other', 'PUT', transcriptEmailPath(c.id)],
      ['ag-tr-hardware', 'GET', transcriptPath(c.id, 'internal')],
      ['ag-tr-hardware', 'GET', transcriptPath(c.id)],
      [c.agentId, 'GET', transcriptPath(c.id)],
      [c.userId, 'GET', transcriptPath(c.id, 'internal')],
      [c.agentId, 'PUT', transcriptEmailPath(c.id)],
    ] as const;
    for (const [who, method, path] of refusals) {
      const res = await call(who, method, path, method === 'PUT' ? { send: true } : undefined);
      expect({ who, path, status: res.status, body: res.json() }).toEqual({ who, path, status: 403, body: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    const unknown = await call(c.userId, 'GET', transcriptPath('no-such-chat'));
    expect({ status: unknown.status, code: unknown.json().code }).toEqual({ status: 404, code: 'SESSION_NOT_FOUND' });
    const notAttached = await call('admin', 'GET', `/api/tickets/${encodeURIComponent(c.ticketId)}/transcript`);
    expect({ status: notAttached.status, code: notAttached.json().code }).toEqual({ status: 404, code: 'TRANSCRIPT_NOT_ATTACHED' });
    const bad = await call(c.userId, 'PUT', transcriptEmailPath(c.id), { send: 'yes' });
    expect({ status: bad.status, code: bad.json().code }).toEqual({ status: 400, code: 'VALIDATION' });
    const anonymous = await fetch(`${stack.urls[0]}${transcriptPath(c.id)}`);
    expect(anonymous.status).toBe(401);
  });

  it('the e-mail is refused with its reason while the setting is off; a chat that already ended is mailed at once when asked', async () => {
    const c = await chat(1);
    await stack.saveSettings({ emailTranscripts: false });
    await eventually(async () => expect((await call(c.userId, 'GET', transcriptEmailPath(c.id))).json()).toMatchObject({ available: false, reason: 'settingOff' }));
    const refused = await call(c.userId, 'PUT', transcriptEmailPath(c.id), { send: true });
    expect({ status: refused.status, body: refused.json() }).toEqual({ status: 409, body: { code: 'TRANSCRIPT_EMAIL_UNAVAILABLE', message: expect.any(String), details: { reason: 'settingOff' } } });
    await stack.saveSettings({ emailTranscripts: true });
    await c.agent.end(c.id, false);
    await eventually(async () => expect((await stack.db.collection('chat_transcript_mail').findOne({ _id: c.id as never }))?.['endedAt']).toBeDefined(), { timeoutMs: 20_000 });
    expect(smtp.mails.some((m) => JSON.stringify(m.to).includes(`${c.userId}@example.test`))).toBe(false);

    const asked = await call(c.userId, 'PUT', transcriptEmailPath(c.id), { send: true });
    expect(asked.json()).toMatchObject({ requested: true, sentAt: expect.any(String) });
    const mail = smtp.mails.find((m) => JSON.stringify(m.to).includes(`${c.userId}@example.test`));
    expect(await pdfText(mail!.attachments[0]!.content)).toContain(c.said[0]);
  });

  it('the OpenAPI document describes the transcript calls', async () => {
    const doc = (await (await fetch(`${stack.urls[0]}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/transcripts/{sessionId}'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/transcripts/{sessionId}/internal'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/transcripts/{sessionId}/email'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/api/tickets/{ticketId}/transcript'] ?? {})).toEqual(['get']);
  });

  it(`a chat longer than one page of history (${250} messages) is written whole, in order`, async () => {
    const c = await chat(125);
    const text = await pdfOf(c.userId, transcriptPath(c.id));
    const positions = c.said.map((line) => text.indexOf(`${line}\n`));
    expect(positions.filter((p) => p < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }, 120_000);
});

/**
 * Long chats are written by posting one message after another as fast as the machine answers: on a
 * quiet machine that is more than the default 20 frames a second per connection (RATE_LIMITED).
 * Rate limits have tests of their own (connection-limits, principal-limits).
 */
const UNHURRIED_POSTS = { WS_RATE_PER_SECOND: '1000', WS_RATE_BURST: '1000', WS_PRINCIPAL_RATE_PER_SECOND: '1000', WS_FLOOD_FRAMES_PER_SECOND: '5000' };

/** Two gateways (one of them an OS process, as `npm start` runs it) share the chat-end work: each e-mail goes out once. */
describe('transcript e-mails with two gateways', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let stack: RealtimeStack;

  beforeAll(async () => {
    smtp = await startSmtp();
    stack = new RealtimeStack({ settings: { supportQueues: true, useTopics: true, emailTranscripts: true }, gatewayProcesses: 1, gatewayEnv: { SMTP_URL: smtp.url } });
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  }, 120_000);

  it('every chat that ends sends its e-mail once, whichever gateway took it', async () => {
    const chats = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const userId = `tr2-eu${i}`;
        await stack.addEndUser(userId);
        await stack.addAgent(`ag-tr2-${i}`, { queues: ['Hardware'] });
        // End users and agents spread over both gateways.
        const user = await stack.client(userId, { gateway: i % 2 });
        const agent = await stack.client(`ag-tr2-${i}`, { gateway: (i + 1) % 2 });
        const { session } = await user.startSession(`printer ${i} jams`, 'printer');
        await agent.accept(session.sessionId);
        await user.post(session.sessionId, `it is printer ${i}`);
        const token = await stack.login(userId, 'user123', stack.urls[i % 2]);
        const asked = await fetch(`${stack.urls[i % 2]}${transcriptEmailPath(session.sessionId)}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ send: true }),
        });
        expect(asked.status).toBe(200);
        await agent.end(session.sessionId);
        return { userId, i };
      }),
    );
    await eventually(() => expect(smtp.mails).toHaveLength(chats.length), { timeoutMs: 30_000 });
    await consistently(() => expect(smtp.mails).toHaveLength(chats.length), { forMs: 1_500 });
    for (const { userId, i } of chats) {
      const mine = smtp.mails.filter((m) => JSON.stringify(m.to).includes(`${userId}@example.test`));
      expect(mine).toHaveLength(1);
      expect(await pdfText(mine[0]!.attachments[0]!.content)).toContain(`it is printer ${i}`);
    }
  }, 120_000);
});
