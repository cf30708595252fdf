import { CHAT_SCHEMA_VERSION, describeSkip, isKnownEventType, readChatEventMessage } from './schema-version';

const event = { type: 'MessagePosted', from: 'endUser', authorId: 'u1', text: 'hi', seq: 3, at: '2026-11-30T10:00:00.000Z', sessionId: 's1', commandId: 'c1', by: { role: 'endUser', id: 'u1' } };
const session = { sessionId: 's1', status: 'ASSIGNED', version: 3, queue: 'General', endUserId: 'u1', companyId: 'acme', cancelledByUser: false, userLeft: false, startedAt: '2026-11-30T09:59:00.000Z', ownerAgentId: 'a1' };

describe('chat schema version (issue 18: rolling upgrades)', () => {
  it('reads a message of this version, and one from before versions existed (no v), alike', () => {
    const current = readChatEventMessage({ v: CHAT_SCHEMA_VERSION, event, prevVisibleSeq: 2, session });
    const older = readChatEventMessage({ event, prevVisibleSeq: 2, session });
    if (!current.ok || !older.ok) throw new Error(`not read: ${JSON.stringify([current, older])}`);
    expect(older.message.event).toEqual(current.message.event);
  });

  it('skips a message of a newer schema version, and says why', () => {
    const read = readChatEventMessage({ v: CHAT_SCHEMA_VERSION + 1, event, prevVisibleSeq: 2, session });
    expect(read).toEqual({ ok: false, skip: { reason: 'newerVersion', version: CHAT_SCHEMA_VERSION + 1 } });
    if (!read.ok) expect(describeSkip(read.skip)).toContain(`schema version ${CHAT_SCHEMA_VERSION + 1}`);
  });

  it('skips an event type this process does not know, and a malformed message', () => {
    expect(readChatEventMessage({ v: CHAT_SCHEMA_VERSION, event: { ...event, type: 'ChatTeleported' }, prevVisibleSeq: 2, session })).toEqual({
      ok: false,
      skip: { reason: 'unknownType', type: 'ChatTeleported' },
    });
    const malformed = readChatEventMessage({ v: CHAT_SCHEMA_VERSION, event: { ...event, seq: 'three' }, prevVisibleSeq: 2, session });
    expect(malformed).toMatchObject({ ok: false, skip: { reason: 'invalid' } });
    expect(isKnownEventType('MessagePosted')).toBe(true);
    expect(isKnownEventType('ChatTeleported')).toBe(false);
  });
});
