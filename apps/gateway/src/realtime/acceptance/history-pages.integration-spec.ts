import type { SwitchboardClient } from '@switchboard/client';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, type SessionEventView } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

type Page = { events: Array<{ seq: number; type: string }>; hasOlder: boolean };

/**
 * History in pages, through the real gateway, chat-actor, NATS and database:
 * no reply carries a whole history; agents, end users and administrators
 * read a long chat page by page, back to its start (R3.3, R13, R17).
 */
describe('history in pages (session.history, bounded replies, admin history pages)', () => {
  // Posting a long chat quickly: no practical rate limit on these sockets.
  const stack = new RealtimeStack({ gatewayEnv: { WS_RATE_PER_SECOND: '100000', WS_RATE_BURST: '100000' } });
  let user: SwitchboardClient;
  let first: SwitchboardClient; // the agent who accepted first and wrote side notes
  let second: SwitchboardClient; // the agent it was transferred to
  let sessionId: string;
  /** Every event of the chat as the agents see it, by seq: 1..total. */
  let total: number;
  let adminToken: string;

  const SIDE_NOTES = 30;
  const USER_MESSAGES = 70;
  const AGENT_MESSAGES = 40;

  beforeAll(async () => {
    await stack.start();
    await stack.addEndUser('hp-user');
    await stack.addEndUser('hp-other');
    await stack.addAgent('ag-hp1', { queues: ['Network'] });
    await stack.addAgent('ag-hp2', { queues: ['Network'] });
    await stack.addAgent('ag-hp-outsider', { queues: ['Hardware'], companies: ['globex'] });
    user = await stack.client('hp-user');
    first = await stack.client('ag-hp1');
    second = await stack.client('ag-hp2');
    sessionId = (await user.startSession('VPN drops all the time', 'vpn')).session.sessionId;
    await eventually(async () => expect((await first.accept(sessionId)).session.status).toBe('ASSIGNED'));
    // Messages of both sides and side notes, interleaved: more than one page for everyone.
    for (let i = 0; i < USER_MESSAGES; i++) {
      await Promise.all([
        user.post(sessionId, `user message ${i + 1}`),
        i < AGENT_MESSAGES ? first.post(sessionId, `agent message ${i + 1}`) : undefined,
        i < SIDE_NOTES ? first.sideNote(sessionId, `side note ${i + 1}`) : undefined,
      ]);
    }
    total = 2 + USER_MESSAGES + AGENT_MESSAGES + SIDE_NOTES;
    adminToken = await stack.login('admin', 'admin123');
  }, 180_000);
  afterAll(() => stack.stop());

  /** Pages back from the newest to the start; each page oldest first and strictly older than the one before. */
  async function pageBack(read: (beforeSeq?: number) => Promise<Page>): Promise<{ seqs: number[]; pages: number }> {
    const seqs: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await read(before);
      pages++;
      const got = page.events.map((e) => e.seq);
      expect(got).toEqual([...got].sort((a, b) => a - b));
      if (before !== undefined) expect(got.every((s) => s < before!)).toBe(true);
      seqs.unshift(...got);
      if (!page.hasOlder) return { seqs, pages };
      before = got[0];
      expect(pages).toBeLessThan(100);
    }
  }

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('R3.3 R13 the agent who accepts a long chat gets its recent page, then pages back to the start, side notes of the earlier agent included', async () => {
    await first.transferToAgent(sessionId, 'ag-hp2', 'Knows the VPN setup');
    total += 2; // the side note that goes with the transfer, and TransferRequested
    const accepted = await second.accept(sessionId);
    total += 1; // SessionAssigned
    expect(accepted.session.version).toBe(total);
    expect(accepted.session.history.map((e) => e.seq)).toEqual(range(total - HISTORY_PAGE_DEFAULT + 1, total));
    expect(accepted.session.hasOlder).toBe(true);
    expect(accepted.session.ownerAgentName).toBe('Agent ag-hp2');

    const { seqs, pages } = await pageBack((beforeSeq) => second.history(sessionId, { ...(beforeSeq ? { beforeSeq } : {}), limit: 40 }));
    expect(seqs).toEqual(range(1, total));
    expect(pages).toBe(Math.ceil(total / 40));
    const all = await collect(second, total);
    expect(all.filter((e) => e.type === 'SideNoteAdded')).toHaveLength(SIDE_NOTES + 1);
    expect(all[0]).toMatchObject({ seq: 1, type: 'SessionStarted', description: 'VPN drops all the time' });
    expect(all.filter((e) => e.type === 'SideNoteAdded')[0]).toMatchObject({ text: 'side note 1', commandId: expect.any(String) });
  });

  it('R13 the end user reads the same chat page by page without any side note; pages are full, the default is HISTORY_PAGE_DEFAULT', async () => {
    const current = await user.currentSession();
    expect(current!.history).toHaveLength(HISTORY_PAGE_DEFAULT);
    expect(current!.hasOlder).toBe(true);
    expect(current!.ownerAgentName).toBe('Agent ag-hp2');
    const newest = await user.history(sessionId);
    expect(newest.events).toHaveLength(HISTORY_PAGE_DEFAULT);
    expect(newest.lastSeq).toBe(total);
    const { seqs } = await pageBack((beforeSeq) => user.history(sessionId, { ...(beforeSeq ? { beforeSeq } : {}), limit: HISTORY_PAGE_MAX }));
    const everything = await collect(second, total);
    const visible = everything.filter((e) => e.type !== 'SideNoteAdded').map((e) => e.seq);
    expect(seqs).toEqual(visible);
    const seen = await collect(user, total);
    expect(seen.some((e) => e.type === 'SideNoteAdded')).toBe(false);
    expect(seen.some((e) => 'commandId' in e)).toBe(false);
  });

  it('R12 session.resume answers at most a page, the most recent events, and says when more were missed', async () => {
    const missedMuch = await second.resume(sessionId, 3);
    expect(missedMuch.events.map((e) => e.seq)).toEqual(range(total - HISTORY_PAGE_MAX + 1, total));
    expect([missedMuch.hasOlder, missedMuch.lastSeq]).toEqual([true, total]);
    const missedLittle = await second.resume(sessionId, total - 5);
    expect(missedLittle.events.map((e) => e.seq)).toEqual(range(total - 4, total));
    expect(missedLittle.hasOlder).toBe(false);
    const endUser = await user.resume(sessionId, 0);
    expect(endUser.events).toHaveLength(HISTORY_PAGE_MAX);
    expect(endUser.events.some((e) => e.type === 'SideNoteAdded')).toBe(false);
    expect(endUser.hasOlder).toBe(true);
  });

  it('R17 administrators read the record\'s recent page and page back to the start, side notes included, over HTTP and WebSocket', async () => {
    const detail = await adminGet(`/api/admin/sessions/${sessionId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((e: { seq: number }) => e.seq)).toEqual(range(total - HISTORY_PAGE_DEFAULT + 1, total));
    expect(detail.body.hasOlder).toBe(true);

    const { seqs, pages } = await pageBack(async (beforeSeq) => {
      const answer = await adminGet(`/api/admin/sessions/${sessionId}/history?limit=30${beforeSeq ? `&beforeSeq=${beforeSeq}` : ''}`);
      expect(answer.status).toBe(200);
      expect(answer.body.lastSeq).toBe(total);
      return answer.body;
    });
    expect(seqs).toEqual(range(1, total));
    expect(pages).toBe(Math.ceil(total / 30));
    const oldest = await adminGet(`/api/admin/sessions/${sessionId}/history?beforeSeq=6`);
    expect(oldest.body.events.map((e: { type: string }) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', expect.any(String), expect.any(String), expect.any(String)]);
    expect(oldest.body.events[0]).toMatchObject({ seq: 1, by: { role: 'endUser', id: 'hp-user' } });

    const admin = await stack.client('admin');
    const overWs = await pageBack((beforeSeq) => admin.history(sessionId, { ...(beforeSeq ? { beforeSeq } : {}), limit: HISTORY_PAGE_MAX }));
    expect(overWs.seqs).toEqual(range(1, total));
  });

  it('page bounds are refused with a typed error: limit 0 or over HISTORY_PAGE_MAX, beforeSeq 0', async () => {
    const codes = await Promise.all(
      [{ limit: 0 }, { limit: HISTORY_PAGE_MAX + 1 }, { beforeSeq: 0 }, { limit: 1.5 }].map(async (bounds) => {
        const r = await second.command('session.history', { sessionId, ...bounds });
        return r.ok ? 'ok' : r.error.code;
      }),
    );
    expect(codes).toEqual(['BAD_FRAME', 'BAD_FRAME', 'BAD_FRAME', 'BAD_FRAME']);
    const exact = await second.command('session.history', { sessionId, limit: HISTORY_PAGE_MAX });
    expect(exact.ok && exact.data.events.length).toBe(HISTORY_PAGE_MAX);
    for (const query of ['limit=0', `limit=${HISTORY_PAGE_MAX + 1}`, 'beforeSeq=0', 'limit=abc', 'other=1']) {
      const answer = await adminGet(`/api/admin/sessions/${sessionId}/history?${query}`);
      expect([query, answer.status, answer.body.code]).toEqual([query, 400, 'VALIDATION']);
    }
    const beyond = await second.history(sessionId, { beforeSeq: total + 1000, limit: 3 });
    expect(beyond.events.map((e) => e.seq)).toEqual(range(total - 2, total));
  });

  it('R19 a principal who may not see the chat is refused: FORBIDDEN, SESSION_NOT_FOUND for none; the admin history is for administrators', async () => {
    const other = await stack.client('hp-other');
    const outsider = await stack.client('ag-hp-outsider');
    const code = async (client: SwitchboardClient, id: string) => {
      const r = await client.command('session.history', { sessionId: id });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(other, sessionId)).toBe('FORBIDDEN');
    expect(await code(outsider, sessionId)).toBe('FORBIDDEN');
    expect(await code(first, sessionId)).toBe('ok'); // a former holder may read what it held
    const unknown = `${sessionId.split('-')[0]}-00000000-0000-0000-0000-000000000000`;
    expect(await code(user, unknown)).toBe('SESSION_NOT_FOUND');
    const admin = await stack.client('admin');
    expect(await code(admin, unknown)).toBe('SESSION_NOT_FOUND');
    expect((await adminGet(`/api/admin/sessions/${unknown}/history`)).status).toBe(404);
    const agentToken = await stack.login('ag-hp2', 'agent123');
    expect((await adminGet(`/api/admin/sessions/${sessionId}/history`, agentToken)).status).toBe(403);
    expect((await adminGet(`/api/admin/sessions/${sessionId}/history`, '')).status).toBe(401);
  });

  /** Every event a viewer may see, by pages. */
  async function collect(client: SwitchboardClient, newest: number): Promise<SessionEventView[]> {
    const events: SessionEventView[] = [];
    let before = newest + 1;
    for (;;) {
      const page = await client.history(sessionId, { beforeSeq: before, limit: HISTORY_PAGE_MAX });
      events.unshift(...page.events);
      if (!page.hasOlder) return events;
      before = page.events[0]!.seq;
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function adminGet(path: string, token = adminToken): Promise<{ status: number; body: any }> {
    const res = await fetch(`${stack.urls[0]}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
});
