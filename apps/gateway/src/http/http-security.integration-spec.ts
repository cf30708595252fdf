import { eventually, opsHeaders, testInfra } from '@switchboard/testing';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { RealtimeStack } from '../testing/realtime-stack';


/** Opens a socket with these headers; resolves with the HTTP refusal or the first frame. */
function handshake(url: string, headers: Record<string, string>): Promise<{ status: number; body: string } | { frame: Record<string, unknown>; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('message', (data) => resolve({ frame: JSON.parse(String(data)) as Record<string, unknown>, ws }));
    ws.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

/**
 * Issue 13 on the gateway as `npm start` runs it (an OS process, with its
 * HTTP set-up and its JSON logs): no credential in the logs, security
 * headers, the Origin check of the WebSocket upgrade, and operator endpoints
 * behind a token.
 */
describe('gateway HTTP security (issue 13)', () => {
  const stack = new RealtimeStack({ gatewayProcesses: 1, gatewayEnv: { ALLOWED_ORIGINS: 'https://console.example.test' } });
  let gateway: string;
  let adminToken: string;
  beforeAll(async () => {
    await stack.start();
    gateway = stack.gatewayProcesses[0]!.url;
    adminToken = await stack.login('admin', 'admin123', gateway);
  }, 120_000);
  afterAll(() => stack.stop());

  it('issue 13 item 1: bearer tokens, cookies and passwords never reach the logs (HTTP and WebSocket)', async () => {
    const proc = stack.gatewayProcesses[0]!;
    const agentToken = await stack.login('alice', 'agent123', gateway);
    const cookie = 'sid=cookie-secret-4f1d9a';
    const auth = { authorization: `Bearer ${adminToken}` };
    expect((await fetch(`${gateway}/api/auth/me`, { headers: { ...auth, cookie } })).status).toBe(200);
    expect((await fetch(`${gateway}/api/admin/agents`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${gateway}/api/admin/agents?token=${agentToken}`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${gateway}/api/admin/no-such-thing`, { headers: { authorization: `Bearer ${agentToken}` } })).status).toBeGreaterThanOrEqual(400);
    const wrong = await fetch(`${gateway}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ username: 'bob', password: 'not-bobs-password-93b2' }) });
    expect(wrong.status).toBe(401);
    const opened = await handshake(`${gateway.replace(/^http/, 'ws')}/ws?token=${agentToken}`, { authorization: `Bearer ${agentToken}`, cookie });
    expect(opened).toMatchObject({ frame: { type: 'hello' } });
    if ('ws' in opened) {
      opened.ws.send(JSON.stringify({ type: 'no.such.command', clientId: 'c-redaction-1', token: agentToken, password: 'p4ss-in-frame' }));
      await new Promise((r) => opened.ws.once('message', r));
      opened.ws.close();
    }
    // The request lines are there (so the scan below reads real entries), with the header censored.
    await eventually(() => expect(proc.logs.some((line) => line.includes('/api/admin/agents') && line.includes('"authorization":"[Redacted]"'))).toBe(true));
    const logs = proc.logs.join('\n');
    for (const secret of [adminToken, agentToken, adminToken.split('.')[2]!, agentToken.split('.')[2]!, 'cookie-secret-4f1d9a', 'admin123', 'agent123', 'not-bobs-password-93b2', 'p4ss-in-frame']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('issue 13 item 3: the round-trip diagnostics need an administrator and leave no document behind', async () => {
    expect((await fetch(`${gateway}/api/diagnostics/round-trip/chat-actor`)).status).toBe(401);
    const agentToken = await stack.login('alice', 'agent123', gateway);
    expect((await fetch(`${gateway}/api/diagnostics/round-trip/chat-actor`, { headers: { authorization: `Bearer ${agentToken}` } })).status).toBe(403);
    for (const service of ['gateway', 'chat-actor']) {
      const res = await fetch(`${gateway}/api/diagnostics/round-trip/${service}`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ service });
    }
    expect(await stack.db.collection('diagnostic_probes').countDocuments({})).toBe(0);
  });

  it('issue 13 item 4: every answer carries the security headers (CSP, no framing, nosniff, no referrer) and no X-Powered-By', async () => {
    for (const path of ['/api/auth/me', '/health/live', '/api/docs', '/api/admin/agents']) {
      const res = await fetch(`${gateway}${path}`);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('issue 13 item 4: the CSP allows exactly the inline scripts of the built consoles (Angular switches its stylesheet on with one)', async () => {
    const csp = (await fetch(`${gateway}/health/live`)).headers.get('content-security-policy') ?? '';
    for (const app of ['admin', 'agent', 'widget']) {
      const index = join(__dirname, `../../../../dist/apps/${app}/browser/index.html`);
      if (!existsSync(index)) continue; // no build: the browser tests of the consoles cover it when there is one
      for (const [, script] of readFileSync(index, 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)) {
        expect(csp).toContain(`'sha256-${createHash('sha256').update(script!).digest('base64')}'`);
      }
    }
  });

  it('issue 13 item 4: the WebSocket upgrade admits its own origin, configured origins and clients without Origin, and refuses others with ORIGIN_NOT_ALLOWED', async () => {
    const token = await stack.login('alice', 'agent123', gateway);
    const ws = `${gateway.replace(/^http/, 'ws')}/ws?token=${token}`;
    const own = new URL(gateway).origin;
    const admitted: Array<Record<string, string>> = [{}, { origin: own }, { origin: 'https://console.example.test' }];
    for (const headers of admitted) {
      const opened = await handshake(ws, headers);
      expect(opened).toMatchObject({ frame: { type: 'hello' } });
      if ('ws' in opened) opened.ws.close();
    }
    for (const origin of ['https://evil.example.test', 'null', `http://${new URL(gateway).hostname}:1`]) {
      const refused = await handshake(ws, { origin });
      expect(refused).toMatchObject({ status: 403 });
      if ('body' in refused) expect(JSON.parse(refused.body)).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    }
  });

  it('issue 13 item 9: liveness and readiness are public and show no address; process diagnostics need the ops token', async () => {
    const infra = testInfra();
    for (const path of ['/health/live', '/health/ready']) {
      const res = await fetch(`${gateway}${path}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const address of [new URL(infra.natsUrl).host, new URL(infra.mongoUri).host]) expect(text).not.toContain(address);
    }
    expect((await fetch(`${gateway}/diagnostics/process`)).status).toBe(401);
    // An administrator's token is not the ops token: process internals are for operators.
    expect((await fetch(`${gateway}/diagnostics/process`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(403);
    expect((await fetch(`${gateway}/diagnostics/process`, { headers: opsHeaders })).status).toBe(200);
  });

  it('issue 13 item 7: a NUL character in a frame (knowledge.search, session.post) is refused as BAD_FRAME naming it, never INTERNAL', async () => {
    const token = await stack.login('alice', 'agent123', gateway);
    const opened = await handshake(`${gateway.replace(/^http/, 'ws')}/ws?token=${token}`, {});
    if (!('ws' in opened)) throw new Error('no socket');
    const replies: Array<Record<string, unknown>> = [];
    opened.ws.on('message', (data) => replies.push(JSON.parse(String(data)) as Record<string, unknown>));
    opened.ws.send(JSON.stringify({ type: 'knowledge.search', clientId: 'nul-search-1', query: 'vpn\u0000' }));
    opened.ws.send(JSON.stringify({ type: 'session.post', clientId: 'nul-post-01', sessionId: 'p1-0123456789abcdef', text: 'hello\u0000world' }));
    await eventually(() => expect(replies.filter((f) => f['type'] === 'reply' && String(f['clientId']).startsWith('nul-'))).toHaveLength(2));
    for (const reply of replies.filter((f) => f['type'] === 'reply' && String(f['clientId']).startsWith('nul-'))) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_FRAME' } });
      expect((reply['error'] as { message: string }).message).toContain('must not contain the NUL character (U+0000)');
    }
    // The socket is still fine.
    opened.ws.send(JSON.stringify({ type: 'knowledge.search', clientId: 'nul-search-2', query: 'vpn' }));
    await eventually(() => expect(replies.find((f) => f['clientId'] === 'nul-search-2')).toMatchObject({ ok: true }));
    opened.ws.close();
  });
});
