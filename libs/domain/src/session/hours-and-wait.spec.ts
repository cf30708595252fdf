import { sessionEventSchema, sessionStateSchema, type OpeningHours } from '@switchboard/contracts';
import { notificationsFor } from '../notifications/notifications';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from '../settings/queue-policy';
import { agentActor, at, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

/** T0 (fixtures) is Monday 2026-01-05 09:00 UTC. */
const weekdays9to17: OpeningHours = { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })), holidays: [] };
const policy = (over: Partial<QueuePolicy>): QueuePolicy => ({ ...DEFAULT_QUEUE_POLICY, ...over });

describe('opening hours (issue 15) at the start of a chat', () => {
  it('opening hours: a start outside the queue\'s hours is refused with QUEUE_CLOSED and the next opening', () => {
    const s = new Scenario(context({ now: '2026-01-05T18:00:00.000Z', queuePolicy: policy({ openingHours: weekdays9to17 }) }));
    const error = s.refused(C.start(), 'QUEUE_CLOSED');
    expect(error.details).toEqual({ queue: 'General', nextOpeningAt: '2026-01-06T09:00:00.000Z', timeZone: 'UTC' });
    expect(s.state).toBeUndefined();
  });

  it('opening hours: a start within the hours, or in a queue without hours, starts the chat', () => {
    expect(Scenario.started(context({ queuePolicy: policy({ openingHours: weekdays9to17 }) })).s.status).toBe('QUEUED');
    expect(Scenario.started(context({ now: '2026-01-05T18:00:00.000Z', queuePolicy: policy({}) })).s.status).toBe('QUEUED');
  });

  it('opening hours: a queue closed for good (no intervals) is refused without a next opening', () => {
    const s = new Scenario(context({ queuePolicy: policy({ openingHours: { timeZone: 'UTC', weekly: [], holidays: [] } }) }));
    expect(s.refused(C.start(), 'QUEUE_CLOSED').details).toEqual({ queue: 'General', timeZone: 'UTC' });
  });

  it('opening hours: a start that leaves a message after hours becomes an open ticket the desk sees, and the session closes at once', () => {
    const s = new Scenario(context({ now: '2026-01-05T18:00:00.000Z', queuePolicy: policy({ openingHours: weekdays9to17, maxWaitSeconds: 60 }) }));
    const events = s.ok(C.start({ leaveMessage: true, description: 'Printer 4111 1111 1111 1111 jams' }));
    expect(events.map((e) => e.type)).toEqual(['SessionStarted', 'MessageLeft', 'SessionClosed']);
    expect(events[0]).not.toHaveProperty('maxWaitDueAt');
    expect(events[1]).toMatchObject({ ticketId: 'T-100', reason: 'afterHours', endUserId: 'u-1', companyId: 'acme', queue: 'General', masked: ['card'] });
    expect((events[1] as { summary: string }).summary).not.toContain('4111 1111 1111 1111');
    expect(events[2]).toMatchObject({ reason: 'messageLeft', previousStatus: 'QUEUED' });
    expect(s.s).toMatchObject({ status: 'CLOSED', ticket: { ticketId: 'T-100', status: 'Open' } });
    expect(s.s.deadlines).toBeUndefined();
    for (const e of events) expect(sessionEventSchema.safeParse(e).success).toBe(true);
    expect(sessionStateSchema.safeParse(s.s).success).toBe(true);
    // The end user is told; the start repeated (R1.1) returns the same outcome.
    expect(notificationsFor(events[1]!, s.s).map((n) => n.notice)).toEqual(['MESSAGE_LEFT']);
    expect(s.run(C.start({ leaveMessage: true, description: 'Printer 4111 1111 1111 1111 jams', requestId: 'req-1' }))).toMatchObject({ ok: true, duplicate: true });
  });

  it('opening hours: leaving a message needs a ticket id from the context', () => {
    const s = new Scenario(context({ newIds: undefined }));
    s.refused(C.start({ leaveMessage: true }), 'CONTEXT_INCOMPLETE');
  });

  it('opening hours: a chat already running is not cut off when the hours end (the hours are checked at the start only)', () => {
    const s = Scenario.assignedTo('a1', context({ queuePolicy: policy({ openingHours: weekdays9to17 }) }));
    s.with({ now: '2026-01-05T18:00:00.000Z' });
    s.ok(C.say(endUser(), 'still there?'));
    s.ok(C.say(agentActor('a1'), 'yes'));
    expect(s.s.status).toBe('ASSIGNED');
  });
});

