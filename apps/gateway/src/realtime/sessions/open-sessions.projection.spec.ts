import type { ChatEventMessage } from '@switchboard/contracts';
import { OpenSessionsProjection } from './open-sessions.projection';

const at = '2026-11-24T10:00:00.000Z';
const message = (sessionId: string, seq: number, type: string, session: Partial<ChatEventMessage['session']>): ChatEventMessage =>
  ({
    event: { seq, type, at, sessionId },
    session: { sessionId, version: seq, status: 'QUEUED', queue: 'General', companyId: 'acme', endUserId: `u-${sessionId}`, cancelledByUser: false, userLeft: false, queuedAt: at, ...session },
  }) as unknown as ChatEventMessage;

describe('open sessions projection: waiting lines per queue', () => {
  const ids = (projection: OpenSessionsProjection, queue: string) => [...projection.waitingIn(queue)].map((i) => i.sessionId).sort();

  it('R1 R3 R7.1 R8 R11 a session is in its queue\'s waiting line exactly while it is QUEUED there', () => {
    // Applying events reads no database: the model is needed only for the start-up load.
    const projection = new OpenSessionsProjection({} as ConstructorParameters<typeof OpenSessionsProjection>[0]);
    projection.apply(message('a', 1, 'SessionStarted', {}));
    projection.apply(message('b', 1, 'SessionStarted', {}));
    expect(ids(projection, 'General')).toEqual(['a', 'b']);

    projection.apply(message('a', 2, 'SessionAssigned', { status: 'ASSIGNED', ownerAgentId: 'alice' })); // accepted
    expect(ids(projection, 'General')).toEqual(['b']);
    projection.apply(message('a', 3, 'TransferredToQueue', { queue: 'Network' })); // R7.1
    expect([ids(projection, 'General'), ids(projection, 'Network')]).toEqual([['b'], ['a']]);
    projection.apply(message('a', 4, 'MessagePosted', { queue: 'Network' }));
    expect(ids(projection, 'Network')).toEqual(['a']);
    projection.apply(message('a', 3, 'TransferredToQueue', { queue: 'General' })); // a late repeat changes nothing
    expect(ids(projection, 'General')).toEqual(['b']);

    projection.apply(message('b', 2, 'SessionClosed', { status: 'CLOSED' })); // cancelled (R11.1)
    expect(ids(projection, 'General')).toEqual([]);
    expect([...projection.waitingIn('Nowhere')]).toEqual([]);
  });
});
