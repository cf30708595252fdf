import type { AttachmentRef, SessionHistoryEntryView } from '@switchboard/contracts';

export type EntryKind = 'message' | 'attachment' | 'sideNote' | 'event';

/** How an entry of the history is shown: a chat bubble, a side note, or a line for a system event. */
export function entryKind(entry: SessionHistoryEntryView): EntryKind {
  if (entry.type === 'MessagePosted') return 'message';
  if (entry.type === 'AttachmentPosted' && attachmentOf(entry)) return 'attachment';
  if (entry.type === 'SideNoteAdded') return 'sideNote';
  return 'event';
}

/** The text of a message or side note; empty for an entry without one. */
export function textOf(entry: SessionHistoryEntryView): string {
  return typeof entry['text'] === 'string' ? entry['text'] : '';
}

/** The file of an AttachmentPosted entry (shown as a preview or a download). */
export function attachmentOf(entry: SessionHistoryEntryView): AttachmentRef | undefined {
  const a = entry['attachment'] as Partial<AttachmentRef> | undefined;
  if (!a || typeof a.id !== 'string' || typeof a.name !== 'string' || typeof a.mediaType !== 'string' || typeof a.size !== 'number') return undefined;
  return { id: a.id, name: a.name, mediaType: a.mediaType, size: a.size };
}

const who = (by: { role: string; id: string }) => (by.role === 'endUser' ? 'the end user' : by.role === 'admin' ? `administrator ${by.id}` : by.role === 'system' ? 'the system' : by.id);

/** One sentence for a system event (R13: started, accepted by, transferred, released, cancelled, ended, abandoned). */
export function describeEntry(entry: SessionHistoryEntryView): string {
  const e = entry as SessionHistoryEntryView & Record<string, string | undefined>;
  switch (entry.type) {
    case 'SessionStarted':
      return `Chat started in queue ${e['queue'] ?? 'General'}${e['topic'] ? `, topic ${e['topic']}` : ''}`;
    case 'SessionAssigned':
      return `Assigned to ${e['agentId'] ?? who(entry.by)}${e['automatic'] || entry.by.role === 'system' ? ' automatically' : ''}`;
    case 'TransferRequested':
      return `${who(entry.by)} transferred the chat to ${e['targetAgentId'] ?? 'another agent'}`;
    case 'TransferredToQueue':
      return `${who(entry.by)} moved the chat to queue ${e['queue'] ?? ''}`;
    case 'SessionReleased':
      return `${who(entry.by)} released the chat for reassignment`;
    case 'TransferReverted':
      return 'The transfer target went offline; back in the queue';
    case 'UserCancelled':
      return 'The end user cancelled the chat';
    case 'UserLeft':
      return 'The end user left';
    case 'UserReturned':
      return 'The end user came back';
    case 'TicketCreated':
      return `Ticket created${e['summary'] ? `: ${e['summary']}` : ''}`;
    case 'TicketResolved':
      return 'Ticket resolved';
    case 'TicketCancelled':
      return 'Ticket cancelled';
    case 'RemoteControlRequested':
      return `${who(entry.by)} requested remote control${e['deviceId'] ? ` of ${e['deviceId']}` : ''}`;
    case 'SessionClosed':
      return e['reason'] === 'forceClosed'
        ? `Force-closed by ${who(entry.by)}${e['comment'] ? `: \u201c${e['comment']}\u201d` : ''}`
        : `Chat ended by ${who(entry.by)}`;
    case 'SessionAbandoned':
      return `Marked abandoned by ${who(entry.by)}`;
    case 'ChatRated':
      return `Rated ${String(e['score'])}/5 by ${who(entry.by)}${e['comment'] ? `: \u201c${String(e['comment'])}\u201d` : ''}`;
    default:
      return entry.type.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}

export function authorOf(entry: SessionHistoryEntryView): string {
  return entry.by.role === 'endUser' ? 'End user' : entry.by.id;
}
