import type { SessionHistoryEntryView } from '@switchboard/contracts';
import { attachmentOf, entryKind } from './history-entry';

const entry = (fields: Record<string, unknown>): SessionHistoryEntryView => ({ seq: 4, type: 'AttachmentPosted', at: '2026-11-30T08:00:00Z', by: { role: 'endUser', id: 'erin' }, ...fields });

describe('files in the chat record', () => {
  const file = { id: '665f1c2e9b1e8a0012345678', name: 'vpn-error.png', mediaType: 'image/png', size: 48_213 };

  it('an AttachmentPosted entry is shown as a file with its reference', () => {
    expect(entryKind(entry({ attachment: file }))).toBe('attachment');
    expect(attachmentOf(entry({ attachment: file }))).toEqual(file);
  });

  it('an entry without a well-formed reference is shown as a system line', () => {
    expect(entryKind(entry({ attachment: { id: 'x' } }))).toBe('event');
    expect(attachmentOf(entry({}))).toBeUndefined();
  });
});
