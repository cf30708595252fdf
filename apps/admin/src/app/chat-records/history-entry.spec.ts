import type { SessionHistoryEntryView } from '@switchboard/contracts';
import { describeEntry, entryKind, textOf } from './history-entry';

const entry = (type: string, fields: Record<string, unknown> = {}, by = { role: 'agent', id: 'alice' }): SessionHistoryEntryView => ({
  seq: 1,
  type,
  at: '2026-03-01T10:00:00Z',
  by,
  ...fields,
});

describe('chat record history (R13)', () => {
  it('shows messages and side notes as bubbles, everything else as events', () => {
    expect(entryKind(entry('MessagePosted', { text: 'hi' }))).toBe('message');
    expect(entryKind(entry('SideNoteAdded', { text: 'note' }))).toBe('sideNote');
    expect(entryKind(entry('SessionAssigned'))).toBe('event');
  });

  it('says what each system event means', () => {
    expect(describeEntry(entry('SessionStarted', { queue: 'Network', topic: 'vpn' }, { role: 'endUser', id: 'erin' }))).toBe('Chat started in queue Network, topic vpn');
    expect(describeEntry(entry('SessionAssigned', { agentId: 'alice' }, { role: 'system', id: 'router' }))).toBe('Assigned to alice automatically');
    expect(describeEntry(entry('TransferRequested', { targetAgentId: 'bob' }))).toBe('alice transferred the chat to bob');
    expect(describeEntry(entry('SessionClosed', { reason: 'forceClosed', comment: 'stuck' }, { role: 'admin', id: 'ada' }))).toBe(
      'Force-closed by administrator ada: \u201cstuck\u201d',
    );
    expect(describeEntry(entry('UserCancelled', {}, { role: 'endUser', id: 'erin' }))).toBe('The end user cancelled the chat');
    expect(describeEntry(entry('SomethingNew'))).toBe('Something New');
  });
});

describe('textOf', () => {
  it('is the text of a message, and empty for an entry without text', () => {
    expect(textOf(entry('MessagePosted', { text: 'hi' }))).toBe('hi');
    expect(textOf(entry('SessionAssigned'))).toBe('');
  });
});
