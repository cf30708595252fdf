import type { SwitchboardClient } from '@switchboard/client';
import type { CommandPayload, CommandType } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/**
 * R19 authorization matrix: every session command x role x ownership case
 * answers as the rules say (`ok`, `FORBIDDEN`, or the session's own refusal),
 * and no event of a session reaches a socket that may not see it.
 */
describe('authorization matrix and event visibility', () => {
  const stack = new RealtimeStack({ settings: { companyFilter: true } });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  let n = 0;
  type Case = 'own' | 'otherOwner' | 'myQueueTab' | 'otherQueue' | 'otherCompany';
  let me: SwitchboardClient; // agent: Network, acme
  let colleague: SwitchboardClient; // agent: Network, acme
  let meId: string;
  let colleagueId: string;

  beforeAll(async () => {
    meId = 'ag-me';
    colleagueId = 'ag-colleague';
    await stack.addAgent(meId, { queues: ['Network'], companies: ['acme'] });
    await stack.addAgent(colleagueId, { queues: ['Network'], companies: ['acme'] });
    me = await stack.client(meId);
    colleague = await stack.client(colleagueId);
  });

  /** A fresh session in the situation `c` as seen from agent `me`. */
  async function sessionFor(c: Case): Promise<{ id: string; user: SwitchboardClient }> {
    const userId = `az-user${++n}`;
    await stack.addEndUser(userId, { companyId: c === 'otherCompany' ? 'globex' : 'acme' });
    const user = await stack.client(userId);
    const topic = c === 'otherQueue' ? 'laptop' : 'vpn';
    const id = (await user.startSession(`case ${c}`, topic)).session.sessionId;
    if (c === 'own') await me.accept(id);
    if (c === 'otherOwner') await colleague.accept(id);
    // The gateway's view of the session must have caught up before the command (it decides FORBIDDEN from it).
    await eventually(async () => expect((await user.resume(id, 0)).session.status).toBe(c === 'own' || c === 'otherOwner' ? 'ASSIGNED' : 'QUEUED'));
    return { id, user };
  }

  const agentCommands: Array<[CommandType, (sessionId: string) => CommandPayload<CommandType>]> = [
    ['session.accept', (sessionId) => ({ sessionId })],
    ['session.post', (sessionId) => ({ sessionId, text: 'hello' })],
    ['session.sideNote', (sessionId) => ({ sessionId, text: 'note' })],
    ['session.transferTargets', (sessionId) => ({ sessionId })],
    ['session.transferToAgent', (sessionId) => ({ sessionId, targetAgentId: 'ag-colleague' })],
    ['session.transferToQueue', (sessionId) => ({ sessionId, queue: 'Hardware' })],
    ['session.release', (sessionId) => ({ sessionId })],
    ['session.end', (sessionId) => ({ sessionId })],
    ['session.abandon', (sessionId) => ({ sessionId })],
    ['session.createTicket', (sessionId) => ({ sessionId, summary: 'ticket' })],
    ['session.requestControl', (sessionId) => ({ sessionId, assetId: `${'x'}` })],
    ['session.customerInfo', (sessionId) => ({ sessionId })],
    ['session.resources', (sessionId) => ({ sessionId })],
    ['session.resume', (sessionId) => ({ sessionId, afterSeq: 0 })],
  ];

  /** What the rules say for agent `me`: R3/R3.4 accept, R19 owner only, R2 visibility, R15 owner only. */
  const expected: Record<Case, Partial<Record<CommandType, string>>> = {
    own: {
      'session.accept': 'ALREADY_TAKEN',
      'session.post': 'ok',
      'session.sideNote': 'ok',
      'session.transferTargets': 'ok',
      'session.transferToAgent': 'ok',
      'session.transferToQueue': 'ok',
      'session.release': 'ok',
      'session.end': 'ok',
      'session.abandon': 'ok',
      'session.createTicket': 'ok',
      'session.requestControl': 'ASSET_NOT_FOUND',
      'session.customerInfo': 'ok',
      'session.resources': 'ok',
      'session.resume': 'ok',
    },
    // Same queue, another agent owns it: only the race answer of R3.4 differs from FORBIDDEN.
    otherOwner: { 'session.accept': 'ALREADY_TAKEN' },
    // Listed in my Queue tab: I may accept and read it; only the owner acts (there is none yet).
    myQueueTab: {
      'session.accept': 'ok',
      'session.post': 'NOT_OWNER',
      'session.sideNote': 'NOT_OWNER',
      'session.transferTargets': 'NOT_OWNER',
      'session.transferToAgent': 'NOT_OWNER',
      'session.transferToQueue': 'NOT_OWNER',
      'session.release': 'NOT_OWNER',
      'session.end': 'NOT_OWNER',
      'session.abandon': 'NOT_OWNER',
      'session.createTicket': 'NOT_OWNER',
      'session.requestControl': 'NOT_OWNER',
      'session.resume': 'ok',
    },
    otherQueue: {},
    otherCompany: {},
  };

  const cases: Case[] = ['own', 'otherOwner', 'myQueueTab', 'otherQueue', 'otherCompany'];
  for (const c of cases) {
    it(`R19 agent x ${c}: every session command answers as the rules say`, async () => {
      const actual: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const [command, payload] of agentCommands) {
        // A fresh session per command: allowed commands change it.
        const { id } = await sessionFor(c);
        const result = await me.command(command, payload(id));
        actual[command] = result.ok ? 'ok' : result.error.code;
        want[command] = expected[c][command] ?? 'FORBIDDEN';
      }
      expect(actual).toEqual(want);
    });
  }

  it('R19 end user x own / other user\'s session; agent-only commands', async () => {
    const { id: own, user } = await sessionFor('myQueueTab');
    const { id: other } = await sessionFor('myQueueTab');
    const codes = async (sessionId: string) => {
      const results = await Promise.all([
        user.command('session.post', { sessionId, text: 'hi' }),
        user.command('session.resume', { sessionId, afterSeq: 0 }),
      ]);
      const cancel = await user.command('session.cancel', { sessionId });
      return [...results, cancel].map((r) => (r.ok ? 'ok' : r.error.code));
    };
    expect(await codes(other)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await codes(own)).toEqual(['ok', 'ok', 'ok']);
    for (const [command, payload] of agentCommands.filter(([c]) => c !== 'session.resume' && c !== 'session.post')) {
      const r = await user.command(command, payload(own));
      expect([command, r.ok ? 'ok' : r.error.code]).toEqual([command, 'FORBIDDEN']);
    }
    for (const command of ['agent.lists', 'presence.set', 'knowledge.search'] as const) {
      const r = await user.command(command, (command === 'presence.set' ? { presence: 'online' } : command === 'knowledge.search' ? { query: 'x' } : {}) as never);
      expect([command, r.ok ? 'ok' : r.error.code]).toEqual([command, 'FORBIDDEN']);
    }
  });

  it('R19 R17 administrator: may inspect any session (and then follows it); may not act as end user or agent over WebSocket', async () => {
    const admin = await stack.client('admin');
    const { id, user } = await sessionFor('own');
    const resumed = await admin.resume(id, 0);
    expect(resumed.events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned']);
    const seen: string[] = [];
    admin.on('session.event', (f) => seen.push(f.event.type));
    await me.sideNote(id, 'admin sees notes');
    await eventually(() => expect(seen).toContain('SideNoteAdded'));
    for (const [command, payload] of agentCommands.filter(([c]) => c !== 'session.resume')) {
      const r = await admin.command(command, payload(id));
      expect([command, r.ok ? 'ok' : r.error.code]).toEqual([command, 'FORBIDDEN']);
    }
    const start = await admin.command('session.start', { description: 'x' });
    expect(start.ok ? 'ok' : start.error.code).toBe('FORBIDDEN');
    await user.cancel(id);
    await me.end(id);
  });

  it('R19 R13 no event of a session reaches a socket that may not see it', async () => {
    // Bystanders: another end user, an agent of another queue, an agent of another company, a same-queue colleague.
    await stack.addEndUser('az-bystander');
    await stack.addAgent('ag-hardware', { queues: ['Hardware'], companies: ['acme'] });
    await stack.addAgent('ag-globex', { queues: ['Network'], companies: ['globex'] });
    const sockets = {
      otherUser: await stack.client('az-bystander'),
      otherQueue: await stack.client('ag-hardware'),
      otherCompany: await stack.client('ag-globex'),
      colleague,
      me,
    };
    const frames: Record<string, Array<{ type: string; body: string }>> = {};
    for (const [name, client] of Object.entries(sockets)) {
      frames[name] = [];
      client.on('session.event', (f) => frames[name]!.push({ type: `event:${f.event.type}`, body: JSON.stringify(f) }));
      client.on('lists.changed', (f) => frames[name]!.push({ type: 'lists', body: JSON.stringify(f) }));
      client.on('lists.snapshot', (f) => frames[name]!.push({ type: 'snapshot', body: JSON.stringify(f) }));
    }
    const { id, user } = await sessionFor('myQueueTab');
    const userFrames: string[] = [];
    user.on('session.event', (f) => userFrames.push(JSON.stringify(f)));
    await me.accept(id);
    await user.post(id, 'secret-ish message');
    await me.sideNote(id, 'SIDE-NOTE-TEXT');
    await me.transferToAgent(id, colleagueId, 'TRANSFER-NOTE');
    await colleague.accept(id);
    await colleague.post(id, 'colleague here');
    await colleague.end(id);
    await eventually(() => expect(frames['colleague']!.some((f) => f.type === 'event:SessionClosed')).toBe(true));
    // The close reached the colleague: anything for the others would have been sent by now; none comes for a while either.
    await consistently(
      () => {
        for (const name of ['otherUser', 'otherQueue', 'otherCompany']) {
          expect([name, frames[name]!.filter((f) => f.body.includes(id))]).toEqual([name, []]);
        }
      },
      { forMs: 500 },
    );
    // The end user: every event but side notes, never a side note's text.
    expect(userFrames.join()).not.toContain('SIDE-NOTE-TEXT');
    expect(userFrames.join()).not.toContain('TRANSFER-NOTE');
    expect(userFrames.join()).not.toContain('SideNoteAdded');
    // `me` held it until the transfer: its events stop at the transfer that removed it.
    const mine = frames['me']!.filter((f) => f.type.startsWith('event:') && f.body.includes(id));
    expect(mine[mine.length - 1]!.type).toBe('event:TransferRequested');
    expect(mine.map((f) => f.body).join()).not.toContain('colleague here');
    // The colleague sees it from the transfer on, never what came before.
    const theirs = frames['colleague']!.filter((f) => f.type.startsWith('event:') && f.body.includes(id));
    expect(theirs.map((f) => f.type)).toEqual(expect.arrayContaining(['event:TransferRequested', 'event:SessionClosed']));
    expect(theirs.map((f) => f.body).join()).not.toContain('secret-ish message');
  });
});
