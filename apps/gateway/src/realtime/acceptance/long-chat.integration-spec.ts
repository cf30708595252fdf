import { CommandError, type SwitchboardClient } from '@switchboard/client';
import { HISTORY_PAGE_MAX, MAX_TEXT } from '@switchboard/contracts';
import { SESSION_LIMITS } from '@switchboard/domain';
import { RealtimeStack } from '../../testing/realtime-stack';

const POSTS = 5000;
const IN_FLIGHT = 8;

/**
 * An end user and an agent post 5,000 messages of the maximum size into one
 * chat through the gateway: every post is answered (accepted, or SESSION_FULL
 * past the documented limit), no process exits, everyone can still read the
 * chat page by page, and an administrator can still force-close it (R17).
 * Before, about 85 such messages made a chat-actor reply pass NATS's payload
 * limit and ended the process.
 */
describe('a chat posted past its maximum length, through the gateway', () => {
  // Posting quickly: no practical rate limit on these sockets.
  const stack = new RealtimeStack({ gatewayEnv: { WS_RATE_PER_SECOND: '100000', WS_RATE_BURST: '100000' } });
  let user: SwitchboardClient;
  let agent: SwitchboardClient;
  let sessionId: string;
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    await stack.start();
    await stack.addEndUser('lc-user');
    await stack.addAgent('ag-lc', { queues: ['Network'] });
    user = await stack.client('lc-user');
    agent = await stack.client('ag-lc');
    sessionId = (await user.startSession('VPN drops all the time', 'vpn')).session.sessionId;
    expect((await agent.accept(sessionId)).session.status).toBe('ASSIGNED');

    const text = 'y'.repeat(MAX_TEXT);
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < POSTS; i = next++) {
          const code = await (i % 2 === 0 ? user : agent).post(sessionId, text).then(
            () => 'ok',
            (error: unknown) => (error instanceof CommandError ? error.code : `thrown: ${String(error)}`),
          );
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        }
      }),
    );
  }, 900_000);
  afterAll(() => stack.stop());

  it('session limits: every post is answered, accepted up to the limit and SESSION_FULL after it; every process is still running', () => {
    // The start and the accept are the chat's first two events.
    const room = SESSION_LIMITS.maxConversationEvents - 2;
    expect(Object.fromEntries(outcomes)).toEqual({ ok: room, SESSION_FULL: POSTS - room });
    expect(stack.processes.every((p) => p.alive())).toBe(true);
  });

  it('R13 the end user and the agent still read the full chat page by page, newest first', async () => {
    for (const reader of [user, agent]) {
      const newest = await reader.history(sessionId, { limit: HISTORY_PAGE_MAX });
      expect(newest.events).toHaveLength(HISTORY_PAGE_MAX);
      expect(newest.events.at(-1)!.seq).toBe(SESSION_LIMITS.maxConversationEvents);
      expect(newest.hasOlder).toBe(true);
      const older = await reader.history(sessionId, { beforeSeq: newest.events[0]!.seq, limit: HISTORY_PAGE_MAX });
      expect(older.events.at(-1)!.seq).toBe(newest.events[0]!.seq - 1);
    }
    const first = await agent.history(sessionId, { beforeSeq: 3 });
    expect(first.events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned']);
    expect(first.hasOlder).toBe(false);
  });

  it('R17 force-close: the administrator reads the record by pages and force-closes the full chat', async () => {
    const token = await stack.login('admin', 'admin123');
    const get = async (path: string) => {
      const response = await fetch(`${stack.urls[0]}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as { hasOlder: boolean; status: string; events: Array<{ seq: number }> } };
    };
    const detail = await get(`/api/admin/sessions/${sessionId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.hasOlder).toBe(true);
    const page = await get(`/api/admin/sessions/${sessionId}/history?beforeSeq=101&limit=100`);
    expect(page.body.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    const closed = await fetch(`${stack.urls[0]}/api/admin/sessions/${sessionId}/force-close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'closed at its maximum length' }),
    });
    expect(closed.status).toBeLessThan(300);
    expect((await get(`/api/admin/sessions/${sessionId}`)).body.status).toBe('CLOSED');
  });
});
