import { at, agentActor, C, context, endUser, system } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { notificationsFor } from '../notifications/notifications';
import { loadChangesOf } from '../policies/agent-load';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from '../settings/queue-policy';
import { isVisibleToEndUser } from './history';

/** Issue 15: a queue asking after 2 minutes of the end user's silence and closing 3 minutes later; a gone end user's chat closes after 5. */
const policy = (over: Partial<QueuePolicy> = {}): QueuePolicy => ({
  ...DEFAULT_QUEUE_POLICY,
  userInactivityWarnSeconds: 120,
  userInactivityCloseSeconds: 180,
  userLeftCloseSeconds: 300,
  ...over,
});
const assigned = (over: Partial<QueuePolicy> = {}) => Scenario.assignedTo('a1', context({ queuePolicy: policy(over) }));
const deadlineOf = (s: Scenario, kind: string) => s.s.deadlines?.find((d) => d.kind === kind);

describe('end-user inactivity (issue 15)', () => {
  it("end-user inactivity: the agent's message arms the warning at the queue's time, at the message's seq", () => {
    const s = assigned();
    expect(deadlineOf(s, 'userInactivityWarn')).toBeUndefined();
    s.ok(C.say(agentActor('a1'), 'Could you restart the VPN client?'));
    const posted = s.log.at(-1)!;
    expect(posted).toMatchObject({ type: 'MessagePosted', from: 'agent', inactivityWarnAt: at(2) });
    expect(posted).not.toHaveProperty('inactivityCloseAt');
    expect(s.s.deadlines).toEqual([{ kind: 'userInactivityWarn', dueAt: at(2), armedAtSeq: posted.seq }]);
  });

  it("end-user inactivity: the agent's file arms it too; the agent's next message re-arms it from then", () => {
    const s = assigned();
    s.ok(C.attach(agentActor('a1'), 'howto.pdf'));
    expect(s.log.at(-1)).toMatchObject({ type: 'AttachmentPosted', inactivityWarnAt: at(2) });
    s.with({ now: at(1) }).ok(C.say(agentActor('a1'), 'Did it help?'));
    expect(s.s.deadlines).toEqual([{ kind: 'userInactivityWarn', dueAt: at(3), armedAtSeq: s.s.version }]);
  });

  it("end-user inactivity: the end user's message or file clears it (the end user is waiting for the agent now, not silent)", () => {
    for (const answer of [C.say(endUser(), 'still broken'), C.attach(endUser(), 'error.png')]) {
      const s = assigned();
      s.ok(C.say(agentActor('a1')));
      const armedAt = s.s.version;
      s.with({ now: at(1) }).ok(answer);
      expect(s.s.deadlines).toBeUndefined();
      s.with({ now: at(2) }).refused(C.deadline(armedAt, 'userInactivityWarn'), 'DEADLINE_NOT_ARMED');
      expect(s.log.some((e) => e.type === 'UserInactivityWarned')).toBe(false);
    }
  });

  it('end-user inactivity: a side note arms nothing (the end user never sees it)', () => {
    const s = assigned();
    s.ok(C.note('a1'));
    expect(s.s.deadlines).toBeUndefined();
  });

  it('end-user inactivity: the warning comes when due, asks the end user and tells the agent, and arms the close', () => {
    const s = assigned();
    s.ok(C.say(agentActor('a1')));
    const armedAt = s.s.version;
    s.with({ now: at(1) }).refused(C.deadline(armedAt, 'userInactivityWarn'), 'DEADLINE_NOT_DUE');
    s.with({ now: at(2) }).ok(C.deadline(armedAt, 'userInactivityWarn'));
    const warned = s.log.at(-1)!;
    expect(warned).toMatchObject({ type: 'UserInactivityWarned', closesAt: at(5), by: system('timers') });
    expect(s.s.status).toBe('ASSIGNED');
    expect(s.s.deadlines).toEqual([{ kind: 'userInactive', dueAt: at(5), armedAtSeq: warned.seq }]);
    expect(isVisibleToEndUser(warned)).toBe(true);
    const notices = notificationsFor(warned, s.s);
    expect(notices.map((n) => [n.audience, n.notice])).toEqual([
      [{ to: 'endUser', endUserId: 'u-1' }, 'USER_INACTIVITY_WARNED'],
      [{ to: 'agent', agentId: 'a1' }, 'USER_INACTIVITY_WARNED'],
    ]);
    expect(notices[0]!.text).toContain('Are you still there?');
  });

  it('end-user inactivity: fired twice, the warning comes once', () => {
    const s = assigned();
    s.ok(C.say(agentActor('a1')));
    const fire = C.deadline(s.s.version, 'userInactivityWarn');
    s.with({ now: at(2) }).ok(fire);
    const version = s.s.version;
    expect(s.run(fire)).toMatchObject({ ok: true, duplicate: true });
    // Another process firing it late (another command id) finds it no longer armed.
    s.with({ now: at(3) }).refused({ ...C.deadline(version - 1, 'userInactivityWarn'), commandId: 'timer-late' }, 'DEADLINE_NOT_ARMED');
    expect(s.log.filter((e) => e.type === 'UserInactivityWarned')).toHaveLength(1);
  });

  it("end-user inactivity: the close comes when due: SessionClosed userInactive, the agent's capacity freed, the history says why", () => {
    const s = assigned();
    s.ok(C.say(agentActor('a1')));
    s.with({ now: at(2) }).ok(C.deadline(s.s.version, 'userInactivityWarn'));
    const warnedAt = s.s.version;
    s.with({ now: at(4) }).refused(C.deadline(warnedAt, 'userInactive'), 'DEADLINE_NOT_DUE');
    s.with({ now: at(5) }).ok(C.deadline(warnedAt, 'userInactive'));
    const closed = s.log.at(-1)!;
    expect(closed).toMatchObject({ type: 'SessionClosed', reason: 'userInactive', previousStatus: 'ASSIGNED', agentId: 'a1', queue: 'General' });
    expect(closed).not.toHaveProperty('wrapUpUntil');
    expect(s.s.status).toBe('CLOSED');
    expect(s.s.deadlines).toBeUndefined();
    expect(s.s.endedByAgentId).toBeUndefined();
    expect(loadChangesOf([closed])).toEqual([{ agentId: 'a1', sessionId: closed.sessionId, change: 'unassigned' }]);
    const notices = notificationsFor(closed, s.s);
    expect(notices.find((n) => n.audience.to === 'endUser')?.text).toBe('The chat was closed because we did not hear from you.');
    expect(notices.find((n) => n.audience.to === 'agent')?.text).toBe('Chat closed: the end user did not answer.');
  });

  it('end-user inactivity: an answer after the warning clears the close; the chat stays open', () => {
    const s = assigned();
    s.ok(C.say(agentActor('a1')));
    s.with({ now: at(2) }).ok(C.deadline(s.s.version, 'userInactivityWarn'));
    const warnedAt = s.s.version;
    s.with({ now: at(3) }).ok(C.say(endUser(), 'yes, sorry'));
    expect(s.s.deadlines).toBeUndefined();
    s.with({ now: at(6) }).refused(C.deadline(warnedAt, 'userInactive'), 'DEADLINE_NOT_ARMED');
    expect(s.s.status).toBe('ASSIGNED');
  });

  it("end-user inactivity: the agent's message after the warning starts over with a new warning (the close is off)", () => {
    const s = assigned();
    s.ok(C.say(agentActor('a1')));
    s.with({ now: at(2) }).ok(C.deadline(s.s.version, 'userInactivityWarn'));
    s.with({ now: at(3) }).ok(C.say(agentActor('a1'), 'Hello?'));
    expect(s.s.deadlines).toEqual([{ kind: 'userInactivityWarn', dueAt: at(5), armedAtSeq: s.s.version }]);
  });

  it('end-user inactivity off: a queue without times arms nothing (0 or absent)', () => {
    for (const queuePolicy of [DEFAULT_QUEUE_POLICY, { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false }, undefined]) {
      const s = Scenario.assignedTo('a1', context(queuePolicy ? { queuePolicy } : {}));
      s.ok(C.say(agentActor('a1')));
      expect(s.log.at(-1)).not.toHaveProperty('inactivityWarnAt');
      expect(s.log.at(-1)).not.toHaveProperty('inactivityCloseAt');
      expect(s.s.deadlines).toBeUndefined();
    }
  });

  it('end-user inactivity: warning off, close on: the close counts from the agent\'s message, without a question', () => {
    const s = assigned({ userInactivityWarnSeconds: 0 });
    s.ok(C.say(agentActor('a1')));
    expect(s.log.at(-1)).toMatchObject({ inactivityCloseAt: at(3) });
    expect(s.s.deadlines).toEqual([{ kind: 'userInactive', dueAt: at(3), armedAtSeq: s.s.version }]);
    s.with({ now: at(3) }).ok(C.deadline(s.s.version, 'userInactive'));
    expect(s.log.some((e) => e.type === 'UserInactivityWarned')).toBe(false);
    expect(s.log.at(-1)).toMatchObject({ type: 'SessionClosed', reason: 'userInactive' });
  });

  it('end-user inactivity: warning on, close off: the question comes and the chat stays open', () => {
    const s = assigned({ userInactivityCloseSeconds: 0 });
    s.ok(C.say(agentActor('a1')));
    s.with({ now: at(2) }).ok(C.deadline(s.s.version, 'userInactivityWarn'));
    expect(s.log.at(-1)).toMatchObject({ type: 'UserInactivityWarned' });
    expect(s.log.at(-1)).not.toHaveProperty('closesAt');
    expect(s.s.deadlines).toBeUndefined();
    expect(notificationsFor(s.log.at(-1)!, s.s)[0]!.text).toBe('Are you still there?');
  });

  it('end-user inactivity counts only while ASSIGNED: release, transfers, end and the end user cancelling (R11.2) clear it', () => {
    for (const leave of [C.release('a1'), C.transfer('a1', 'a2'), C.end('a1'), C.abandon('a1'), C.cancel(), C.forceClose()]) {
      const s = assigned();
      s.ok(C.say(agentActor('a1')));
      const armedAt = s.s.version;
      s.ok(leave);
      expect(s.s.deadlines).toBeUndefined();
      s.with({ now: at(9) }).refused(C.deadline(armedAt, 'userInactivityWarn'), s.s.status === 'CLOSED' || s.s.status === 'ABANDONED' ? 'SESSION_CLOSED' : 'DEADLINE_NOT_ARMED');
    }
  });

  it('R12 end user leaves: the mark arms the close after the queue\'s time; the close frees the agent and says why', () => {
    const s = assigned();
    s.with({ now: at(1) }).ok(C.left());
    const left = s.log.at(-1)!;
    expect(left).toMatchObject({ type: 'UserLeft', closesAt: at(6) });
    expect(s.s.deadlines).toEqual([{ kind: 'userLeft', dueAt: at(6), armedAtSeq: left.seq }]);
    s.with({ now: at(5) }).refused(C.deadline(left.seq, 'userLeft'), 'DEADLINE_NOT_DUE');
    s.with({ now: at(6) }).ok(C.deadline(left.seq, 'userLeft'));
    const closed = s.log.at(-1)!;
    expect(closed).toMatchObject({ type: 'SessionClosed', reason: 'userLeft', previousStatus: 'ASSIGNED', agentId: 'a1' });
    expect(s.s.status).toBe('CLOSED');
    expect(s.s.deadlines).toBeUndefined();
    expect(loadChangesOf([closed])).toEqual([{ agentId: 'a1', sessionId: closed.sessionId, change: 'unassigned' }]);
    expect(notificationsFor(closed, s.s).find((n) => n.audience.to === 'agent')?.text).toBe('Chat closed: the end user left and did not come back.');
  });

  it('R12 end user leaves: coming back clears the close', () => {
    const s = assigned();
    s.ok(C.left());
    const armedAt = s.s.version;
    s.with({ now: at(2) }).ok(C.returned(endUser()));
    expect(s.s.deadlines).toBeUndefined();
    s.with({ now: at(9) }).refused(C.deadline(armedAt, 'userLeft'), 'DEADLINE_NOT_ARMED');
    expect(s.s.status).toBe('ASSIGNED');
  });

  it('R12 end user leaves: a waiting chat closes too, and one pending a transfer tells its target', () => {
    const queued = Scenario.started(context({ queuePolicy: policy() }));
    queued.ok(C.left());
    queued.with({ now: at(5) }).ok(C.deadline(queued.s.version, 'userLeft'));
    expect(queued.log.at(-1)).toMatchObject({ type: 'SessionClosed', reason: 'userLeft', previousStatus: 'QUEUED' });
    expect(queued.log.at(-1)).not.toHaveProperty('agentId');

    const pending = assigned();
    pending.ok(C.left());
    const armedAt = pending.s.version;
    pending.ok(C.transfer('a1', 'a2'));
    expect(pending.s.deadlines).toEqual([{ kind: 'userLeft', dueAt: at(5), armedAtSeq: armedAt }]);
    pending.with({ now: at(5) }).ok(C.deadline(armedAt, 'userLeft'));
    const closed = pending.log.at(-1)!;
    expect(closed).toMatchObject({ type: 'SessionClosed', reason: 'userLeft', previousStatus: 'PENDING_TRANSFER', transferTargetAgentId: 'a2' });
    expect(notificationsFor(closed, pending.s).map((n) => n.notice)).toContain('REMOVED_FROM_YOU');
  });

  it('R12 end user leaves: with the queue\'s time off (0), the mark arms nothing', () => {
    const s = assigned({ userLeftCloseSeconds: 0 });
    s.ok(C.left());
    expect(s.log.at(-1)).not.toHaveProperty('closesAt');
    expect(s.s.deadlines).toBeUndefined();
  });

  it('end-user inactivity and R12: both count at once, at most one of each kind; the first due closes the chat', () => {
    const s = assigned({ userLeftCloseSeconds: 60 });
    s.ok(C.say(agentActor('a1')));
    s.ok(C.left());
    expect(s.s.deadlines?.map((d) => d.kind).sort()).toEqual(['userInactivityWarn', 'userLeft']);
    s.with({ now: at(1) }).ok(C.deadline(s.s.version, 'userLeft'));
    expect(s.s.status).toBe('CLOSED');
    expect(s.s.deadlines).toBeUndefined();
  });
});
