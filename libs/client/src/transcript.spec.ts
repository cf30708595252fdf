import type { SessionEventView } from '@switchboard/contracts';
import { describeError, describeFailure } from './error-messages';
import { CommandError } from './switchboard-client';
import { factsOf, maskedNote, shortTicketId, transcriptOf, waitText, withFacts } from './transcript';

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

  it('issue 16 participants: invitations and consults are agents-only lines; joins and leaves both sides read', () => {
    const together = [
      ev(9, 'AgentInvited', { agentId: 'bob', agentName: 'Bob Agent', fromAgentId: 'alice', fromAgentName: 'Alice Agent', note: 'VPN?' }),
      ev(10, 'InviteEnded', { agentId: 'carol', agentName: 'Carol Agent', reason: 'declined' }),
      ev(11, 'ParticipantJoined', { agentId: 'bob', agentName: 'Bob Agent', via: 'invite' }),
      ev(12, 'ConsultAdded', { authorId: 'bob', authorName: 'Bob Agent', text: 'firewall?' }),
      ev(13, 'ParticipantJoined', { agentId: 'sam', agentName: 'Sam Supervisor', via: 'bargeIn' }),
      ev(14, 'ParticipantLeft', { agentId: 'bob', agentName: 'Bob Agent', reason: 'removed' }),
    ];
    expect(transcriptOf(together, 'agent').map((l) => [l.kind, l.text])).toEqual([
      ['system', 'Alice Agent invited Bob Agent: VPN?'],
      ['system', 'Carol Agent declined the invitation'],
      ['system', 'Bob Agent joined the chat'],
      ['note', 'firewall?'],
      ['system', 'Sam Supervisor (supervisor) joined the chat'],
      ['system', 'Bob Agent was removed from the chat'],
    ]);
    expect(transcriptOf(together, 'endUser').map((l) => l.text)).toEqual(['Bob Agent joined the chat', 'Sam Supervisor joined the chat', 'Bob Agent left the chat']);
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

describe('wait estimate and priority (issue 15)', () => {
  it('wait estimate: the latest estimate is a fact of the history, kept through withFacts; end users read it in minutes, agents see what was shown', () => {
    const events = [
      ev(1, 'SessionStarted', { endUserId: 'erin', description: 'VPN', queue: 'Network', priority: 2 }),
      ev(2, 'WaitEstimated', { minSeconds: 0, maxSeconds: 60, queuedAt: at }),
      ev(3, 'PriorityRaised', { from: 2, to: 3 }),
      ev(4, 'WaitEstimated', { minSeconds: 120, maxSeconds: 240, queuedAt: '2026-11-24T10:05:00.000Z' }),
    ];
    const estimate = { minSeconds: 120, maxSeconds: 240, queuedAt: '2026-11-24T10:05:00.000Z' };
    expect(factsOf(events).waitEstimate).toEqual(estimate);
    expect(withFacts({ agentName: 'Alice Agent' }, factsOf(events)).waitEstimate).toEqual(estimate);
    expect(transcriptOf(events, 'endUser').filter((e) => e.kind === 'system')).toEqual([expect.objectContaining({ text: 'You started the chat' })]);
    const agentLines = transcriptOf(events, 'agent').filter((e) => e.kind === 'system').map((e) => e.text);
    expect(agentLines).toContain('Priority raised to Critical');
    expect(agentLines).toContain('The end user was shown: Estimated wait: about 2 to 4 minutes.');
  });

  it('wait estimate: the words, as the domain writes them in the notification', () => {
    expect(waitText(0, 60)).toBe('Estimated wait: less than a minute.');
    expect(waitText(0, 180)).toBe('Estimated wait: up to 3 minutes.');
    expect(waitText(120, 240)).toBe('Estimated wait: about 2 to 4 minutes.');
    expect(waitText(3 * 3600, 5 * 3600)).toBe('Estimated wait: about 3 to 5 hours.');
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
