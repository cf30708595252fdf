import type { SessionEventView } from '@switchboard/contracts';
import { describeError, describeFailure } from './error-messages';
import { CommandError } from './switchboard-client';
import { factsOf, maskedNote, shortTicketId, transcriptOf, withFacts } from './transcript';

const at = '2026-11-24T10:00:00.000Z';
const ev = (seq: number, type: string, fields: Record<string, unknown> = {}): SessionEventView => ({ seq, type, at, sessionId: 's1', ...fields });

const history = [
  ev(1, 'SessionStarted', { endUserId: 'erin', endUserName: 'Erin User', description: 'VPN drops', queue: 'Network', topic: 'vpn' }),
  ev(2, 'SessionAssigned', { agentId: 'alice', agentName: 'Alice Agent', via: 'accept' }),
  ev(3, 'MessagePosted', { from: 'agent', authorId: 'alice', authorName: 'Alice Agent', text: 'Hi Erin' }),
  ev(4, 'SideNoteAdded', { authorId: 'alice', authorName: 'Alice Agent', text: 'Knows the VPN setup' }),
  ev(5, 'TransferRequested', { fromAgentId: 'alice', fromAgentName: 'Alice Agent', toAgentId: 'bob', toAgentName: 'Bob Agent' }),
  ev(6, 'TicketCreated', { ticketId: 'T-1', summary: 'VPN', endUserId: 'erin', companyId: 'acme', agentId: 'bob' }),
  ev(7, 'UserCancelled'),
  ev(8, 'TicketResolved', { ticketId: 'T-1' }),
];

describe('transcriptOf (R13)', () => {
  it('satisfaction (issue 17): the rating is a line of both transcripts, with the comment for agents', () => {
    const rated = ev(9, 'ChatRated', { endUserId: 'erin', score: 4, comment: 'Quick' });
    expect(transcriptOf([rated], 'agent').map((l) => l.text)).toEqual(['The end user rated the chat 4/5: \u201cQuick\u201d']);
    expect(transcriptOf([rated], 'endUser').map((l) => l.text)).toEqual(['You rated this chat 4 out of 5']);
    expect(transcriptOf([ev(9, 'ChatRated', { endUserId: 'erin', score: 2 })], 'agent').map((l) => l.text)).toEqual(['The end user rated the chat 2/5']);
  });

  it('R13 agents see messages, side notes and every system event in seq order', () => {
    const lines = transcriptOf([...history].reverse(), 'agent');
    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ['system', 'Chat started by Erin User in the Network queue'],
      ['message', 'VPN drops'],
      ['system', 'Alice Agent accepted the chat'],
      ['message', 'Hi Erin'],
      ['note', 'Knows the VPN setup'],
      ['system', 'Alice Agent transferred the chat to Bob Agent'],
      ['system', 'Ticket T-1 created: VPN'],
      ['system', 'End user has cancelled chat.'],
      ['system', 'Ticket T-1 resolved'],
    ]);
    expect(lines[3]).toMatchObject({ from: 'agent', author: 'Alice Agent' });
  });

  it('R13 end users never see side notes; they read notifications addressed to them (R3.2, R5.2)', () => {
    const lines = transcriptOf(history, 'endUser');
    expect(lines.some((l) => l.kind === 'note')).toBe(false);
    expect(lines.map((l) => l.text)).toContain('Alice Agent is now helping you');
    expect(lines.map((l) => l.text)).toContain('Your chat is being transferred to Bob Agent');
  });

  it('R8 R9.3 R12 notifications: released, ended, user left (agents only)', () => {
    const more = [ev(1, 'SessionReleased', { agentName: 'Bob Agent', queue: 'General' }), ev(2, 'UserLeft'), ev(3, 'SessionClosed', { reason: 'agentEnded' })];
    expect(transcriptOf(more, 'endUser').map((l) => l.text)).toEqual([
      'Your chat was released so another agent can help you. Please wait.',
      'The agent ended the chat. Thank you for contacting us!',
    ]);
    expect(transcriptOf(more, 'agent').map((l) => l.text)).toEqual(['Bob Agent released the chat back to the General queue', 'The end user left the chat', 'Chat ended']);
  });
});

