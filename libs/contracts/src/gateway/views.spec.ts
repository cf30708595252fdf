import { sessionStateSchema, sessionSummarySchema } from '../chat/session.schema';
import { listItemSchema, sessionDetailSchema } from './views';

describe('issue 12: the session views define no field of the session state again', () => {
  const stateFields = Object.keys(sessionStateSchema.shape) as (keyof typeof sessionStateSchema.shape)[];

  it('sessionDetailSchema uses the session state schema for every field of the state it carries', () => {
    for (const field of stateFields.filter((f) => f in sessionDetailSchema.shape)) {
      const own = sessionDetailSchema.shape[field as keyof typeof sessionDetailSchema.shape];
      expect({ field, same: own === sessionStateSchema.shape[field] || own === sessionSummarySchema.shape[field as keyof typeof sessionSummarySchema.shape] }).toEqual({ field, same: true });
    }
    expect(Object.keys(sessionDetailSchema.shape).filter((f) => !(f in sessionStateSchema.shape)).sort()).toEqual(['hasOlder', 'history', 'ownerAgentName']);
  });

  it('listItemSchema takes its extra fields from the session state schema (optional there)', () => {
    expect(Object.keys(listItemSchema.shape).filter((f) => !(f in sessionStateSchema.shape))).toEqual([]);
    const item = { ...sessionSummarySchema.parse(sample()), description: 'x' };
    expect(listItemSchema.parse(item)).toEqual(item);
    expect(listItemSchema.safeParse({ ...item, createdAt: 5 }).success).toBe(false);
  });

  it('a session detail parses with the same rules as the state (e.g. the ticket status)', () => {
    const detail = { ...sessionSummarySchema.parse(sample()), description: 'help', createdAt: '2026-01-01T00:00:00.000Z', history: [], hasOlder: false };
    expect(sessionDetailSchema.parse(detail)).toEqual(detail);
    expect(sessionDetailSchema.safeParse({ ...detail, ticket: { ticketId: 't', status: 'Lost', summary: 's' } }).success).toBe(false);
  });
});

function sample() {
  return {
    sessionId: 'ab1-0123456789',
    version: 1,
    status: 'QUEUED',
    queue: 'general',
    companyId: 'acme',
    endUserId: 'erin',
    queuedAt: '2026-01-01T00:00:00.000Z',
    cancelledByUser: false,
    userLeft: false,
  };
}
