import { mayFetchAttachments, maySendAttachment } from './attachment-access';

describe('who may fetch and send a chat\'s files', () => {
  const session = { endUserId: 'erin', ownerAgentId: 'alice', participants: ['bob', 'alice'] };

  it('its end user, its current and earlier agents, a transfer target and administrators fetch', () => {
    expect(mayFetchAttachments({ role: 'endUser', id: 'erin' }, session)).toBe(true);
    expect(mayFetchAttachments({ role: 'agent', id: 'alice' }, session)).toBe(true);
    expect(mayFetchAttachments({ role: 'agent', id: 'bob' }, session)).toBe(true);
    expect(mayFetchAttachments({ role: 'agent', id: 'carol' }, { ...session, ownerAgentId: undefined, transferTargetAgentId: 'carol' })).toBe(true);
    expect(mayFetchAttachments({ role: 'admin', id: 'admin' }, session)).toBe(true);
  });

  it('another end user and an agent who never held the chat do not', () => {
    expect(mayFetchAttachments({ role: 'endUser', id: 'frank' }, session)).toBe(false);
    expect(mayFetchAttachments({ role: 'agent', id: 'carol' }, session)).toBe(false);
    expect(mayFetchAttachments({ role: 'agent', id: 'erin' }, session)).toBe(false);
  });

  it('only the end user and the owning agent send', () => {
    expect(maySendAttachment({ role: 'endUser', id: 'erin' }, session)).toBe(true);
    expect(maySendAttachment({ role: 'agent', id: 'alice' }, session)).toBe(true);
    expect(maySendAttachment({ role: 'agent', id: 'bob' }, session)).toBe(false);
    expect(maySendAttachment({ role: 'admin', id: 'admin' }, session)).toBe(false);
    expect(maySendAttachment({ role: 'endUser', id: 'frank' }, session)).toBe(false);
  });
});