describe('factsOf', () => {
  it('R14 reads description, topic, the current agent and the ticket with its status from the history', () => {
    expect(factsOf(history)).toEqual({
      description: 'VPN drops',
      topic: 'vpn',
      endUserName: 'Erin User',
      agentName: 'Alice Agent',
      lastNoteBy: 'Alice Agent',
      ticket: { ticketId: 'T-1', summary: 'VPN', status: 'Resolved' },
    });
  });

  it('R14 a page that starts after the ticket was created still knows its status; the record fills in the rest', () => {
    const page = history.filter((e) => e.type !== 'SessionStarted' && e.type !== 'TicketCreated');
    const fromPage = factsOf(page);
    expect(fromPage.ticket).toEqual({ ticketId: 'T-1', summary: '', status: 'Resolved' });
    const record = { description: 'VPN drops', endUserName: 'Erin User', ticket: { ticketId: 'T-1', summary: 'VPN', status: 'Open' as const } };
    expect(withFacts(record, fromPage)).toMatchObject({ description: 'VPN drops', endUserName: 'Erin User', ticket: { ticketId: 'T-1', summary: 'VPN', status: 'Resolved' } });
    expect(withFacts({ agentName: 'Alice Agent' }, { agentName: undefined, topic: '' })).toEqual({ agentName: 'Alice Agent' });
  });
});

describe('describeError', () => {
  it('R3.4 R19 turns codes into sentences; unknown codes and network failures still read as a sentence', () => {
    expect(describeError('ALREADY_TAKEN')).toBe('Another agent accepted this chat first.');
    expect(describeError('SOMETHING_NEW')).toBe('Something went wrong. Please try again.');
    expect(describeFailure(new CommandError('REMOTE_CONTROL_NOT_CONFIGURED', 'x'))).toMatch(/not set up/);
    expect(describeFailure(new TypeError('fetch failed'))).toMatch(/cannot be reached/);
  });

  it('session limits: a post into a full chat reads as a sentence that says what to do', () => {
    expect(describeError('SESSION_FULL')).toBe('This chat has reached its maximum length. Please end it and start a new one.');
  });
});

describe('shortTicketId', () => {
  it('R14 shortens generated ticket ids for the screen and leaves others alone', () => {
    expect(shortTicketId('T-c428907d-01a5-4da1-b77a-6add58bd6388')).toBe('T-c428907d');
    expect(shortTicketId('INC-42')).toBe('INC-42');
  });
});

describe('masked messages and side notes', () => {
  it('carry what was masked and who wrote them; unmasked ones carry nothing', () => {
    const lines = transcriptOf(
      [
        ev(1, 'SessionStarted', { endUserId: 'erin', description: 'Card ****-****-****-1111', masked: ['card'], queue: 'General' }),
        ev(2, 'MessagePosted', { from: 'agent', authorId: 'alice', text: 'Ticket E-*****', masked: ['pattern'] }),
        ev(3, 'SideNoteAdded', { authorId: 'alice', authorName: 'Alice Agent', text: 'both', masked: ['card', 'pattern'] }),
        ev(4, 'MessagePosted', { from: 'endUser', authorId: 'erin', text: 'thanks' }),
      ],
      'agent',
    );
    expect(lines.filter((l) => l.kind !== 'system').map((l) => [l.authorId, l.masked])).toEqual([
      ['erin', ['card']],
      ['alice', ['pattern']],
      ['alice', ['card', 'pattern']],
      ['erin', undefined],
    ]);
    expect('masked' in lines[lines.length - 1]!).toBe(false);
  });

  it('tell the sender what was masked', () => {
    expect(maskedNote(['card'])).toBe('Card number masked');
    expect(maskedNote(['pattern'])).toBe("Masked by your administrator's rules");
    expect(maskedNote(['card', 'pattern'])).toBe("Card number masked; also masked by your administrator's rules");
    expect(maskedNote(undefined)).toBeNull();
    expect(maskedNote([])).toBeNull();
  });
});
