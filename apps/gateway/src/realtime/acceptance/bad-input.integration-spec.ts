import { eventually } from '@switchboard/testing';
import { SignJWT } from 'jose';
import { DEVELOPMENT_TOKEN_SECRET } from '../../identity/identity.config';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { RealtimeStack } from '../../testing/realtime-stack';
import { openRawSocket } from './raw-socket';

/** Malformed, oversized, unknown and out-of-order frames, size and rate limits, unauthorized handshakes. */
describe('bad input on the WebSocket endpoint', () => {
  const stack = new RealtimeStack();
  let floodUrl: string;
  beforeAll(async () => {
    await stack.start();
    // A gateway without a practical rate limit, so every bad frame gets its own typed answer.
    const unlimited = await stack.startGateway({ WS_RATE_PER_SECOND: '1000000', WS_RATE_BURST: '1000000' });
    stack.gateways.push(unlimited);
    floodUrl = unlimited.url.replace(/^http/, 'ws');
  }, 120_000);
  afterAll(() => stack.stop());

  const wsUrl = async (username: string, base: string) => `${base}/ws?token=${await stack.login(username, username === 'alice' ? 'agent123' : 'user123', base.replace(/^ws/, 'http'))}`;

  it('R19 thousands of malformed, unknown, oversized and out-of-order frames: each gets a typed error, the connection and the process survive, nothing changes', async () => {
    await stack.addEndUser('bad-user');
    const agent = await openRawSocket(await wsUrl('alice', floodUrl));
    const user = await openRawSocket(await wsUrl('bad-user', floodUrl));
    // A real session of someone else, and one that is closed, for out-of-order commands.
    const other = await stack.client('frank');
    const othersSession = (await other.startSession('someone else', 'vpn')).session.sessionId;
    const closedUser = await stack.client('grace');
    const closed = (await closedUser.startSession('closed', 'vpn')).session.sessionId;
    await closedUser.cancel(closed);
    const before = await Promise.all(['chat_sessions', 'chat_session_commits'].map((c) => stack.db.collection(c).countDocuments()));

    const cid = () => `bad-${randomBytes(6).toString('hex')}`;
    const generators: Array<() => string | Buffer> = [
      () => '{not json',
      () => '',
      () => 'null',
      () => '42',
      () => '[{"type":"ping"}]',
      () => JSON.stringify({ type: 'ping' }),
      () => JSON.stringify({ type: 'ping', clientId: 'x' }),
      () => JSON.stringify({ type: 'ping', clientId: 'bad id with spaces' }),
      () => JSON.stringify({ clientId: cid() }),
      () => JSON.stringify({ type: 42, clientId: cid() }),
      () => JSON.stringify({ type: 'session.destroy', clientId: cid() }),
      () => JSON.stringify({ type: '__proto__', clientId: cid() }),
      () => JSON.stringify({ type: 'constructor', clientId: cid() }),
      () => JSON.stringify({ type: 'session.post', clientId: cid() }),
      () => JSON.stringify({ type: 'session.post', clientId: cid(), sessionId: 'not-a-session', text: 'x' }),
      () => JSON.stringify({ type: 'session.post', clientId: cid(), sessionId: othersSession, text: '' }),
      () => JSON.stringify({ type: 'session.post', clientId: cid(), sessionId: othersSession, text: 'x'.repeat(4001) }),
      () => JSON.stringify({ type: 'session.start', clientId: cid(), description: 'x', actor: { role: 'admin', id: 'x' } }),
      () => JSON.stringify({ type: 'session.resume', clientId: cid(), sessionId: othersSession, afterSeq: -1 }),
      () => JSON.stringify({ type: 'session.resume', clientId: cid(), sessionId: othersSession, afterSeq: 'zero' }),
      () => `{"type":"ping","clientId":"${cid()}","nested":${'['.repeat(500)}${']'.repeat(500)}}`,
      () => JSON.stringify({ type: 'ping', clientId: cid(), pad: 'x'.repeat(20_000) }),
      () => randomBytes(64),
      () => randomBytes(32).toString('latin1'),
      // Out of order: real commands that do not apply now.
      () => JSON.stringify({ type: 'session.post', clientId: cid(), sessionId: othersSession, text: 'not my session' }),
      () => JSON.stringify({ type: 'session.cancel', clientId: cid(), sessionId: othersSession }),
      () => JSON.stringify({ type: 'session.cancel', clientId: cid(), sessionId: closed }),
      () => JSON.stringify({ type: 'session.post', clientId: cid(), sessionId: `${othersSession.split('-')[0]}-nosuchsession0001`, text: 'x' }),
      () => JSON.stringify({ type: 'session.accept', clientId: cid(), sessionId: othersSession }),
    ];
    const agentGenerators: Array<() => string> = [
      () => JSON.stringify({ type: 'session.end', clientId: cid(), sessionId: othersSession }),
      () => JSON.stringify({ type: 'session.release', clientId: cid(), sessionId: othersSession }),
      () => JSON.stringify({ type: 'session.transferToAgent', clientId: cid(), sessionId: othersSession, targetAgentId: 'bob' }),
      () => JSON.stringify({ type: 'session.accept', clientId: cid(), sessionId: closed }),
      () => JSON.stringify({ type: 'session.sideNote', clientId: cid(), sessionId: closed, text: 'late' }),
      () => JSON.stringify({ type: 'session.start', clientId: cid(), description: 'agents do not start chats' }),
    ];
    const TOTAL = 3000;
    const agentStart = agent.frames.length;
    const userStart = user.frames.length;
    let toUser = 0;
    let toAgent = 0;
    for (let i = 0; i < TOTAL; i++) {
      if (i % 5 === 4) {
        agent.ws.send(agentGenerators[i % agentGenerators.length]!());
        toAgent++;
      } else {
        const frame = generators[i % generators.length]!();
        user.ws.send(frame, { binary: Buffer.isBuffer(frame) });
        toUser++;
      }
    }
    await eventually(() => expect(user.frames.length - userStart).toBe(toUser), { timeoutMs: 60_000 });
    const answersOf = (frames: Array<Record<string, unknown>>) => frames.filter((f) => f['type'] === 'reply' || f['type'] === 'error');
    await eventually(() => expect(answersOf(agent.frames.slice(agentStart))).toHaveLength(toAgent), { timeoutMs: 60_000 });

    const answers = [...user.frames.slice(userStart), ...answersOf(agent.frames.slice(agentStart))];
    expect(answers).toHaveLength(TOTAL);
    const codes = new Set<string>();
    for (const frame of answers) {
      const error = (frame['type'] === 'reply' ? (frame['ok'] === false ? frame['error'] : undefined) : frame['error']) as { code: string; message: string } | undefined;
      expect(error).toEqual({ code: expect.any(String), message: expect.any(String), ...(error && 'details' in error ? { details: expect.anything() } : {}) });
      codes.add(error!.code);
    }
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['BAD_FRAME', 'FORBIDDEN', 'FRAME_TOO_LARGE', 'UNKNOWN_COMMAND', 'SESSION_NOT_FOUND']),
    );
    expect(codes.has('INTERNAL')).toBe(false);

    // Still connected and served; the process is fine; no session or commit was written.
    const ping = JSON.stringify({ type: 'ping', clientId: 'after-the-storm' });
    user.ws.send(ping);
    await eventually(() => expect(user.frames.some((f) => f['clientId'] === 'after-the-storm' && f['ok'] === true)).toBe(true));
    expect(user.ws.readyState).toBe(WebSocket.OPEN);
    expect((await fetch(`${stack.urls[1]}/health/live`)).status).toBe(200);
    const after = await Promise.all(['chat_sessions', 'chat_session_commits'].map((c) => stack.db.collection(c).countDocuments()));
    expect(after).toEqual(before);
    expect((await other.resume(othersSession, 0)).events.map((e) => e.type)).toEqual(['SessionStarted']);
    agent.ws.close();
    user.ws.close();
    other.close();
    closedUser.close();
  }, 120_000);

  it('a frame over the size limit gets FRAME_TOO_LARGE and the socket stays; over the hard cap the socket is closed with 1009', async () => {
    const base = stack.urls[0]!.replace(/^http/, 'ws');
    const socket = await openRawSocket(await wsUrl('erin', base));
    const hello = socket.frames[0] as { limits: { maxFrameBytes: number } };
    socket.ws.send(JSON.stringify({ type: 'ping', clientId: 'toolarge1', pad: 'x'.repeat(hello.limits.maxFrameBytes) }));
    await eventually(() => expect(socket.frames.some((f) => (f['error'] as { code?: string })?.code === 'FRAME_TOO_LARGE')).toBe(true));
    socket.ws.send(JSON.stringify({ type: 'ping', clientId: 'still-fine' }));
    await eventually(() => expect(socket.frames.some((f) => f['clientId'] === 'still-fine' && f['ok'] === true)).toBe(true));
    socket.ws.send('x'.repeat(1024 * 1024 + 1));
    expect((await socket.closed).code).toBe(1009);
  });

  it('a flood over the rate limit is refused with RATE_LIMITED, then disconnected with 4429 if it goes on', async () => {
    const base = stack.urls[0]!.replace(/^http/, 'ws');
    const socket = await openRawSocket(await wsUrl('erin', base));
    const hello = socket.frames[0] as { limits: { burst: number; ratePerSecond: number } };
    for (let i = 0; i < 100; i++) socket.ws.send(JSON.stringify({ type: 'ping', clientId: `flood-${String(i).padStart(4, '0')}` }));
    await eventually(() => expect(socket.frames.filter((f) => f['type'] === 'reply')).toHaveLength(100));
    const replies = socket.frames.filter((f) => f['type'] === 'reply');
    const ok = replies.filter((f) => f['ok'] === true).length;
    const limited = replies.filter((f) => (f['error'] as { code?: string })?.code === 'RATE_LIMITED').length;
    expect(ok + limited).toBe(100);
    expect(ok).toBeGreaterThanOrEqual(hello.limits.burst);
    expect(ok).toBeLessThan(hello.limits.burst + 30);
    // Keeps flooding: disconnected.
    for (let i = 0; i < 400; i++) socket.ws.send('{}');
    expect((await socket.closed).code).toBe(4429);
    // Others are not affected.
    const fine = await stack.client('erin');
    expect((await fine.command('ping', {})).ok).toBe(true);
  });

  it('R19 a handshake without a valid token is refused: UNAUTHORIZED, closed with 4401', async () => {
    const base = stack.urls[0]!.replace(/^http/, 'ws');
    for (const url of [`${base}/ws`, `${base}/ws?token=garbage`, `${base}/ws?token=${'a'.repeat(5000)}`]) {
      const ws = new WebSocket(url);
      const frames: string[] = [];
      ws.on('message', (d) => frames.push(String(d)));
      const code = await new Promise<number>((r) => ws.on('close', (c) => r(c)));
      expect(code).toBe(4401);
      expect(JSON.parse(frames[0]!)).toMatchObject({ type: 'error', error: { code: 'UNAUTHORIZED' } });
    }
    // A command sent at once, before hello, is kept and answered after the token check.
    const eager = new WebSocket(await wsUrl('erin', base));
    const eagerFrames: Array<Record<string, unknown>> = [];
    eager.on('message', (d) => eagerFrames.push(JSON.parse(String(d))));
    eager.on('open', () => eager.send(JSON.stringify({ type: 'ping', clientId: 'before-hello' })));
    await eventually(() => expect(eagerFrames.map((f) => f['type'])).toEqual(['hello', 'reply']));
    expect(eagerFrames[1]).toMatchObject({ clientId: 'before-hello', ok: true });
    eager.close();
    const elsewhere = new WebSocket(`${base}/not-ws`);
    const error = await new Promise<Error>((r) => elsewhere.on('error', r));
    expect(error.message).toContain('404');
  });

  it('a socket whose token expires is closed with 4403; a socket that stops answering pings is dropped', async () => {
    const quick = await stack.startGateway({ WS_HEARTBEAT_MS: '300' });
    stack.gateways.push(quick);
    const base = quick.url.replace(/^http/, 'ws');
    const shortLived = await new SignJWT({ role: 'endUser', name: 'Erin User' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('erin')
      .setIssuer('switchboard')
      .setAudience('switchboard')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode(DEVELOPMENT_TOKEN_SECRET));
    const expiring = await openRawSocket(`${base}/ws?token=${shortLived}`);
    expect(expiring.frames[0]).toMatchObject({ type: 'hello' });
    expect((await expiring.closed).code).toBe(4403);

    const silent = new WebSocket(await wsUrl('erin', base), { autoPong: false });
    const closedAt = new Promise<number>((r) => silent.on('close', () => r(Date.now())));
    const openedAt = await new Promise<number>((r) => silent.on('open', () => r(Date.now())));
    expect((await closedAt) - openedAt).toBeLessThan(3000);
  });
});
