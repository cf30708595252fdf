import { helloFrameSchema, type HelloFrame } from '@switchboard/contracts';
import { CommandError, SwitchboardClient } from './switchboard-client';
import type { WebSocketLike } from './web-socket';

const hello: HelloFrame = {
  type: 'hello',
  protocol: 1,
  connectionId: 'c-1',
  principal: { id: 'alice', role: 'agent', name: 'Alice' },
  limits: { maxFrameBytes: 16384, ratePerSecond: 20, burst: 40, requestTimeoutMs: 15000 },
};
/** A socket the test plays the server of. */
class FakeSocket implements WebSocketLike {
  static last?: FakeSocket;
  readyState = 1;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Array<Record<string, unknown>> = [];

  constructor(readonly url: string) {
    FakeSocket.last = this;
    // The server greets as soon as the client listens.
    queueMicrotask(() => this.push(hello));
  }

  private readonly awaited: Array<{ type: string; resolve: () => void }> = [];

  send(data: string): void {
    const frame = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(frame);
    for (const waiter of this.awaited) if (waiter.type === frame['type']) waiter.resolve();
  }

  /** Resolves once a frame of `type` was sent on this socket. */
  sentFrame(type: string): Promise<void> {
    if (this.sent.some((f) => f['type'] === type)) return Promise.resolve();
    return new Promise((resolve) => this.awaited.push({ type, resolve }));
  }

  close(): void {
    this.readyState = 3;
  }

