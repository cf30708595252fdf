import { PRIORITY_NAMES, type AttachmentRef, type MaskedKind, type SessionEventView } from '@switchboard/contracts';
import { waitText } from '@switchboard/domain';

export type Viewer = 'agent' | 'endUser';

/** One line of a chat's transcript as a screen shows it. */
export interface TranscriptEntry {
  seq: number;
  at: string;
  kind: 'message' | 'note' | 'system';
  /** Messages: who wrote it. */
  from?: 'endUser' | 'agent';
  /** Messages and notes: the author's display name. */
  author?: string;
  /** Messages and notes: the author's id (the end user's for the chat's description). */
  authorId?: string;
  text: string;
  /** Messages and notes: what was masked in `text` before it was stored; absent when nothing was. */
  masked?: readonly MaskedKind[];
  /** System lines: how much it matters to the reader. */
  tone?: 'info' | 'warning' | 'success';
  /** Messages that are a file or screenshot (`text` is then its name): open it through a signed link. */
  attachment?: AttachmentRef;
}

type Fields = Record<string, unknown>;

/** How a ticket id reads on screen: `T-c428907d` for `T-c428907d-01a5-...`; other ids as they are. */
export function shortTicketId(ticketId: string): string {
  const uuid = /^(T-)?([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.exec(ticketId);
  return uuid ? `T-${uuid[2]}` : ticketId;
}
const ticket = (e: Fields): string => shortTicketId(str(e, 'ticketId'));
const str = (e: Fields, key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
/** The event's `masked`, as a field to spread into its line: nothing when nothing was masked. */
const maskedOf = (e: Fields): { masked?: readonly MaskedKind[] } => {
  const kinds = Array.isArray(e['masked']) ? (e['masked'] as unknown[]).filter((k): k is MaskedKind => k === 'card' || k === 'pattern') : [];
  return kinds.length > 0 ? { masked: kinds } : {};
};

/** The event's file reference, when it has a well-formed one. */
const attachmentOf = (e: Fields): AttachmentRef | undefined => {
  const a = e['attachment'] as Partial<AttachmentRef> | undefined;
  if (!a || typeof a.id !== 'string' || typeof a.name !== 'string' || typeof a.mediaType !== 'string' || typeof a.size !== 'number') return undefined;
  return { id: a.id, name: a.name, mediaType: a.mediaType, size: a.size };
};

/**
 * What the sender of a masked message or side note reads under it, so they
 * know the others see it masked; null when nothing was masked.
 */
export function maskedNote(masked: readonly MaskedKind[] | undefined): string | null {
  const card = masked?.includes('card') ?? false;
  const pattern = masked?.includes('pattern') ?? false;
  if (card && pattern) return "Card number masked; also masked by your administrator's rules";
  if (card) return 'Card number masked';
  if (pattern) return "Masked by your administrator's rules";
  return null;
}

/**
 * The transcript of a session for an agent or an end user (R13): messages,
 * side notes (agents only) and one readable line per system event, in seq
 * order. Events the viewer should not see are left out.
 */
export function transcriptOf(events: readonly SessionEventView[], viewer: Viewer): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) entries.push(...entriesOf(event as SessionEventView & Fields, viewer));
  return entries;
}

function entriesOf(e: SessionEventView & Fields, viewer: Viewer): TranscriptEntry[] {
  const base = { seq: e.seq, at: e.at };
  const system = (text: string, tone: TranscriptEntry['tone'] = 'info'): TranscriptEntry[] => [{ ...base, kind: 'system', text, tone }];
  const agent = viewer === 'agent';
  switch (e.type) {
    case 'SessionStarted':
      return [
        ...system(agent ? `Chat started by ${str(e, 'endUserName') || str(e, 'endUserId')} in the ${str(e, 'queue')} queue` : 'You started the chat'),
        { ...base, kind: 'message', from: 'endUser', author: str(e, 'endUserName') || str(e, 'endUserId'), authorId: str(e, 'endUserId'), text: str(e, 'description'), ...maskedOf(e) },
      ];
    case 'MessagePosted': {
      const from = str(e, 'from') === 'agent' ? 'agent' : 'endUser';
      return [{ ...base, kind: 'message', from, author: str(e, 'authorName') || str(e, 'authorId'), authorId: str(e, 'authorId'), text: str(e, 'text'), ...maskedOf(e) }];
    }
    case 'AttachmentPosted': {
      const attachment = attachmentOf(e);
      if (!attachment) return [];
      const from = str(e, 'from') === 'agent' ? 'agent' : 'endUser';
      return [{ ...base, kind: 'message', from, author: str(e, 'authorName') || str(e, 'authorId'), authorId: str(e, 'authorId'), text: attachment.name, attachment, ...maskedOf(e) }];
    }
    case 'SideNoteAdded':
      return agent ? [{ ...base, kind: 'note', author: str(e, 'authorName') || str(e, 'authorId'), authorId: str(e, 'authorId'), text: str(e, 'text'), ...maskedOf(e) }] : [];
    // Issue 16: a supervisor's note to the owning agent, marked as theirs; never for the end user.
    case 'WhisperAdded':
      return agent ? [{ ...base, kind: 'note', author: `${str(e, 'authorName') || str(e, 'authorId')} (supervisor, whisper)`, authorId: str(e, 'authorId'), text: str(e, 'text'), ...maskedOf(e) }] : [];
    case 'HelpFlagRaised':
      return agent ? system(`${str(e, 'agentName')} asked a supervisor for help${str(e, 'note') ? `: ${str(e, 'note')}` : ''}`, 'warning') : [];
    case 'HelpFlagLowered':
      return agent ? system('The help flag is down') : [];
    // Issue 16 (ADR 24): invitations and consults are between agents; joins and leaves both sides see.
    case 'AgentInvited':
      return agent ? system(`${str(e, 'fromAgentName')} invited ${str(e, 'agentName')}${str(e, 'note') ? `: ${str(e, 'note')}` : ''}`) : [];
    case 'InviteEnded':
      return agent ? system(str(e, 'reason') === 'declined' ? `${str(e, 'agentName')} declined the invitation` : `The invitation of ${str(e, 'agentName')} was cancelled`) : [];
    case 'ConsultAdded':
      return agent ? [{ ...base, kind: 'note', author: `${str(e, 'authorName') || str(e, 'authorId')} (agents only)`, authorId: str(e, 'authorId'), text: str(e, 'text'), ...maskedOf(e) }] : [];
    case 'ParticipantJoined':
      return system(`${str(e, 'agentName')}${agent && str(e, 'via') === 'bargeIn' ? ' (supervisor)' : ''} joined the chat`, 'success');
    case 'ParticipantLeft':
      return system(agent && str(e, 'reason') === 'removed' ? `${str(e, 'agentName')} was removed from the chat` : `${str(e, 'agentName')} left the chat`);
    case 'SessionTakenOver':
      return system(agent ? `${str(e, 'agentName')} (supervisor) took the chat over from ${str(e, 'fromAgentName')}` : `${str(e, 'agentName')} is now helping you`, 'success');
    case 'SessionAssigned': {
      const name = str(e, 'agentName');
      if (!agent) return system(`${name} is now helping you`, 'success');
      const via = str(e, 'via');
      return system(via === 'transfer' ? `${name} accepted the transfer` : via === 'autoAssign' ? `Assigned to ${name} automatically` : `${name} accepted the chat`, 'success');
    }
    case 'TransferRequested':
      return system(agent ? `${str(e, 'fromAgentName')} transferred the chat to ${str(e, 'toAgentName')}` : `Your chat is being transferred to ${str(e, 'toAgentName')}`);
    case 'TransferredToQueue':
      return system(agent ? `${str(e, 'fromAgentName')} transferred the chat to the ${str(e, 'toQueue')} queue` : `Your chat was transferred to the ${str(e, 'toQueue')} team. Please wait for an agent.`);
    case 'SessionReleased':
      return system(agent ? `${str(e, 'agentName')} released the chat back to the ${str(e, 'queue')} queue` : 'Your chat was released so another agent can help you. Please wait.');
    case 'FirstReplyMissed':
      return system(
        agent
          ? `${str(e, 'agentName')} did not reply in time; the chat went back to the ${str(e, 'queue')} queue for another agent`
          : 'Your agent could not reply in time, so your chat went back to the queue. Another agent will be with you shortly.',
        'warning',
      );
    case 'TransferReverted':
      return system(agent ? `The transfer did not happen (the agent went offline); the chat is back in the ${str(e, 'queue')} queue` : 'Your chat is back in the queue. Please wait for an agent.', 'warning');
    case 'UserCancelled':
      return system(agent ? 'End user has cancelled chat.' : 'You cancelled the chat', 'warning');
    case 'UserLeft':
      return agent ? system('The end user left the chat', 'warning') : [];
    case 'UserReturned':
      return agent ? system('The end user is back') : [];
    case 'UserInactivityWarned':
      // Issue 15: the question the widget shows, and the line the agent sees that it was asked.
      return system(agent ? 'The end user was asked whether they are still there' : 'Are you still there? Reply to keep the chat open.', 'warning');
    case 'TicketCreated':
      return system(agent ? `Ticket ${ticket(e)} created: ${str(e, 'summary')}` : `Ticket ${ticket(e)} was opened for your issue`);
    case 'TicketResolved':
      return system(`Ticket ${ticket(e)} resolved`, 'success');
    case 'TicketCancelled':
      return system(`Ticket ${ticket(e)} cancelled`, 'warning');
    case 'RemoteControlRequested':
      return agent ? system(`Remote control requested for device ${str(e, 'deviceId')}`) : [];
    case 'SessionClosed': {
      const reason = str(e, 'reason');
      if (reason === 'userCancelled') return system(agent ? 'The end user cancelled the chat before it was accepted' : 'You cancelled the chat');
      if (reason === 'forceClosed') return system('An administrator closed the chat', 'warning');
      if (reason === 'userInactive') return system(agent ? 'Chat closed: the end user did not answer in time' : 'The chat was closed because we did not hear from you', 'warning');
      if (reason === 'userLeft') return system(agent ? 'Chat closed: the end user left and did not come back' : 'The chat was closed after you left', 'warning');
      if (reason === 'messageLeft') return system(agent ? 'Closed: the end user left a message (ticket) instead of chatting' : 'Thank you: your message was left for our team', 'success');
      return system(agent ? 'Chat ended' : 'The agent ended the chat. Thank you for contacting us!');
    }
    case 'SessionAbandoned':
      return system(agent ? `${str(e, 'agentName')} abandoned the chat` : 'The chat was closed', 'warning');
    // Issue 15: the priority is for agents; the wait estimate is shown to the end user above the transcript.
    case 'PriorityRaised':
      return agent ? system(`Priority raised to ${PRIORITY_NAMES[Number(e['to'])] ?? String(e['to'])}`) : [];
    case 'WaitEstimated':
      return agent ? system(`The end user was shown: ${waitText(Number(e['minSeconds']), Number(e['maxSeconds']))}`) : [];
    // Issue 15: maximum wait and messages left.
    case 'QueueOverflowed':
      return system(agent ? `Waited too long in the ${str(e, 'fromQueue')} queue; moved to the ${str(e, 'toQueue')} queue` : 'All agents of this desk are busy: your chat moved to another team so that you are answered sooner.', 'warning');
    case 'LongWaitOffered':
      return system(agent ? `The end user waited the maximum in the ${str(e, 'queue')} queue and was offered to leave a message` : 'Sorry for the wait: all agents are busy. You can leave us a message and we will get back to you, or keep waiting.', 'warning');
    case 'KeptWaiting':
      return system(agent ? 'The end user chose to keep waiting' : 'You chose to keep waiting');
    case 'MessageLeft':
      return system(agent ? `Message left as ticket ${ticket(e)}: ${str(e, 'summary')}` : `Your message was left as ticket ${ticket(e)}. We will get back to you.`, 'success');
    case 'ChatRated': {
      // Issue 17: the end user's satisfaction rating, after the end.
      const comment = str(e, 'comment');
      const score = String(e['score'] ?? '');
      return system(agent ? `The end user rated the chat ${score}/5${comment ? `: \u201c${comment}\u201d` : ''}` : `You rated this chat ${score} out of 5`, 'success');
    }
    default:
      return [];
  }
}

/**
 * What a screen shows about a session besides its transcript, read from the
 * events held (a page of the history may not reach back to the start:
 * combine with what the session's record says, `withFacts`).
 */
export interface SessionFacts {
  description?: string;
  topic?: string;
  endUserName?: string;
  /** The agent the end user last heard of (R3.2). */
  agentName?: string;
  ticket?: { ticketId: string; summary: string; status: 'Open' | 'Resolved' | 'Cancelled' };
  /** A side note came with the latest transfer: who wrote it. */
  lastNoteBy?: string;
  /** Issue 15: the latest wait estimate, for the stay in the queue that began at `queuedAt`. */
  waitEstimate?: { minSeconds: number; maxSeconds: number; queuedAt: string };
}

/** Issue 15: the wait estimate as the end user reads it (the domain's words, as in its notification). */
export { waitText };

export function factsOf(events: readonly SessionEventView[]): SessionFacts {
  const facts: SessionFacts = {};
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const e = event as SessionEventView & Fields;
    switch (e.type) {
      case 'SessionStarted':
        facts.description = str(e, 'description');
        facts.topic = str(e, 'topic') || undefined;
        facts.endUserName = str(e, 'endUserName') || undefined;
        break;
      case 'SessionAssigned':
      case 'SessionTakenOver':
        facts.agentName = str(e, 'agentName');
        break;
      case 'SideNoteAdded':
        facts.lastNoteBy = str(e, 'authorName') || str(e, 'authorId');
        break;
      case 'WaitEstimated':
        facts.waitEstimate = { minSeconds: Number(e['minSeconds']), maxSeconds: Number(e['maxSeconds']), queuedAt: str(e, 'queuedAt') };
        break;
      case 'TicketCreated':
        facts.ticket = { ticketId: str(e, 'ticketId'), summary: str(e, 'summary'), status: 'Open' };
        break;
      // A page of the history may start after the ticket was created: the ticket is known by its id then.
      case 'TicketResolved':
        facts.ticket = { ...(facts.ticket ?? { ticketId: str(e, 'ticketId'), summary: '' }), status: 'Resolved' };
        break;
      case 'TicketCancelled':
        facts.ticket = { ...(facts.ticket ?? { ticketId: str(e, 'ticketId'), summary: '' }), status: 'Cancelled' };
        break;
    }
  }
  return facts;
}

/**
 * Facts from several sources, later ones winning field by field where they
 * know something (undefined and empty values never hide an earlier one); a
 * ticket's summary is kept when a later source knows only its status.
 */
export function withFacts(...sources: ReadonlyArray<Partial<SessionFacts> | undefined>): SessionFacts {
  const facts: SessionFacts = {};
  for (const source of sources) {
    if (!source) continue;
    if (source.description) facts.description = source.description;
    if (source.topic) facts.topic = source.topic;
    if (source.endUserName) facts.endUserName = source.endUserName;
    if (source.agentName) facts.agentName = source.agentName;
    if (source.lastNoteBy) facts.lastNoteBy = source.lastNoteBy;
    if (source.waitEstimate) facts.waitEstimate = source.waitEstimate;
    if (source.ticket) {
      const before = facts.ticket?.ticketId === source.ticket.ticketId ? facts.ticket : undefined;
      facts.ticket = { ...source.ticket, summary: source.ticket.summary || before?.summary || '' };
    }
  }
  return facts;
}
