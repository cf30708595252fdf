import type { SwitchboardClient } from '@switchboard/client';
import type { SessionEventFrame } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/**
 * Every `session.event` frame's `prevSeq` is the seq of the previous event of
 * that session the socket may see (docs/protocol/websocket.md, section 3):
 * end users skip side notes (R13), and the second event of a two-event
 * command follows the first. Two gateways give the same chain.
 */
describe('prevSeq chain of session.event frames', () => {
  const stack = new RealtimeStack({ gateways: 2 });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  /** The frames a client receives for one session, as the server sent them. */
  function framesOf(client: SwitchboardClient): SessionEventFrame[] {
    const frames: SessionEventFrame[] = [];
    client.on('session.event', (f) => frames.push(f));
    return frames;
  }

  const chain = (frames: SessionEventFrame[], sessionId: string) => frames.filter((f) => f.sessionId === sessionId).map((f) => [f.prevSeq, f.seq, f.event.type]);

  it('R13 R9.1 end users: side notes are skipped, a ticket resolved with the end of the chat follows on; agents get seq - 1; on every gateway', async () => {
    await stack.addEndUser('ps-user1');
    await stack.addAgent('ag-ps1', { queues: ['Network'] });
    const user = await stack.client('ps-user1', { gateway: 0 });
    const userElsewhere = await stack.client('ps-user1', { gateway: 1 });
    const agent = await stack.client('ag-ps1', { gateway: 1 });
    const [userFrames, elsewhereFrames, agentFrames] = [framesOf(user), framesOf(userElsewhere), framesOf(agent)];
    const id = (await user.startSession('VPN drops', 'vpn')).session.sessionId; // 1
    await eventually(async () => expect((await agent.accept(id)).session.status).toBe('ASSIGNED')); // 2
    await agent.sideNote(id, 'checking the token'); // 3, agents only
    await user.post(id, 'any news?'); // 4
    await agent.sideNote(id, 'token is fine'); // 5
    await agent.createTicket(id, 'VPN token'); // 6
    await agent.end(id, true); // 7 TicketResolved, 8 SessionClosed

    const expected = [
      [0, 1, 'SessionStarted'],
      [1, 2, 'SessionAssigned'],
      [2, 4, 'MessagePosted'],
      [4, 6, 'TicketCreated'],
      [6, 7, 'TicketResolved'],
      [7, 8, 'SessionClosed'],
    ];
    await eventually(() => expect(chain(userFrames, id)).toEqual(expected));
    await eventually(() => expect(chain(elsewhereFrames, id)).toEqual(expected));
    await eventually(() => expect(chain(agentFrames, id).map(([prev, seq]) => [prev, seq])).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7], [7, 8]]));
    // Live frames (with their notices), not replays of a resume.
    expect(userFrames.find((f) => f.sessionId === id && f.seq === 8)!.notices.map((n) => n.code)).toContain('SESSION_ENDED');
  });

  it('R5.1 transfer to agent: the former owner gets its transfer note and the transfer live, in one chain', async () => {
    await stack.addEndUser('ps-user3');
    await stack.addAgent('ag-ps-from', { queues: ['Network'] });
    await stack.addAgent('ag-ps-to', { queues: ['Network'] });
    const user = await stack.client('ps-user3', { gateway: 0 });
    const from = await stack.client('ag-ps-from', { gateway: 1 });
    await stack.client('ag-ps-to', { gateway: 0 });
    const frames = framesOf(from);
    const id = (await user.startSession('Laptop will not boot', 'vpn')).session.sessionId; // 1
    await eventually(async () => expect((await from.accept(id)).session.status).toBe('ASSIGNED')); // 2
    await from.transferToAgent(id, 'ag-ps-to', 'tried safe mode'); // 3 SideNoteAdded, 4 TransferRequested
    await eventually(() =>
      expect(chain(frames, id)).toEqual([
        [1, 2, 'SessionAssigned'],
        [2, 3, 'SideNoteAdded'],
        [3, 4, 'TransferRequested'],
      ]),
    );
    // Live frames: the transfer carries the former owner's notice. Before, the note (whose session
    // already named the new holder) never reached the former owner, the transfer then showed a gap,
    // and both came back from a resume without notices (and, later, with events past the transfer).
    expect(frames.find((f) => f.sessionId === id && f.seq === 4)!.notices.map((n) => n.code)).toContain('REMOVED_FROM_YOU');
  });

  it('R11 an end user who cancels a waiting chat gets UserCancelled and SessionClosed in one chain', async () => {
    await stack.addEndUser('ps-user2');
    const user = await stack.client('ps-user2', { gateway: 1 });
    const frames = framesOf(user);
    const id = (await user.startSession('Printer jams', 'vpn')).session.sessionId;
    await user.cancel(id);
    await eventually(() =>
      expect(chain(frames, id)).toEqual([
        [0, 1, 'SessionStarted'],
        [1, 2, 'UserCancelled'],
        [2, 3, 'SessionClosed'],
      ]),
    );
  });
});