  /** A frame from the server. */
  push(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** Answers the last command sent. */
  reply(data: unknown): void {
    const command = this.sent.at(-1)!;
    this.push({ type: 'reply', clientId: command['clientId'], command: command['type'], ok: true, data });
  }
}

const summary = { sessionId: 'ab-0123456789', version: 120, status: 'ASSIGNED' as const, queue: 'General', companyId: 'acme', endUserId: 'erin', ownerAgentId: 'alice', cancelledByUser: false, userLeft: false };
const event = (seq: number) => ({ seq, type: 'MessagePosted', at: '2026-11-29T10:00:00.000Z', sessionId: summary.sessionId, from: 'endUser', authorId: 'erin', text: `m${seq}` });

async function connected() {
  const client = new SwitchboardClient({ url: 'ws://gateway/ws', token: 't', WebSocket: FakeSocket, reconnect: false, requestTimeoutMs: 1000 });
  await client.connect();
  return { client, socket: FakeSocket.last! };
}

describe('SwitchboardClient', () => {
  it('R13 history(): asks session.history with beforeSeq and limit, answers the page', async () => {
    const { client, socket } = await connected();
    const asked = client.history(summary.sessionId, { beforeSeq: 71, limit: 20 });
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.history', sessionId: summary.sessionId, beforeSeq: 71, limit: 20 });
    socket.reply({ events: [event(51), event(52)], hasOlder: true, lastSeq: 120 });
    await expect(asked).resolves.toEqual({ events: [event(51), event(52)], hasOlder: true, lastSeq: 120 });

    const newest = client.history(summary.sessionId);
    expect(Object.keys(socket.sent.at(-1)!).sort()).toEqual(['clientId', 'sessionId', 'type']);
    socket.reply({ events: [event(120)], hasOlder: false, lastSeq: 120 });
    expect((await newest).hasOlder).toBe(false);
    client.close();
  });

  it('a refusal of session.history is thrown with its code (a limit over the page maximum)', async () => {
    const { client, socket } = await connected();
    const asked = client.history(summary.sessionId, { limit: 101 });
    const command = socket.sent.at(-1)!;
    socket.push({ type: 'reply', clientId: command['clientId'], command: 'session.history', ok: false, error: { code: 'BAD_FRAME', message: 'limit: too big' } });
    await expect(asked).rejects.toEqual(new CommandError('BAD_FRAME', 'limit: too big'));
    client.close();
  });

  it('reads replies through the contract: a reply that does not match it is a BAD_REPLY failure, not data', async () => {
    const { client, socket } = await connected();
    const asked = client.command('session.history', { sessionId: summary.sessionId });
    socket.reply({ events: Array.from({ length: 101 }, (_, i) => event(i + 1)), hasOlder: false, lastSeq: 101 }); // over HISTORY_PAGE_MAX
    const result = await asked;
    expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REPLY');
    client.close();
  });

  it('pushed frames reach listeners as the contract reads them; an unreadable one is a protocol error', async () => {
    const { client, socket } = await connected();
    const events: number[] = [];
    const errors: string[] = [];
    const positions: number[] = [];
    client.on('session.event', (f) => events.push(f.seq));
    client.on('protocol.error', (e) => errors.push(e.code));
    client.on('session.queuePosition', (f) => positions.push(f.position));
    client.follow(summary.sessionId, 119);
    socket.push({ type: 'session.event', sessionId: summary.sessionId, seq: 120, prevSeq: 119, event: event(120), session: summary, notices: [] });
    socket.push({ type: 'session.event', sessionId: summary.sessionId, seq: 'x' });
    socket.push({ type: 'session.queuePosition', sessionId: summary.sessionId, queue: 'General', position: 2 });
    expect([events, errors, positions]).toEqual([[120], ['BAD_FRAME'], [2]]);
    client.close();
  });

  it('issue 14: an agent hears the settings its console acts on in hello and again as agent.settings; a bad value is a protocol error', async () => {
    const { client, socket } = await connected();
    const settings: number[] = [];
    const errors: string[] = [];
    client.on('agent.settings', (f) => settings.push(f.settings.agentIdleMinutes));
    client.on('protocol.error', (e) => errors.push(e.code));
    socket.push({ type: 'agent.settings', settings: { agentIdleMinutes: 15 } });
    socket.push({ type: 'agent.settings', settings: { agentIdleMinutes: -1 } });
    expect([settings, errors]).toEqual([[15], ['BAD_FRAME']]);
    expect(helloFrameSchema.parse({ ...hello, agentSettings: { agentIdleMinutes: 5 } }).agentSettings).toEqual({ agentIdleMinutes: 5 });
    client.close();
  });

  it('R12 a resume that brings only the most recent page says so (session.gap) before delivering it', async () => {
    const { client, socket } = await connected();
    const told: string[] = [];
    client.on('session.gap', (g) => told.push(`gap ${g.firstSeq}`));
    client.on('session.event', (f) => told.push(`event ${f.seq}`));
    const last = new Promise<void>((resolve) => client.on('session.event', (f) => f.seq === 121 && resolve()));
    client.follow(summary.sessionId, 2);
    // A frame far beyond what was delivered: the client resumes from seq 2.
    socket.push({ type: 'session.event', sessionId: summary.sessionId, seq: 121, prevSeq: 120, event: event(121), session: { ...summary, version: 121 }, notices: [] });
    const resume = socket.sent.at(-1)!;
    expect(resume).toMatchObject({ type: 'session.resume', afterSeq: 2 });
    const page = Array.from({ length: 100 }, (_, i) => event(21 + i));
    socket.push({ type: 'reply', clientId: resume['clientId'], ok: true, data: { session: summary, events: page, hasOlder: true, lastSeq: 120 } });
    await last;
    expect(told.slice(0, 2)).toEqual(['gap 21', 'event 21']);
    expect(told.at(-1)).toBe('event 121');
    client.close();
  });

  it('issue 12: a command over hello.limits.maxFrameBytes is refused locally with FRAME_TOO_LARGE (code, message, sizes) and never sent', async () => {
    const { client, socket } = await connected();
    const sentBefore = socket.sent.length;
    // 4,000 control characters: within the text limit, but JSON writes each as 6 bytes (24,000 > 16,384).
    const result = await client.command('session.post', { sessionId: summary.sessionId, text: '\u0001'.repeat(4000) });
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(error?.code).toBe('FRAME_TOO_LARGE');
    expect(error?.message).toMatch(/the gateway reads at most 16384/);
    expect(error?.details).toEqual({ bytes: expect.any(Number), limit: 16384 });
    expect((error?.details as { bytes: number }).bytes).toBeGreaterThan(24_000);
    await expect(client.post(summary.sessionId, '\u0001'.repeat(4000))).rejects.toMatchObject({ code: 'FRAME_TOO_LARGE' });
    expect(socket.sent.length).toBe(sentBefore);
    client.close();
  });

  it('issue 12: the size is counted in UTF-8 bytes: a frame just under the limit goes out', async () => {
    const { client, socket } = await connected();
    // 4,000 three-byte characters: 12,000 bytes of text, under 16,384 with the frame around it.
    const posted = client.post(summary.sessionId, '€'.repeat(4000));
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.post', text: '€'.repeat(4000) });
    socket.reply({ sessionId: summary.sessionId, seq: 121, duplicate: false, events: [] });
    await expect(posted).resolves.toMatchObject({ seq: 121 });
    expect(client.maxFrameBytes).toBe(16384);
    client.close();
  });

  it('issue 13 (short-lived tokens with refresh): a socket closed because its token expired (4403) reconnects with a fresh token when the token is a function; with a fixed token it stays closed', async () => {
    const tokens = ['first', 'second'];
    const renewing = new SwitchboardClient({ url: 'ws://gateway/ws', token: async () => tokens.shift()!, WebSocket: FakeSocket, requestTimeoutMs: 1000, reconnectMinDelayMs: 1, reconnectMaxDelayMs: 2 });
    await renewing.connect();
    const expired = FakeSocket.last!;
    expect(expired.url).toContain('token=first');
    const reconnected = new Promise<void>((resolve) => renewing.on('hello', () => resolve()));
    expired.onclose?.({ code: 4403, reason: 'token expired' });
    await reconnected;
    expect(FakeSocket.last!.url).toContain('token=second');
    renewing.close();

    const fixed = new SwitchboardClient({ url: 'ws://gateway/ws', token: 't', WebSocket: FakeSocket, requestTimeoutMs: 1000, reconnectMinDelayMs: 1 });
    await fixed.connect();
    const closed = new Promise<{ willReconnect: boolean }>((resolve) => fixed.on('disconnected', resolve));
    FakeSocket.last!.onclose?.({ code: 4403, reason: 'token expired' });
    expect((await closed).willReconnect).toBe(false);
  });
  it('issue 16: followBoard() answers the board and emits it; board.snapshot frames come as board events; after a reconnect the board is followed again', async () => {
    const board = { now: '2026-11-30T09:00:00.000Z', truncated: false, queues: [] };
    const client = new SwitchboardClient({ url: 'ws://gateway/ws', token: 't', WebSocket: FakeSocket, requestTimeoutMs: 1000, reconnectMinDelayMs: 1, reconnectMaxDelayMs: 2 });
    await client.connect();
    const seen: unknown[] = [];
    client.on('board', (b) => seen.push(b));
    const followed = client.followBoard();
    expect(FakeSocket.last!.sent.at(-1)).toMatchObject({ type: 'board.follow' });
    FakeSocket.last!.reply(board);
    await expect(followed).resolves.toEqual(board);
    const later = { ...board, now: '2026-11-30T09:00:01.000Z', queues: [{ queue: 'Network', waiting: [], chats: [], agents: [], totals: { waiting: 0, chats: 0, agents: 0, offers: 0, helpFlags: 0 } }] };
    FakeSocket.last!.push({ type: 'board.snapshot', ...later });
    expect(seen).toEqual([board, later]);
    // A new socket follows no board until told: the client asks again by itself.
    const reconnected = new Promise<void>((resolve) => client.on('hello', () => resolve()));
    const first = FakeSocket.last!;
    first.onclose?.({ code: 1006, reason: 'gone' });
    await reconnected;
    // Sent on the new socket without being asked (the test times out otherwise).
    const again = FakeSocket.last!;
    expect(again).not.toBe(first);
    await again.sentFrame('board.follow');
    client.close();
  });

  it('issue 18: a command that waits silenceTimeoutMs with no frame from the gateway drops the socket, reconnects and sends the command again with its clientId; a gateway that keeps talking keeps the socket', async () => {
    const client = new SwitchboardClient({ url: 'ws://gateway/ws', token: 't', WebSocket: FakeSocket, requestTimeoutMs: 5000, silenceTimeoutMs: 40, reconnectMinDelayMs: 1, reconnectMaxDelayMs: 2 });
    await client.connect();
    const talking = FakeSocket.last!;
    const disconnects: Array<{ code: number; willReconnect: boolean }> = [];
    client.on('disconnected', (d) => disconnects.push(d));
    // A live gateway: other frames keep arriving while the command waits.
    const answered = client.command('ping', {});
    // Twelve frames 10 ms apart: three silence windows, none of them silent.
    await new Promise<void>((resolve) => {
      let frames = 0;
      const chatter = setInterval(() => {
        talking.push({ type: 'session.queuePosition', sessionId: summary.sessionId, position: 1 });
        if (++frames === 12) {
          clearInterval(chatter);
          resolve();
        }
      }, 10);
    });
    talking.reply({ now: '2026-11-30T10:00:00.000Z' });
    await expect(answered).resolves.toMatchObject({ ok: true });
    expect({ disconnects, same: FakeSocket.last === talking }).toEqual({ disconnects: [], same: true });

    // A gateway cut off: nothing at all comes back.
    const reconnected = new Promise<void>((resolve) => client.on('hello', () => resolve()));
    const waiting = client.command('ping', {});
    const clientId = talking.sent.at(-1)!['clientId'];
    await reconnected;
    const fresh = FakeSocket.last!;
    expect(fresh).not.toBe(talking);
    expect(disconnects).toEqual([{ code: 4000, reason: 'no answer from the gateway', willReconnect: true }]);
    expect(fresh.sent.map((f) => f['clientId'])).toContain(clientId);
    fresh.push({ type: 'reply', clientId, command: 'ping', ok: true, data: { now: '2026-11-30T10:00:01.000Z' } });
    await expect(waiting).resolves.toMatchObject({ ok: true });
    client.close();
  });

  it('issue 14: acceptOffer() sends session.acceptOffer, answers like accept() and follows the chat from its version', async () => {
    const { client, socket } = await connected();
    const accepted = client.acceptOffer(summary.sessionId);
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.acceptOffer', sessionId: summary.sessionId });
    const detail = { ...summary, description: 'VPN down', createdAt: '2026-11-29T10:00:00.000Z', history: [], hasOlder: false };
    const customer = { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] };
    socket.reply({ session: detail, customer, resources: { outages: [], responseTemplates: [], knowledgeArticles: [] }, duplicate: false });
    await expect(accepted).resolves.toMatchObject({ session: { sessionId: summary.sessionId }, duplicate: false });
    expect(client.lastSeq(summary.sessionId)).toBe(120);
    client.close();
  });

  it('issue 14: declineOffer() sends the reason; a refusal (OFFER_NOT_FOUND) is thrown with its code', async () => {
    const { client, socket } = await connected();
    const declined = client.declineOffer(summary.sessionId, 'In a call');
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.declineOffer', sessionId: summary.sessionId, reason: 'In a call' });
    const command = socket.sent.at(-1)!;
    socket.push({ type: 'reply', clientId: command['clientId'], command: 'session.declineOffer', ok: false, error: { code: 'OFFER_NOT_FOUND', message: 'No offer of this chat waits for you.' } });
    await expect(declined).rejects.toEqual(new CommandError('OFFER_NOT_FOUND', 'No offer of this chat waits for you.'));
    client.close();
  });

  it('issue 14: declineReasons() answers the list; more than 20 reasons is a BAD_REPLY, not data', async () => {
    const { client, socket } = await connected();
    const reasons = client.declineReasons();
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.declineReasons' });
    socket.reply({ reasons: ['In a call', 'Wrong skills'] });
    await expect(reasons).resolves.toEqual(['In a call', 'Wrong skills']);
    const tooMany = client.declineReasons();
    socket.reply({ reasons: Array.from({ length: 21 }, (_, i) => `r${i}`) });
    await expect(tooMany).rejects.toMatchObject({ code: 'BAD_REPLY' });
    client.close();
  });
  it('issue 14: recordDisposition() sends session.disposition and answers the ack; DISPOSITION_NOT_OPEN is thrown with its code', async () => {
    const { client, socket } = await connected();
    const recorded = client.recordDisposition(summary.sessionId, 'Resolved');
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.disposition', sessionId: summary.sessionId, code: 'Resolved' });
    socket.reply({ sessionId: summary.sessionId, seq: 9, duplicate: false, events: [{ seq: 9, type: 'DispositionRecorded', at: '2026-11-30T08:00:00.000Z', sessionId: summary.sessionId, agentId: 'alice', code: 'Resolved' }] });
    await expect(recorded).resolves.toMatchObject({ seq: 9, events: [{ type: 'DispositionRecorded', code: 'Resolved' }] });
    const again = client.recordDisposition(summary.sessionId, 'Resolved');
    const command = socket.sent.at(-1)!;
    socket.push({ type: 'reply', clientId: command['clientId'], command: 'session.disposition', ok: false, error: { code: 'DISPOSITION_NOT_OPEN', message: 'The disposition of this chat is already recorded: Resolved.' } });
    await expect(again).rejects.toEqual(new CommandError('DISPOSITION_NOT_OPEN', 'The disposition of this chat is already recorded: Resolved.'));
    client.close();
  });

  it('issue 14: dispositionCodes() answers the list; more than 20 codes is a BAD_REPLY, not data', async () => {
    const { client, socket } = await connected();
    const codes = client.dispositionCodes();
    expect(socket.sent.at(-1)).toMatchObject({ type: 'session.dispositionCodes' });
    socket.reply({ codes: ['Resolved', 'Escalated'] });
    await expect(codes).resolves.toEqual(['Resolved', 'Escalated']);
    const tooMany = client.dispositionCodes();
    socket.reply({ codes: Array.from({ length: 21 }, (_, i) => `c${i}`) });
    await expect(tooMany).rejects.toMatchObject({ code: 'BAD_REPLY' });
    client.close();
  });
});
