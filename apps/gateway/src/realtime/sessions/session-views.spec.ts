import type { SessionEvent } from '@switchboard/domain';
import { eventFor } from './session-views';

const base = { seq: 3, at: '2026-01-01T00:00:00.000Z', sessionId: 'ab-0123456789', commandId: 'h.client-1', by: { role: 'agent' as const, id: 'alice' } };

describe('eventFor', () => {
  it('R13 end users never get side notes', () => {
    const note: SessionEvent = { ...base, type: 'SideNoteAdded', authorId: 'alice', authorName: 'Alice', text: 'internal' };
    expect(eventFor('endUser', note)).toBeUndefined();
    expect(eventFor('agent', note)).toEqual(note);
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
