import { transcriptOf, maskedNote, type TranscriptEntry } from '@switchboard/client';
import { isVisibleToEndUser, type SessionEvent } from '@switchboard/domain';
import type { TranscriptKind } from '@switchboard/contracts';
import { eventsFor } from '../realtime/sessions/session-views';

/**
 * The words of a transcript, apart from how they are laid out on paper: the
 * same lines the consoles show (`transcriptOf` of @switchboard/client), with
 * times and authors written out. Pure, so the PDF writer only places text.
 */

/** What a transcript says about its chat on top of the first page. */
export interface TranscriptHeading {
  kind: TranscriptKind;
  sessionId: string;
  endUserName: string;
  companyId: string;
  startedAt: string;
  /** Absent while the chat is open. */
  closedAt?: string;
  status: string;
  topic?: string;
  ticket?: { ticketId: string; summary: string; status: string };
  /** When this copy was written. */
  generatedAt: string;
  /** The events it holds: seq 1 to this. */
  lastSeq: number;
}

/** One line of the transcript as the PDF prints it. */
export interface TranscriptLine {
  style: 'message' | 'note' | 'system';
  /** Small print above the text: time and who wrote it. */
  meta: string;
  text: string;
  /** Under the text, for masked messages and notes. */
  footnote?: string;
}

/** The stored events of one page as the reader of a transcript of `kind` may see them, as lines. */
export function linesOf(kind: TranscriptKind, events: readonly SessionEvent[], timeZone = 'UTC'): TranscriptLine[] {
  // Side notes never reach an end user's transcript (R13): dropped before anything else is done with them.
  const seen = kind === 'endUser' ? events.filter(isVisibleToEndUser) : events;
  const views = eventsFor(kind === 'endUser' ? 'endUser' : 'admin', seen);
  return transcriptOf(views, kind === 'endUser' ? 'endUser' : 'agent').map((entry) => lineOf(entry, timeZone));
}

export function lineOf(entry: TranscriptEntry, timeZone = 'UTC'): TranscriptLine {
  const time = formatTime(entry.at, timeZone);
  const masked = maskedNote(entry.masked);
  const footnote = masked === null ? {} : { footnote: masked.replace('your administrator', 'the administrator') };
  switch (entry.kind) {
    case 'message':
      return { style: 'message', meta: `${time}  ${printable(entry.author ?? '')}${entry.from === 'agent' ? ' (agent)' : ''}`, text: breakLongWords(printable(entry.text)), ...footnote };
    case 'note':
      return { style: 'note', meta: `${time}  Side note by ${printable(entry.author ?? '')} (agents only)`, text: breakLongWords(printable(entry.text)), ...footnote };
    case 'system':
      return { style: 'system', meta: time, text: printable(entry.text) };
  }
}

/** The heading's lines, title first. */
export function headingLines(h: TranscriptHeading, timeZone = 'UTC'): { title: string; subtitle?: string; facts: string[] } {
  const facts = [
    `Chat ${h.sessionId}`,
    `End user: ${printable(h.endUserName)} (${printable(h.companyId)})`,
    ...(h.topic ? [`Topic: ${printable(h.topic)}`] : []),
    `Started: ${formatTime(h.startedAt, timeZone)}`,
    h.closedAt ? `Ended: ${formatTime(h.closedAt, timeZone)} (${statusWord(h.status)})` : `Status: ${statusWord(h.status)} (the chat was still open when this was written)`,
    ...(h.ticket ? [`Ticket: ${printable(h.ticket.ticketId)} (${h.ticket.status}): ${printable(h.ticket.summary)}`] : []),
    `Written: ${formatTime(h.generatedAt, timeZone)}`,
  ];
  return h.kind === 'internal'
    ? { title: 'Internal chat transcript', subtitle: 'With side notes: for the service desk only, never for the end user.', facts }
    : { title: 'Chat transcript', facts };
}

const STATUS_WORDS: Record<string, string> = {
  QUEUED: 'waiting',
  ASSIGNED: 'with an agent',
  PENDING_TRANSFER: 'being transferred',
  CLOSED: 'closed',
  ABANDONED: 'abandoned',
};
function statusWord(status: string): string {
  return STATUS_WORDS[status] ?? status.toLowerCase();
}

/** `2026-11-30 07:05:09 UTC` (or the zone given); the ISO text itself when it is not a date. */
export function formatTime(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** Longest run without a space the PDF is given to wrap; longer ones are broken into lines of this length. */
export const LONGEST_WORD = 60;

/**
 * Runs of more than LONGEST_WORD characters without white space (a long
 * link, a pasted hash) broken into lines of LONGEST_WORD: they would not fit
 * a line anyway, and the PDF library wraps such a run a character at a time
 * (a message of 4,000 characters without a space took 60 ms instead of 7).
 */
export function breakLongWords(text: string): string {
  return text.replace(new RegExp(`[^\\s]{${LONGEST_WORD + 1},}`, 'g'), (word) => word.match(new RegExp(`[^]{1,${LONGEST_WORD}}`, 'g'))!.join('\n'));
}

// Windows-1252 beyond Latin-1: what the PDF standard fonts can draw besides U+0020..U+007E and U+00A0..U+00FF.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the PDF's standard fonts can draw (Windows-1252): line breaks and tabs
 * kept, other control characters dropped, a character outside the font
 * written as `?` (rather than an unreadable glyph), so what is printed is
 * exactly what a reader of the PDF's text finds.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t') out += ch;
    else if (ch === '\r') continue;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}
