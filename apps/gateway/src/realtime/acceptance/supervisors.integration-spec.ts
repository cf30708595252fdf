import type { SwitchboardClient } from '@switchboard/client';
import type { CommandPayload, CommandType } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/**
 * Issue 16, supervisors: the authorization matrix's supervisor rows (each
 * supervisor command x a chat of a queue they supervise / of another queue /
 * an agent who supervises nothing), take-over exactly once under a race,
 * whispers and silent monitoring that never reach the end user, and no
 * event of a chat at a socket outside it.
 */
describe('supervisors: monitor, whisper, take over', () => {
  const stack = new RealtimeStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  let n = 0;
  let owner: SwitchboardClient; // agent of Network and Hardware
  let sup: SwitchboardClient; // supervises Network
  let sup2: SwitchboardClient; // supervises Network
  let hwSup: SwitchboardClient; // supervises Hardware only
  let plain: SwitchboardClient; // agent of Network, supervises nothing

  beforeAll(async () => {
    await stack.addAgent('ag-owner', { queues: ['Network', 'Hardware'] });
    await stack.addAgent('ag-sup', { queues: [], supervisedQueues: ['Network'], name: 'Sue Supervisor' });
    await stack.addAgent('ag-sup2', { queues: [], supervisedQueues: ['Network'], name: 'Stan Supervisor' });
    await stack.addAgent('ag-hwsup', { queues: [], supervisedQueues: ['Hardware'] });
    await stack.addAgent('ag-plain', { queues: ['Network'] });
    [owner, sup, sup2, hwSup, plain] = await Promise.all(['ag-owner', 'ag-sup', 'ag-sup2', 'ag-hwsup', 'ag-plain'].map((id) => stack.client(id)));
  });

  /** A chat of `queue` (through its topic) that the owner accepted, with its end user. */
  async function ownedChat(queue: 'Network' | 'Hardware' = 'Network'): Promise<{ id: string; user: SwitchboardClient }> {
    const userId = `sv-user${++n}`;
    await stack.addEndUser(userId);
    const user = await stack.client(userId);
    const id = (await user.startSession(`chat ${n}`, queue === 'Network' ? 'vpn' : 'laptop')).session.sessionId;
    await owner.accept(id);
    await eventually(async () => expect((await user.resume(id, 0)).session.ownerAgentId).toBe('ag-owner'));
    return { id, user };
  }

  const supervisorCommands: Array<[CommandType, (sessionId: string) => CommandPayload<CommandType>]> = [
    ['session.monitor', (sessionId) => ({ sessionId })],
    ['session.whisper', (sessionId) => ({ sessionId, text: 'psst' })],
    ['session.takeOver', (sessionId) => ({ sessionId, fromAgentId: 'ag-owner' })],
    // What stays the owner's: a supervisor who only watches does not write to the end user.
    ['session.post', (sessionId) => ({ sessionId, text: 'hello' })],
    ['session.sideNote', (sessionId) => ({ sessionId, text: 'note' })],
    ['session.end', (sessionId) => ({ sessionId })],
    ['session.customerInfo', (sessionId) => ({ sessionId })],
    ['session.resume', (sessionId) => ({ sessionId, afterSeq: 0 })],
  ];

  type Row = 'supervisorOwnQueue' | 'supervisorOtherQueue' | 'notSupervisor' | 'owner';
  const who = (row: Row) => ({ supervisorOwnQueue: sup, supervisorOtherQueue: hwSup, notSupervisor: plain, owner })[row];
  const expected: Record<Row, Partial<Record<CommandType, string>>> = {
    supervisorOwnQueue: {
      'session.monitor': 'ok',
      'session.whisper': 'ok',
      'session.takeOver': 'ok',
      'session.post': 'NOT_OWNER',
      'session.sideNote': 'NOT_OWNER',
      'session.end': 'NOT_OWNER',
      'session.resume': 'ok',
    },
    // Not their queue: the chat does not exist for them.
    supervisorOtherQueue: {},
    // An agent of the queue who supervises nothing: another agent's chat is not theirs to see (R19), let alone supervise.
    notSupervisor: {},
    // The owner is no supervisor of the chat: whispering and taking over are not theirs either.
    owner: {
      'session.monitor': 'NOT_SUPERVISOR',
      'session.whisper': 'NOT_SUPERVISOR',
      'session.takeOver': 'NOT_SUPERVISOR',
      'session.post': 'ok',
      'session.sideNote': 'ok',
      'session.end': 'ok',
      'session.customerInfo': 'ok',
      'session.resume': 'ok',
    },
  };

  for (const row of ['supervisorOwnQueue', 'supervisorOtherQueue', 'notSupervisor', 'owner'] as const) {
    it(`issue 16 R19 ${row} x a Network chat the owner has: every supervisor command answers as the rules say`, async () => {
      const actual: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const [command, payload] of supervisorCommands) {
        const { id } = await ownedChat();
        const result = await who(row).command(command, payload(id));
        actual[command] = result.ok ? 'ok' : result.error.code;
        want[command] = expected[row][command] ?? 'FORBIDDEN';
      }
      expect(actual).toEqual(want);
    });
  }

  it('issue 16 take over: two supervisors at once, ownership moves exactly once; the agent is told, the winner owns it', async () => {
    const { id, user } = await ownedChat();
    const ownerSeen = recorder(owner);
    const [a, b] = await Promise.all([sup.command('session.takeOver', { sessionId: id, fromAgentId: 'ag-owner' }), sup2.command('session.takeOver', { sessionId: id, fromAgentId: 'ag-owner' })]);
    const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['ALREADY_TAKEN', 'ok']);
    const winner = a.ok ? 'ag-sup' : 'ag-sup2';
    const winnerClient = a.ok ? sup : sup2;
    const history = await winnerClient.history(id);
    expect(history.events.filter((e) => e.type === 'SessionTakenOver')).toEqual([expect.objectContaining({ fromAgentId: 'ag-owner', agentId: winner })]);
    await eventually(() => expect(ownerSeen.events.filter((e) => e.sessionId === id && e.type === 'SessionTakenOver').map((e) => e.notices)).toEqual([['TAKEN_OVER']]));
    await eventually(async () => expect((await user.resume(id, 0)).session.ownerAgentId).toBe(winner));
    // The former owner no longer acts on it; the supervisor does, and the end user hears them.
    expect(await owner.command('session.post', { sessionId: id, text: 'still me?' })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    await winnerClient.post(id, 'A supervisor here');
    await eventually(async () => expect((await user.resume(id, 0)).events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', 'SessionTakenOver', 'MessagePosted']));
    await winnerClient.end(id);
  });

  it('issue 16 whisper: the owning agent gets it marked as from the supervisor; it never reaches the end user', async () => {
    const { id, user } = await ownedChat();
    const userFrames: string[] = [];
    user.on('session.event', (f) => userFrames.push(JSON.stringify(f)));
    const ownerSeen = recorder(owner);
    await sup.whisper(id, 'WHISPER-TEXT offer the loaner laptop');
    await owner.post(id, 'after the whisper');
    await eventually(() => expect(userFrames.join()).toContain('after the whisper'));
    await eventually(() => expect(ownerSeen.events.find((e) => e.sessionId === id && e.type === 'WhisperAdded')).toMatchObject({ notices: ['WHISPER'], event: { authorId: 'ag-sup', authorName: 'Sue Supervisor', toAgentId: 'ag-owner' } }));
    expect(userFrames.join()).not.toContain('WHISPER-TEXT');
    expect(userFrames.join()).not.toContain('WhisperAdded');
    // Nor in what the end user reads back, and their seq chain skips it (prevSeq of the next visible event).
    const resumed = await user.resume(id, 0);
    expect(JSON.stringify(resumed.events)).not.toContain('WHISPER-TEXT');
    expect((await user.history(id)).events.map((e) => e.type)).not.toContain('WhisperAdded');
    await owner.end(id);
  });

  it('issue 16 silent monitor: a supervisor follows the chat live and read-only; the end user sees nothing of it', async () => {
    const { id, user } = await ownedChat();
    const userFrames: Array<{ type: string }> = [];
    user.on('session.event', (f) => userFrames.push({ type: f.event.type }));
    const before = await user.resume(id, 0);
    const watched = recorder(sup);
    const monitored = await sup.monitor(id);
    expect(monitored.events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned']);
    expect(monitored.lastSeq).toBe(before.lastSeq);
    await user.post(id, 'my VPN drops');
    await owner.sideNote(id, 'checking the VPN logs');
    await owner.post(id, 'Looking into it');
    await eventually(() =>
      expect(watched.events.filter((e) => e.sessionId === id).map((e) => e.type)).toEqual(['MessagePosted', 'SideNoteAdded', 'MessagePosted']),
    );
    // Live and in order, and monitoring recorded nothing: the end user's history is the conversation only.
    expect(watched.events.filter((e) => e.sessionId === id).map((e) => e.seq)).toEqual([before.lastSeq + 1, before.lastSeq + 2, before.lastSeq + 3]);
    const after = await user.resume(id, 0);
    expect(after.events.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', 'MessagePosted', 'MessagePosted']);
    await eventually(() => expect(userFrames.map((f) => f.type)).toEqual(['MessagePosted', 'MessagePosted']));
    // Read-only: watching gives no right to write.
    expect(await sup.command('session.post', { sessionId: id, text: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    // Unmonitored, nothing more arrives.
    await sup.unmonitor(id);
    await owner.post(id, 'UNWATCHED');
    await eventually(async () => expect(JSON.stringify((await user.resume(id, 0)).events)).toContain('UNWATCHED'));
    await consistently(() => expect(JSON.stringify(watched.events)).not.toContain('UNWATCHED'), { forMs: 300 });
    await owner.end(id);
  });

  it('issue 16 help flag: the supervisors of the queue are alerted (not those of other queues, never the end user); a supervisor lowers it', async () => {
    const { id, user } = await ownedChat();
    const userFrames: string[] = [];
    user.on('session.event', (f) => userFrames.push(JSON.stringify(f)));
    const [supSeen, sup2Seen, hwSeen, plainSeen] = [recorder(sup), recorder(sup2), recorder(hwSup), recorder(plain)];
    await owner.raiseHelp(id, 'HELP-NOTE refund over the limit');
    for (const seen of [supSeen, sup2Seen]) {
      await eventually(() => expect(seen.events.find((e) => e.sessionId === id && e.type === 'HelpFlagRaised')).toMatchObject({ notices: ['HELP_REQUESTED'], event: { agentId: 'ag-owner', note: 'HELP-NOTE refund over the limit' } }));
    }
    expect(await plain.command('session.lowerHelp', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await sup.lowerHelp(id);
    await eventually(() => expect(sup2Seen.events.filter((e) => e.sessionId === id).map((e) => [e.type, e.notices])).toEqual([['HelpFlagRaised', ['HELP_REQUESTED']], ['HelpFlagLowered', ['HELP_LOWERED']]]));
    await owner.post(id, 'after the flag');
    await eventually(() => expect(userFrames.join()).toContain('after the flag'));
    expect(userFrames.join()).not.toContain('HELP-NOTE');
    expect(userFrames.join()).not.toContain('HelpFlag');
    await consistently(() => {
      expect(hwSeen.events.filter((e) => e.sessionId === id)).toEqual([]);
      expect(plainSeen.events.filter((e) => e.sessionId === id)).toEqual([]);
    }, { forMs: 300 });
    await owner.end(id);
  });

  it('issue 16 R19 no event of a chat reaches a supervisor of another queue, an agent who supervises nothing, or another end user', async () => {
    await stack.addEndUser('sv-bystander');
    const bystander = await stack.client('sv-bystander');
    const sockets = { hwSup, plain, bystander, sup2 };
    const frames: Record<string, string[]> = {};
    for (const [name, client] of Object.entries(sockets)) {
      frames[name] = [];
      client.on('session.event', (f) => frames[name]!.push(JSON.stringify(f)));
    }
    const { id, user } = await ownedChat();
    await sup.monitor(id);
    // Neither may watch it: their refusals leave them outside.
    expect(await hwSup.command('session.monitor', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await plain.command('session.monitor', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await owner.command('session.monitor', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'NOT_SUPERVISOR' } });
    const supSeen = recorder(sup);
    await user.post(id, 'SECRET-USER-TEXT');
    await sup.whisper(id, 'SECRET-WHISPER');
    await sup.takeOver(id, 'ag-owner');
    await sup.post(id, 'SECRET-SUPERVISOR-TEXT');
    await sup.end(id);
    await eventually(() => expect(supSeen.events.some((e) => e.sessionId === id && e.type === 'SessionClosed')).toBe(true));
    await consistently(
      () => {
        for (const name of Object.keys(sockets)) expect([name, frames[name]!.filter((f) => f.includes(id))]).toEqual([name, []]);
      },
      { forMs: 500 },
    );
  });
});
