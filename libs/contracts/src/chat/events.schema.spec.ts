// Events on NATS are a typed union (ADR 7): a consumer parses them with `sessionEventSchema` and
// gets the domain's event types, with nothing it reads dropped on the way.
import { chatCommandResultSchema, chatEventMessageSchema } from './commands.schema';
import { sessionEventSchema } from './events.schema';
import { sessionStateSchema, sessionSummarySchema } from './session.schema';

const base = { seq: 3, at: '2026-01-05T09:00:00.000Z', sessionId: 'k1-session-0001', commandId: 'command-3', by: { role: 'agent', id: 'a1' } };
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const state = {
  sessionId: 'k1-session-0001',
  version: 3,
  status: 'ASSIGNED',
  queue: 'General',
  topic: 'vpn',
  companyId: 'acme',
  endUserId: 'u-1',
  endUserName: 'Uma User',
  requestId: 'req-1',
  description: 'My VPN does not connect',
  ownerAgentId: 'a1',
  cancelledByUser: false,
  userLeft: false,
  ticket: { ticketId: 'T-100', status: 'Open', summary: 'VPN broken' },
  participants: ['a1'],
  agentNames: [{ id: 'a1', name: 'Agent A1' }],
  recentCommands: [
    { id: 'command-1', firstSeq: 1 },
    { id: 'command-2', firstSeq: 2 },
    { id: 'command-3', firstSeq: 3 },
  ],
  lastVisibleSeq: 3,
  createdAt: '2026-01-05T09:00:00.000Z',
  assignedAt: '2026-01-05T09:01:00.000Z',
};

describe('session event contract', () => {
  it('R13 history: an event keeps every field, `by`, `seq`, `at`, `sessionId` and `commandId` included', () => {
    const event = { ...base, type: 'SessionAssigned', agentId: 'a2', agentName: 'Agent A2', via: 'transfer', fromAgentId: 'a1' };
    expect(sessionEventSchema.parse(json(event))).toEqual(event);
  });

  it('R13 history: an event of an unknown type, or missing a field of its type, is refused', () => {
    expect(sessionEventSchema.safeParse({ ...base, type: 'Exploded' }).success).toBe(false);
    expect(sessionEventSchema.safeParse({ ...base, type: 'MessagePosted', from: 'endUser', authorId: 'u-1' }).success).toBe(false);
    expect(sessionEventSchema.safeParse({ ...base, type: 'MessagePosted', from: 'robot', authorId: 'u-1', text: 'hi' }).success).toBe(false);
    const { by: _by, ...withoutActor } = { ...base, type: 'UserLeft' };
    expect(sessionEventSchema.safeParse(withoutActor).success).toBe(false);
  });

  it('summary: the session summary keeps every field of the domain state', () => {
    expect(sessionStateSchema.parse(json(state))).toEqual(state);
    expect(sessionStateSchema.safeParse({ ...state, status: 'LOST' }).success).toBe(false);
  });

  it('A5 events: a chat event message carries a typed event and the summary part of the state', () => {
    const event = { ...base, type: 'MessagePosted', from: 'agent', authorId: 'a1', authorName: 'Agent A1', text: 'Hi' };
    const session = sessionSummarySchema.parse(state);
    expect(Object.keys(session).sort()).toEqual(
      ['cancelledByUser', 'companyId', 'endUserId', 'ownerAgentId', 'queue', 'sessionId', 'status', 'userLeft', 'version'].sort(),
    );
    const message = { event, prevVisibleSeq: 2, session };
    expect(chatEventMessageSchema.parse(json(message))).toEqual(message);
  });

  it('A3 replies: a chat-actor reply carries typed events and the whole summary', () => {
    const reply = { sessionId: state.sessionId, version: 3, duplicate: false, events: [{ ...base, type: 'TicketCreated', ticketId: 'T-100', summary: 'VPN broken', endUserId: 'u-1', companyId: 'acme', agentId: 'a1' }], session: state };
    expect(chatCommandResultSchema.parse(json(reply))).toEqual(reply);
  });
});
