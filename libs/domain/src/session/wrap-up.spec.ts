import { agentActor, at, C, context, endUser } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import type { QueuePolicy } from '../settings/queue-policy';

const policy = (over: Partial<QueuePolicy> = {}): QueuePolicy => ({ firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 120, dispositionRequired: false, ...over });

describe('wrap-up (issue 14)', () => {
  it('wrap-up: ending a chat of a queue with wrap-up says until when the agent gets no new chat, and whether a disposition is required', () => {
    const s = Scenario.assignedTo('a1', context({ queuePolicy: policy({ dispositionRequired: true }) }));
    expect(s.ok(C.end('a1'))).toEqual([expect.objectContaining({ type: 'SessionClosed', agentId: 'a1', wrapUpUntil: at(2), dispositionRequired: true })]);
    expect(s.s).toMatchObject({ status: 'CLOSED', endedByAgentId: 'a1' });
    const abandoned = Scenario.assignedTo('a1', context({ queuePolicy: policy() }));
    expect(abandoned.ok(C.abandon('a1'))).toEqual([expect.objectContaining({ type: 'SessionAbandoned', wrapUpUntil: at(2), dispositionRequired: false })]);
  });

  it('wrap-up: a queue without wrap-up ends a chat without it', () => {
    const s = Scenario.assignedTo('a1', context({ queuePolicy: policy({ wrapUpSeconds: 0 }) }));
    expect(s.ok(C.end('a1'))[0]).not.toHaveProperty('wrapUpUntil');
  });

  it('wrap-up: the agent who ended the chat records one of the administrator codes, once; nobody else can', () => {
    const s = Scenario.assignedTo('a1', context({ queuePolicy: policy() }));
    s.refused(C.disposition('a1'), 'DISPOSITION_NOT_OPEN');
    s.ok(C.end('a1'));
    s.refused(C.disposition('a2'), 'DISPOSITION_NOT_OPEN');
    s.refused(C.disposition('a1', 'Made up'), 'VALIDATION');
    expect(s.ok(C.disposition('a1', 'Escalated'))).toEqual([expect.objectContaining({ type: 'DispositionRecorded', agentId: 'a1', code: 'Escalated' })]);
    expect(s.s.disposition).toEqual({ code: 'Escalated', agentId: 'a1' });
    s.refused(C.disposition('a1', 'Resolved'), 'DISPOSITION_NOT_OPEN');
    // The ended chat takes nothing else.
    s.refused(C.say(endUser()), 'SESSION_CLOSED');
    s.refused(C.say(agentActor('a1')), 'SESSION_CLOSED');
  });

  it('wrap-up: an end user cancelling or an administrator force-closing leaves no disposition to record', () => {
    const cancelled = Scenario.started(context({ queuePolicy: policy() }));
    cancelled.ok(C.cancel());
    cancelled.refused(C.disposition('a1'), 'DISPOSITION_NOT_OPEN');
    const forced = Scenario.assignedTo('a1', context({ queuePolicy: policy() }));
    forced.ok(C.forceClose());
    forced.refused(C.disposition('a1'), 'DISPOSITION_NOT_OPEN');
  });
});
