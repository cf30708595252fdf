import type { SessionEvent } from '@switchboard/domain';
import { eventFor, summaryForEndUser, summaryOfMessage } from './session-views';

const base = { seq: 3, at: '2026-01-01T00:00:00.000Z', sessionId: 'ab-0123456789', commandId: 'h.client-1', by: { role: 'agent' as const, id: 'alice' } };

describe('eventFor', () => {
  it('R13 end users never get side notes', () => {
    const note: SessionEvent = { ...base, type: 'SideNoteAdded', authorId: 'alice', authorName: 'Alice', text: 'internal' };
    expect(eventFor('endUser', note)).toBeUndefined();
    expect(eventFor('agent', note)).toEqual(note);
  });

  it('issue 16: consults and invitations never reach end users; joins do; the end user\'s summary has no invitations', () => {
    const consult: SessionEvent = { ...base, type: 'ConsultAdded', authorId: 'alice', authorName: 'Alice', text: 'between us' };
    const invited: SessionEvent = { ...base, type: 'AgentInvited', agentId: 'bob', agentName: 'Bob', fromAgentId: 'alice', fromAgentName: 'Alice', note: 'internal' };
    const ended: SessionEvent = { ...base, type: 'InviteEnded', agentId: 'bob', agentName: 'Bob', reason: 'declined' };
    const joined: SessionEvent = { ...base, type: 'ParticipantJoined', agentId: 'bob', agentName: 'Bob', via: 'invite' };
    for (const e of [consult, invited, ended]) expect(eventFor('endUser', e)).toBeUndefined();
    expect(eventFor('endUser', joined)).toMatchObject({ type: 'ParticipantJoined', agentName: 'Bob' });
    const summary = summaryOfMessage({
      sessionId: 's1', version: 3, status: 'ASSIGNED', queue: 'Network', companyId: 'acme', endUserId: 'u', ownerAgentId: 'alice', cancelledByUser: false, userLeft: false, priority: 2,
      guests: [{ agentId: 'bob', agentName: 'Bob', via: 'invite', joinedAt: base.at }],
      invites: [{ agentId: 'carol', agentName: 'Carol', fromAgentId: 'alice', fromAgentName: 'Alice', note: 'internal', at: base.at }],
    });
    expect(summary).toMatchObject({ guests: [{ agentId: 'bob' }], invites: [{ agentId: 'carol' }] });
    const forUser = summaryForEndUser(summary);
    expect(forUser).not.toHaveProperty('invites');
    expect(forUser).not.toHaveProperty('priority');
    expect(forUser).toMatchObject({ guests: [{ agentId: 'bob', agentName: 'Bob' }] });
  });

  it('end users see no command ids and no remote-control console link', () => {
    const rc: SessionEvent = { ...base, type: 'RemoteControlRequested', agentId: 'alice', assetId: 'lap', deviceId: 'DEV-1', url: 'https://console/x?device=DEV-1' };
    const view = eventFor('endUser', rc)!;
    expect(view).not.toHaveProperty('commandId');
    expect(view).not.toHaveProperty('url');
    expect(view).toMatchObject({ type: 'RemoteControlRequested', assetId: 'lap', seq: 3 });
    expect(eventFor('agent', rc)).toHaveProperty('url');
  });
});