describe('maximum wait (issue 15)', () => {
  const waiting = (over: Partial<QueuePolicy> = {}) => Scenario.started(context({ queuePolicy: policy({ maxWaitSeconds: 120, ...over }) }));

  it('maximum wait: a queued chat arms the maxWait deadline at its start; an assignment clears it', () => {
    const s = waiting();
    expect(s.log[0]).toMatchObject({ maxWaitDueAt: at(2) });
    expect(s.s.deadlines).toEqual([{ kind: 'maxWait', dueAt: at(2), armedAtSeq: 1 }]);
    s.ok(C.accept('a1'));
    expect(s.s.deadlines).toBeUndefined();
    expect(Scenario.started(context()).s.deadlines).toBeUndefined();
  });

  it('maximum wait: without an overflow queue the end user is offered to leave a message or keep waiting; keep waiting re-arms it', () => {
    const s = waiting();
    s.with({ now: at(1) }).refused(C.deadline(1, 'maxWait'), 'DEADLINE_NOT_DUE');
    const offered = s.with({ now: at(2) }).ok(C.deadline(1, 'maxWait'));
    expect(offered).toEqual([expect.objectContaining({ type: 'LongWaitOffered', queue: 'General', waitedSeconds: 120 })]);
    expect(s.s).toMatchObject({ status: 'QUEUED', longWaitSince: at(2) });
    expect(s.s.deadlines).toBeUndefined();
    expect(notificationsFor(offered[0]!, s.s).map((n) => [n.audience.to, n.notice])).toEqual([['endUser', 'LONG_WAIT']]);
    // A second firing of the same deadline takes effect once.
    const version = s.s.version;
    expect(s.run(C.deadline(1, 'maxWait'))).toMatchObject({ ok: true, duplicate: true });
    expect(s.s.version).toBe(version);

    const kept = s.with({ now: at(3) }).ok(C.keepWaiting());
    expect(kept).toEqual([expect.objectContaining({ type: 'KeptWaiting', maxWaitDueAt: at(5) })]);
    expect(s.s.longWaitSince).toBeUndefined();
    expect(s.s.deadlines).toEqual([{ kind: 'maxWait', dueAt: at(5), armedAtSeq: s.s.version }]);
    // Keeping waiting is an answer to the offer only.
    s.refused(C.keepWaiting(), 'INVALID_STATE');
  });

  it('maximum wait: leaving a message after the long wait is an open ticket and closes the chat', () => {
    const s = waiting();
    s.with({ now: at(2) }).ok(C.deadline(1, 'maxWait'));
    const events = s.ok(C.leaveMessage('Please call me back'));
    expect(events.map((e) => e.type)).toEqual(['MessageLeft', 'SessionClosed']);
    expect(events[0]).toMatchObject({ reason: 'longWait', summary: 'Please call me back', ticketId: 'T-100' });
    expect(s.s).toMatchObject({ status: 'CLOSED', ticket: { ticketId: 'T-100', status: 'Open', summary: 'Please call me back' } });
    expect(s.s.longWaitSince).toBeUndefined();
  });

  it('maximum wait: a message without text keeps the description; only the chat\'s own end user, only while it waits', () => {
    const s = waiting();
    s.refused(C.leaveMessage(undefined, endUser('u-2')), 'FORBIDDEN');
    s.refused(C.leaveMessage(undefined, agentActor('a1')), 'FORBIDDEN');
    s.ok(C.accept('a1'));
    s.refused(C.leaveMessage(), 'INVALID_STATE');

    const plain = waiting();
    expect(plain.ok(C.leaveMessage())[0]).toMatchObject({ summary: 'My VPN does not connect' });
  });

  it('maximum wait: with an overflow queue the chat moves there once, keeps its wait time, and then the end user chooses', () => {
    const s = waiting({ overflowQueue: 'Network' });
    const queuedAt = s.s.queuedAt;
    const moved = s.with({ now: at(2) }).ok(C.deadline(1, 'maxWait'));
    expect(moved).toEqual([expect.objectContaining({ type: 'QueueOverflowed', fromQueue: 'General', toQueue: 'Network', waitedSeconds: 120, maxWaitDueAt: at(4) })]);
    expect(s.s).toMatchObject({ status: 'QUEUED', queue: 'Network', overflowedFrom: 'General', queuedAt });
    expect(notificationsFor(moved[0]!, s.s).map((n) => n.notice)).toEqual(['QUEUE_OVERFLOWED']);
    const armed = s.s.version;
    expect(s.s.deadlines).toEqual([{ kind: 'maxWait', dueAt: at(4), armedAtSeq: armed }]);
    // A chat overflows once: next time its end user chooses.
    const second = s.with({ now: at(4) }).ok(C.deadline(armed, 'maxWait'));
    expect(second).toEqual([expect.objectContaining({ type: 'LongWaitOffered', queue: 'Network', waitedSeconds: 240 })]);
  });

  it('maximum wait: an offer pending at the overflow is withdrawn first', () => {
    const s = Scenario.started(context({ settings: settings({ agentAutoAccept: true }), queuePolicy: policy({ maxWaitSeconds: 120, overflowQueue: 'Network', offerSeconds: 300 }) }));
    s.ok(C.autoAssign('a1'));
    expect(s.s.offer?.agentId).toBe('a1');
    const events = s.with({ now: at(2) }).ok(C.deadline(1, 'maxWait'));
    expect(events.map((e) => e.type)).toEqual(['OfferWithdrawn', 'QueueOverflowed']);
    expect(s.s.offer).toBeUndefined();
    expect(s.s.deadlines?.map((d) => d.kind)).toEqual(['maxWait']);
  });

  it('maximum wait: a chat requeued by its agent is not timed again (the wait counts until an agent first takes it)', () => {
    const s = waiting();
    s.ok(C.accept('a1'));
    s.ok(C.release('a1'));
    expect(s.s.deadlines).toBeUndefined();
  });
});
