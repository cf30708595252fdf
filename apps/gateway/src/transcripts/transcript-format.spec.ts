import type { SessionEvent } from '@switchboard/domain';
import { formatTime, headingLines, linesOf, printable, type TranscriptHeading } from './transcript-format';

const by = { role: 'endUser' as const, id: 'erin' };
const base = (seq: number) => ({ seq, at: '2026-11-30T07:05:09.000Z', sessionId: 's1', commandId: `c${seq}` });
const events = [
  { ...base(1), by, type: 'SessionStarted', endUserId: 'erin', endUserName: 'Erin', companyId: 'acme', requestId: 'r1', description: 'VPN is down', queue: 'General' },
  { ...base(2), by: { role: 'agent', id: 'alice' }, type: 'SessionAssigned', agentId: 'alice', agentName: 'Alice', via: 'accept' },
  { ...base(3), by: { role: 'agent', id: 'alice' }, type: 'SideNoteAdded', authorId: 'alice', authorName: 'Alice', text: 'user is on the old client' },
  { ...base(4), by, type: 'MessagePosted', from: 'endUser', authorId: 'erin', authorName: 'Erin', text: 'my card is ****', masked: ['card'] },
  { ...base(5), by: { role: 'agent', id: 'alice' }, type: 'MessagePosted', from: 'agent', authorId: 'alice', authorName: 'Alice', text: 'Try again now' },
  { ...base(6), by: { role: 'agent', id: 'alice' }, type: 'SessionClosed', reason: 'agentEnded', previousStatus: 'ASSIGNED', agentId: 'alice', queue: 'General' },
] as unknown as SessionEvent[];

describe('transcript lines', () => {
  it("R13 the end user's transcript has every message and notification, never a side note", () => {
    const lines = linesOf('endUser', events);
    const texts = lines.map((l) => l.text);
    expect(texts).toEqual(['You started the chat', 'VPN is down', 'Alice is now helping you', 'my card is ****', 'Try again now', 'The agent ended the chat. Thank you for contacting us!']);
    expect(lines.some((l) => l.style === 'note')).toBe(false);
    expect(JSON.stringify(lines)).not.toContain('old client');
  });

  it('the internal transcript has the side notes, marked as such', () => {
    const notes = linesOf('internal', events).filter((l) => l.style === 'note');
    expect(notes).toEqual([{ style: 'note', meta: '2026-11-30 07:05:09 UTC  Side note by Alice (agents only)', text: 'user is on the old client' }]);
  });

  it('messages name their author, agents as such, with the time; a masked one says so', () => {
    const lines = linesOf('endUser', events);
    expect(lines[3]).toEqual({ style: 'message', meta: '2026-11-30 07:05:09 UTC  Erin', text: 'my card is ****', footnote: 'Card number masked' });
    expect(lines[4]!.meta).toBe('2026-11-30 07:05:09 UTC  Alice (agent)');
  });

  it('times are written in the configured zone', () => {
    expect(formatTime('2026-11-30T07:05:09.000Z')).toBe('2026-11-30 07:05:09 UTC');
    expect(formatTime('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01 14:00:00 GMT+2');
    expect(formatTime('not a date')).toBe('not a date');
  });
});

describe('printable', () => {
  it('keeps what the PDF fonts draw and replaces the rest with ?', () => {
    expect(printable('Grüße – “quoted” € 5')).toBe('Grüße – “quoted” € 5');
    expect(printable('日本 ok 🙂')).toBe('?? ok ?');
    expect(printable('a\u0000b\r\nc\td\u0085')).toBe('ab\nc\td');
  });
});

describe('heading', () => {
  const heading: TranscriptHeading = {
    kind: 'endUser',
    sessionId: 's1',
    endUserName: 'Erin',
    companyId: 'acme',
    startedAt: '2026-11-30T07:00:00.000Z',
    status: 'ASSIGNED',
    generatedAt: '2026-11-30T07:10:00.000Z',
    lastSeq: 6,
  };

  it('says the chat, who, when, and that an open chat may go on', () => {
    const h = headingLines(heading);
    expect(h.title).toBe('Chat transcript');
    expect(h.subtitle).toBeUndefined();
    expect(h.facts).toEqual([
      'Chat s1',
      'End user: Erin (acme)',
      'Started: 2026-11-30 07:00:00 UTC',
      'Status: with an agent (the chat was still open when this was written)',
      'Written: 2026-11-30 07:10:00 UTC',
    ]);
  });

  it('the internal one says it is not for the end user, and names the ticket', () => {
    const h = headingLines({ ...heading, kind: 'internal', status: 'CLOSED', closedAt: '2026-11-30T07:09:00.000Z', ticket: { ticketId: 'T-1', summary: 'VPN', status: 'Resolved' } });
    expect(h.title).toBe('Internal chat transcript');
    expect(h.subtitle).toContain('never for the end user');
    expect(h.facts).toContain('Ended: 2026-11-30 07:09:00 UTC (closed)');
    expect(h.facts).toContain('Ticket: T-1 (Resolved): VPN');
  });
});
