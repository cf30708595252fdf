import type { Principal } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { endingOf } from './chat-end-follower';
import { mayRead } from './transcripts.service';

const state = { endUserId: 'erin', ownerAgentId: 'alice', participants: ['bob', 'alice'], transferTargetAgentId: undefined } as unknown as SessionState;
const who = (role: Principal['role'], id: string) => ({ role, id, name: id }) as Principal;

describe('who may read which transcript', () => {
  it.each([
    ['the chat’s end user, their transcript', who('endUser', 'erin'), 'endUser', true],
    ['the chat’s end user, the internal one', who('endUser', 'erin'), 'internal', false],
    ['another end user', who('endUser', 'frank'), 'endUser', false],
    ['the owning agent, the internal one', who('agent', 'alice'), 'internal', true],
    ['an agent who held it before, the internal one', who('agent', 'bob'), 'internal', true],
    ['an agent of the chat, the end user’s one', who('agent', 'alice'), 'endUser', false],
    ['an agent who never held it', who('agent', 'carol'), 'internal', false],
    ['an administrator, the end user’s one', who('admin', 'admin'), 'endUser', true],
    ['an administrator, the internal one', who('admin', 'admin'), 'internal', true],
  ] as const)('%s: %s', (_case, principal, kind, allowed) => {
    expect(mayRead(principal, state, kind)).toBe(allowed);
  });

  it('the transfer target reads the internal one', () => {
    expect(mayRead(who('agent', 'dave'), { ...state, ownerAgentId: undefined, transferTargetAgentId: 'dave', participants: ['alice'] } as SessionState, 'internal')).toBe(true);
  });
});

describe('chat ends on the event stream', () => {
  const message = (type: string, extra: Record<string, unknown> = {}) =>
    new TextEncoder().encode(
      JSON.stringify({
        event: { seq: 7, at: '2026-11-30T07:00:00.000Z', sessionId: 's1', commandId: 'c7', by: { role: 'agent', id: 'alice' }, type, ...extra },
        prevVisibleSeq: 6,
        session: { sessionId: 's1', version: 7, status: 'CLOSED', queue: 'General', companyId: 'acme', endUserId: 'erin', cancelledByUser: false, userLeft: false },
      }),
    );

  it('finds a close and an abandon, with their seq', () => {
    expect(endingOf(message('SessionClosed', { reason: 'agentEnded', previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'General' }))).toEqual({ sessionId: 's1', seq: 7 });
    expect(endingOf(message('SessionAbandoned', { agentId: 'alice', agentName: 'Alice' }))).toEqual({ sessionId: 's1', seq: 7 });
  });

  it('passes over every other event, and one that is not a chat event', () => {
    expect(endingOf(message('MessagePosted', { from: 'endUser', authorId: 'erin', text: 'SessionClosed' }))).toBeUndefined();
    expect(endingOf(new TextEncoder().encode('not json "SessionClosed"'))).toBeUndefined();
  });
});
