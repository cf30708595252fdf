import type { SwitchboardClient } from '@switchboard/client';
import { MAX_PARTICIPANTS, transcriptPath, type CommandPayload, type CommandType } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { pdfText } from '../../testing/pdf-text';
import { passwordOf, RealtimeStack, recorder } from '../../testing/realtime-stack';

/**
 * Issue 16 (ADR 24), participants besides the owner: invitations accepted and
 * declined, consults that never reach the end user, the authorization
 * matrix's invited-agent rows (each command x the chat they are invited to /
 * a chat of another queue / a chat of their queue they are not in), barge-in,
 * and no event of a chat at a socket outside it.
 */
describe('participants: invite a colleague, consult, barge-in', () => {
  const stack = new RealtimeStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  let n = 0;
  let owner: SwitchboardClient; // agent of Network and Hardware
  let mate: SwitchboardClient; // agent of Network
  let mate2: SwitchboardClient; // agent of Network
  let hw: SwitchboardClient; // agent of Hardware only
  let sup: SwitchboardClient; // supervises Network
  let sup2: SwitchboardClient; // supervises Network
  let hwSup: SwitchboardClient; // supervises Hardware only

  beforeAll(async () => {
    await stack.addAgent('ag-owner', { queues: ['Network', 'Hardware'], name: 'Olga Owner' });
    await stack.addAgent('ag-mate', { queues: ['Network'], name: 'Mia Mate' });
    await stack.addAgent('ag-mate2', { queues: ['Network'], name: 'Max Mate' });
    await stack.addAgent('ag-hw', { queues: ['Hardware'] });
    await stack.addAgent('ag-sup', { queues: [], supervisedQueues: ['Network'], name: 'Sue Supervisor' });
    await stack.addAgent('ag-sup2', { queues: [], supervisedQueues: ['Network'] });
    await stack.addAgent('ag-hwsup', { queues: [], supervisedQueues: ['Hardware'] });
    [owner, mate, mate2, hw, sup, sup2, hwSup] = await Promise.all(
      ['ag-owner', 'ag-mate', 'ag-mate2', 'ag-hw', 'ag-sup', 'ag-sup2', 'ag-hwsup'].map((id) => stack.client(id)),
    );
  });

  /** A chat of `queue` (through its topic) that the owner accepted, with its end user. */
  async function ownedChat(queue: 'Network' | 'Hardware' = 'Network'): Promise<{ id: string; user: SwitchboardClient; userId: string }> {
    const userId = `pt-user${++n}`;
    await stack.addEndUser(userId);
    const user = await stack.client(userId);
    const id = (await user.startSession(`chat ${n}`, queue === 'Network' ? 'vpn' : 'laptop')).session.sessionId;
    await owner.accept(id);
    await eventually(async () => expect((await user.resume(id, 0)).session.ownerAgentId).toBe('ag-owner'));
    return { id, user, userId };
  }

  async function endUserTranscript(userId: string, sessionId: string): Promise<string> {
    const token = await stack.login(userId, passwordOf(userId));
    const res = await fetch(`${stack.urls[0]}${transcriptPath(sessionId)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return pdfText(Buffer.from(await res.arrayBuffer()));
  }

  it('issue 16 invite accepted: the invitee sees the invitation, joins, reads the whole history, gets live events and answers the end user', async () => {
    const { id, user } = await ownedChat();
    const userSeen = recorder(user);
    const mateSeen = recorder(mate);
    await user.post(id, 'EARLY-USER-TEXT my VPN drops');
    await owner.sideNote(id, 'EARLY-NOTE');
    await owner.invite(id, 'ag-mate', 'INVITE-NOTE knows the VPN');
    // The invitee is told (agents only), and the Invites tab lists it.
    await eventually(() => expect(mateSeen.of(id).map((e) => [e.type, e.notices])).toEqual([['AgentInvited', ['INVITED']]]));
    expect((await mate.invites()).invites).toEqual([
      expect.objectContaining({ sessionId: id, queue: 'Network', invite: expect.objectContaining({ agentId: 'ag-mate', fromAgentId: 'ag-owner', note: 'INVITE-NOTE knows the VPN' }) }),
    ]);
    // Before joining, nothing of the conversation.
    expect(await mate.command('session.resume', { sessionId: id, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const joined = await mate.acceptInvite(id);
    expect(joined.session.guests).toEqual([expect.objectContaining({ agentId: 'ag-mate', agentName: 'Mia Mate', via: 'invite' })]);
    expect(joined.session.ownerAgentId).toBe('ag-owner');
    expect((await mate.invites()).invites).toEqual([]);
    // The whole history, side notes included (as the owner sees it).
    const types = (await mate.resume(id, 0)).events.map((e) => e.type);
    expect(types).toEqual(['SessionStarted', 'SessionAssigned', 'MessagePosted', 'SideNoteAdded', 'AgentInvited', 'ParticipantJoined']);
    // Live: the end user's next message reaches the participant; the participant answers the end user.
    await user.post(id, 'LIVE-USER-TEXT');
    await eventually(() => expect(mateSeen.of(id).some((e) => e.type === 'MessagePosted' && e.event['text'] === 'LIVE-USER-TEXT')).toBe(true));
    await mate.post(id, 'MATE-ANSWER');
    await eventually(() =>
      expect(userSeen.of(id).filter((e) => e.type === 'ParticipantJoined' || e.event['authorId'] === 'ag-mate').map((e) => [e.type, e.event['agentName'] ?? e.event['authorName'], e.event['text']])).toEqual([
        ['ParticipantJoined', 'Mia Mate', undefined],
        ['MessagePosted', 'Mia Mate', 'MATE-ANSWER'],
      ]),
    );
    expect(userSeen.of(id).find((e) => e.type === 'ParticipantJoined')?.notices).toEqual(['PARTICIPANT_JOINED']);
    // The owner stays responsible: ending is theirs, and the participant is out with the chat.
    expect(await mate.command('session.end', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    await owner.end(id);
    await eventually(() => expect(mateSeen.types(id)).toContain('SessionClosed'));
  });

  it('issue 16 invite declined: the owner is told, the invitee is never in; a cancelled invitation cannot be accepted', async () => {
    const { id } = await ownedChat();
    const ownerSeen = recorder(owner);
    await owner.invite(id, 'ag-mate');
    await owner.invite(id, 'ag-mate2');
    await eventually(async () => expect((await mate.invites()).invites.map((i) => i.sessionId)).toContain(id));
    await mate.declineInvite(id);
    await eventually(() => expect(ownerSeen.of(id).filter((e) => e.type === 'InviteEnded').map((e) => [e.event['agentId'], e.event['reason'], e.notices])).toEqual([['ag-mate', 'declined', ['INVITE_ENDED']]]));
    expect(await mate.command('session.acceptInvite', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await mate.command('session.resume', { sessionId: id, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await owner.cancelInvite(id, 'ag-mate2');
    expect((await mate2.invites()).invites.map((i) => i.sessionId)).not.toContain(id);
    expect(await mate2.command('session.acceptInvite', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await owner.command('session.cancelInvite', { sessionId: id, agentId: 'ag-mate2' })).toMatchObject({ ok: false, error: { code: 'INVITE_NOT_FOUND' } });
    // The R6 rules: an agent of another queue cannot be invited.
    expect(await owner.command('session.invite', { sessionId: id, agentId: 'ag-hw' })).toMatchObject({ ok: false, error: { code: 'TRANSFER_TARGET_NOT_ELIGIBLE' } });
    const history = await owner.history(id);
    expect(history.events.filter((e) => e.type === 'InviteEnded').map((e) => [e['agentId'], e['reason']])).toEqual([
      ['ag-mate', 'declined'],
      ['ag-mate2', 'cancelled'],
    ]);
    expect(history.events.some((e) => e.type === 'ParticipantJoined')).toBe(false);
    await owner.end(id);
  });

  it('issue 16 consult: a message only agents see never reaches the end user (push, history page, resume, transcript, prevSeq chain)', async () => {
    const { id, user, userId } = await ownedChat();
    const userFrames: Array<{ seq: number; prevSeq: number; text: string }> = [];
    user.on('session.event', (f) => userFrames.push({ seq: f.seq, prevSeq: f.prevSeq, text: JSON.stringify(f) }));
    const mateSeen = recorder(mate);
    const ownerSeen = recorder(owner);
    await owner.invite(id, 'ag-mate', 'INVITE-NOTE-SECRET');
    await mate.acceptInvite(id);
    await mate.consult(id, 'CONSULT-FROM-MATE is it the 4111 1111 1111 1111 card?');
    await owner.consult(id, 'CONSULT-FROM-OWNER yes');
    await owner.post(id, 'VISIBLE-AFTER');
    await eventually(() => expect(userFrames.map((f) => f.text).join()).toContain('VISIBLE-AFTER'));
    // Both agents got both consults, the card masked.
    await eventually(() => expect(mateSeen.of(id).filter((e) => e.type === 'ConsultAdded').map((e) => e.event['authorId'])).toEqual(['ag-mate', 'ag-owner']));
    await eventually(() => expect(ownerSeen.of(id).find((e) => e.type === 'ConsultAdded')).toMatchObject({ notices: ['CONSULT'], event: { authorName: 'Mia Mate', masked: ['card'] } }));
    const secrets = ['CONSULT-FROM', 'ConsultAdded', 'INVITE-NOTE-SECRET', 'AgentInvited', 'invites'];
    const pushed = userFrames.map((f) => f.text).join();
    for (const secret of secrets) expect([secret, pushed.includes(secret)]).toEqual([secret, false]);
    const resumed = JSON.stringify(await user.resume(id, 0));
    const page = JSON.stringify(await user.history(id));
    for (const secret of secrets) expect([secret, resumed.includes(secret), page.includes(secret)]).toEqual([secret, false, false]);
    // The end user's chain skips what they do not see: each frame's prevSeq is the frame before it.
    const chain = userFrames.map((f) => [f.seq, f.prevSeq]);
    for (let i = 1; i < chain.length; i++) expect(chain[i]![1]).toBe(chain[i - 1]![0]);
    const pdf = await endUserTranscript(userId, id);
    expect(pdf).toContain('VISIBLE-AFTER');
    expect(pdf).not.toContain('CONSULT-FROM');
    // An agent not in the chat may not consult in it.
    expect(await mate2.command('session.consult', { sessionId: id, text: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await owner.end(id);
  });

  const participantCommands: Array<[CommandType, (sessionId: string) => CommandPayload<CommandType>]> = [
    ['session.acceptInvite', (sessionId) => ({ sessionId })],
    ['session.declineInvite', (sessionId) => ({ sessionId })],
    ['session.consult', (sessionId) => ({ sessionId, text: 'between us' })],
    ['session.post', (sessionId) => ({ sessionId, text: 'hello' })],
    ['session.leave', (sessionId) => ({ sessionId })],
    ['session.resume', (sessionId) => ({ sessionId, afterSeq: 0 })],
    ['session.invite', (sessionId) => ({ sessionId, agentId: 'ag-mate2' })],
    ['session.cancelInvite', (sessionId) => ({ sessionId, agentId: 'ag-mate2' })],
    ['session.removeParticipant', (sessionId) => ({ sessionId, agentId: 'ag-mate' })],
    ['session.bargeIn', (sessionId) => ({ sessionId })],
    ['session.sideNote', (sessionId) => ({ sessionId, text: 'note' })],
    ['session.end', (sessionId) => ({ sessionId })],
  ];

  type Row = 'invited' | 'participant';
  type Target = 'ownQueue' | 'otherQueue' | 'notParticipant';
  const expected: Record<Row, Partial<Record<CommandType, string>>> = {
    // Invited, not yet in: they answer the invitation and see nothing else of the chat.
    invited: {
      'session.acceptInvite': 'ok',
      'session.declineInvite': 'ok',
    },
    // In the chat besides its owner: they talk (to the end user or the agents) and leave; the rest stays the owner's.
    participant: {
      'session.acceptInvite': 'INVITE_NOT_FOUND',
      'session.declineInvite': 'INVITE_NOT_FOUND',
      'session.consult': 'ok',
      'session.post': 'ok',
      'session.leave': 'ok',
      'session.resume': 'ok',
      'session.invite': 'NOT_OWNER',
      'session.cancelInvite': 'NOT_OWNER',
      'session.removeParticipant': 'NOT_OWNER',
      'session.bargeIn': 'NOT_SUPERVISOR',
      'session.sideNote': 'NOT_OWNER',
      'session.end': 'NOT_OWNER',
    },
  };

  for (const row of ['invited', 'participant'] as const) {
    it(`issue 16 R19 invited agent (${row}) x own queue / other queue / not a participant: every command answers as the rules say`, async () => {
      // Refused commands change nothing: one chat of another queue and one of their queue they are not in serve every command.
      const otherQueue = await ownedChat('Hardware');
      const notParticipant = await ownedChat('Network');
      const actual: Record<string, Record<Target, string>> = {};
      const want: Record<string, Record<Target, string>> = {};
      for (const [command, payload] of participantCommands) {
        const own = await ownedChat('Network');
        await owner.invite(own.id, 'ag-mate');
        if (row === 'participant') await mate.acceptInvite(own.id);
        const code = async (sessionId: string) => {
          const result = await mate.command(command, payload(sessionId));
          return result.ok ? 'ok' : result.error.code;
        };
        actual[command] = { ownQueue: await code(own.id), otherQueue: await code(otherQueue.id), notParticipant: await code(notParticipant.id) };
        want[command] = { ownQueue: expected[row][command] ?? 'FORBIDDEN', otherQueue: 'FORBIDDEN', notParticipant: 'FORBIDDEN' };
        await owner.end(own.id);
      }
      expect(actual).toEqual(want);
      await owner.end(otherQueue.id);
      await owner.end(notParticipant.id);
    });
  }

  it(`issue 16 participants are bounded: MAX_PARTICIPANTS (${MAX_PARTICIPANTS}) besides the owner, then TOO_MANY_PARTICIPANTS`, async () => {
    const extra = Array.from({ length: MAX_PARTICIPANTS + 1 }, (_, i) => `ag-x${i + 1}`);
    for (const id of extra) await stack.addAgent(id, { queues: ['Network'] });
    const clients = await Promise.all(extra.map((id) => stack.client(id)));
    const { id } = await ownedChat();
    for (const [i, agentId] of extra.slice(0, MAX_PARTICIPANTS).entries()) {
      await owner.invite(id, agentId);
      await clients[i]!.acceptInvite(id);
    }
    expect(await owner.command('session.invite', { sessionId: id, agentId: extra[MAX_PARTICIPANTS]! })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_PARTICIPANTS', details: { limit: MAX_PARTICIPANTS } } });
    expect(await sup.command('session.bargeIn', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_PARTICIPANTS' } });
    await owner.end(id);
  });

  it('issue 16 barge-in: a supervisor of the queue joins visibly (the end user sees the join), the help flag clears; others may not', async () => {
    const { id, user } = await ownedChat();
    const userSeen = recorder(user);
    const sup2Seen = recorder(sup2);
    await owner.raiseHelp(id, 'refund over the limit');
    await eventually(() => expect(sup2Seen.types(id)).toEqual(['HelpFlagRaised']));
    expect(await hwSup.command('session.bargeIn', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await mate.command('session.bargeIn', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await owner.command('session.bargeIn', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'NOT_SUPERVISOR' } });
    const joined = await sup.bargeIn(id);
    expect(joined.session).toMatchObject({ ownerAgentId: 'ag-owner', guests: [expect.objectContaining({ agentId: 'ag-sup', via: 'bargeIn' })] });
    const history = (await owner.history(id)).events.map((e) => e.type);
    expect(history.slice(-2)).toEqual(['ParticipantJoined', 'HelpFlagLowered']);
    await eventually(() => expect(userSeen.of(id).find((e) => e.type === 'ParticipantJoined')).toMatchObject({ notices: ['PARTICIPANT_JOINED'], event: { agentName: 'Sue Supervisor' } }));
    // The other supervisors of the queue see the flag go down. (The join between the two is not theirs: their
    // client fills that gap in the chain from the history, so the lowering may arrive from there, without notices.)
    await eventually(() => expect(sup2Seen.types(id).filter((t) => t.startsWith('HelpFlag'))).toEqual(['HelpFlagRaised', 'HelpFlagLowered']));
    await sup.post(id, 'SUPERVISOR-TO-USER');
    await eventually(() => expect(userSeen.of(id).some((e) => e.type === 'MessagePosted' && e.event['authorName'] === 'Sue Supervisor')).toBe(true));
    expect(userSeen.types(id)).not.toContain('HelpFlagLowered');
    // Still the owner's chat.
    expect((await user.resume(id, 0)).session.ownerAgentId).toBe('ag-owner');
    await owner.end(id);
  });

  it('issue 16 R19 no event of a chat reaches another end user, an agent of another queue, a declined invitee or an invitee after leaving', async () => {
    await stack.addEndUser('pt-bystander');
    const bystander = await stack.client('pt-bystander');
    const frames: Record<string, string[]> = {};
    const watch = (name: string, client: SwitchboardClient) => {
      frames[name] = [];
      client.on('session.event', (f) => frames[name]!.push(JSON.stringify(f)));
    };
    watch('bystander', bystander);
    watch('hw', hw);
    watch('hwSup', hwSup);
    const { id, user } = await ownedChat();
    const mateSeen = recorder(mate);
    const mate2Seen = recorder(mate2);
    await owner.invite(id, 'ag-mate');
    await owner.invite(id, 'ag-mate2');
    await mate2.declineInvite(id);
    await eventually(() => expect(mate2Seen.types(id)).toEqual(['AgentInvited', 'InviteEnded']));
    await mate.acceptInvite(id);
    await user.post(id, 'SECRET-USER-TEXT');
    await mate.consult(id, 'SECRET-CONSULT');
    await eventually(() => expect(mateSeen.types(id)).toContain('ConsultAdded'));
    await mate.leaveChat(id);
    await eventually(() => expect(mateSeen.types(id).at(-1)).toBe('ParticipantLeft'));
    const mateCount = mateSeen.of(id).length;
    await user.post(id, 'SECRET-AFTER-LEAVE');
    await owner.consult(id, 'SECRET-CONSULT-AFTER').catch(() => undefined);
    await owner.post(id, 'LAST-WORD');
    await eventually(async () => expect(JSON.stringify((await user.resume(id, 0)).events)).toContain('LAST-WORD'));
    await owner.end(id);
    await consistently(
      () => {
        for (const name of Object.keys(frames)) expect([name, frames[name]!.filter((f) => f.includes(id))]).toEqual([name, []]);
        expect(mate2Seen.types(id)).toEqual(['AgentInvited', 'InviteEnded']);
        expect(mateSeen.of(id)).toHaveLength(mateCount);
      },
      { forMs: 500 },
    );
    expect(await mate.command('session.resume', { sessionId: id, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
