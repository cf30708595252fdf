import { MAX_EXCLUDED_AGENTS as CONTRACT_MAX_EXCLUDED_AGENTS, sessionStateSchema } from '@switchboard/contracts';
import { agent, agentActor, at, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { nextDeadline } from './evolve';
import { MAX_EXCLUDED_AGENTS } from './state';

/** A queue with a first-reply limit of 2 minutes; agents a1..a3 online; the clock at minute 0. */
const firstReplyIn2Minutes = () => context({ queuePolicy: { firstReplySeconds: 120, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false } });

describe('durable deadlines (ADR 13) and no first reply', () => {
  it('no first reply: an assignment in a queue with a limit arms the firstReply deadline at the seq of the assignment', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const assigned = s.log.at(-1)!;
    expect(assigned).toMatchObject({ type: 'SessionAssigned', firstReplyDueAt: at(2) });
    expect(s.s.deadlines).toEqual([{ kind: 'firstReply', dueAt: at(2), armedAtSeq: assigned.seq }]);
    expect(nextDeadline(s.s)).toEqual({ kind: 'firstReply', dueAt: at(2), armedAtSeq: assigned.seq });
  });

  it('no first reply: a queue without a limit arms nothing', () => {
    const s = Scenario.assignedTo('a1', context());
    expect(s.log.at(-1)).not.toHaveProperty('firstReplyDueAt');
    expect(s.s.deadlines).toBeUndefined();
    expect(nextDeadline(s.s)).toBeUndefined();
  });

  it('no first reply: automatic and transfer assignments arm it too', () => {
    const auto = Scenario.started(context({ queuePolicy: { firstReplySeconds: 60, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false }, settings: settings({ agentAutoAccept: true }) }));
    auto.ok(C.autoAssign('a1'));
    expect(auto.s.deadlines).toEqual([{ kind: 'firstReply', dueAt: at(1), armedAtSeq: 2 }]);

    const transfer = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    transfer.ok(C.say(agentActor('a1')));
    transfer.ok(C.transfer('a1', 'a2'));
    expect(transfer.s.deadlines).toBeUndefined();
    transfer.with({ now: at(5) }).ok(C.accept('a2'));
    expect(transfer.s.deadlines).toEqual([{ kind: 'firstReply', dueAt: at(7), armedAtSeq: transfer.s.version }]);
  });

  it("no first reply: the owner's first message clears the deadline; the end user's does not", () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    s.ok(C.say(endUser(), 'are you there?'));
    expect(s.s.deadlines).toHaveLength(1);
    s.ok(C.note('a1', 'looking into it'));
    expect(s.s.deadlines).toHaveLength(1);
    s.ok(C.say(agentActor('a1'), 'hello, I am on it'));
    expect(s.s.deadlines).toBeUndefined();
  });

  it('no first reply: an end user who cancels an assigned chat leaves it to the agent to end (R11): the deadline is cleared', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const armedAt = s.s.version;
    s.ok(C.cancel());
    expect(s.s.deadlines).toBeUndefined();
    s.with({ now: at(3) }).refused(C.deadline(armedAt), 'DEADLINE_NOT_ARMED');
    expect(s.s.status).toBe('ASSIGNED');
  });

  it('no first reply: leaving ASSIGNED (release, transfer, end) clears the deadline', () => {
    for (const leave of [C.release('a1'), C.transfer('a1', 'a2'), C.end('a1'), C.abandon('a1')]) {
      const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
      s.ok(leave);
      expect(s.s.deadlines).toBeUndefined();
    }
  });

  it('no first reply: the deadline reached sends the chat back to its queue, shown to the end user, and the agent is excluded', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const armedAt = s.s.version;
    const events = s.with({ now: at(2) }).ok(C.deadline(armedAt));
    expect(events).toEqual([expect.objectContaining({ type: 'FirstReplyMissed', agentId: 'a1', queue: 'General', by: { role: 'system', id: 'timers' } })]);
    expect(s.s).toMatchObject({ status: 'QUEUED', queuedAt: at(2), excludedAgentIds: ['a1'], lastVisibleSeq: s.s.version });
    expect(s.s.ownerAgentId).toBeUndefined();
    expect(s.s.deadlines).toBeUndefined();
  });

  it('no first reply: the excluded agent can neither accept the chat again nor be given it automatically; another agent can', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    s.with({ now: at(2) }).ok(C.deadline(s.s.version));
    s.refused(C.accept('a1'), 'AGENT_NOT_ELIGIBLE');
    s.with({ settings: settings({ agentAutoAccept: true }) });
    s.refused(C.autoAssign('a1'), 'AGENT_NOT_ELIGIBLE');
    s.ok(C.autoAssign('a2'));
    expect(s.s.ownerAgentId).toBe('a2');
  });

  it('durable deadlines: a firing before the due time is refused with DEADLINE_NOT_DUE and changes nothing', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const error = s.with({ now: at(1) }).refused(C.deadline(s.s.version), 'DEADLINE_NOT_DUE');
    expect(error.details).toEqual({ dueAt: at(2) });
  });

  it('durable deadlines: a firing of a cleared or re-armed deadline is refused with DEADLINE_NOT_ARMED', () => {
    const cleared = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const armedAt = cleared.s.version;
    cleared.ok(C.say(agentActor('a1')));
    cleared.with({ now: at(3) }).refused(C.deadline(armedAt), 'DEADLINE_NOT_ARMED');

    const rearmed = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const first = rearmed.s.version;
    rearmed.ok(C.release('a1'));
    rearmed.ok(C.accept('a2'));
    rearmed.with({ now: at(3) }).refused(C.deadline(first), 'DEADLINE_NOT_ARMED');
    expect(rearmed.s.ownerAgentId).toBe('a2');
  });

  it('durable deadlines: a deadline fired twice (the same command id) takes effect once', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    const fire = C.deadline(s.s.version);
    s.with({ now: at(2) }).ok(fire);
    const version = s.s.version;
    const again = s.run(fire);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(s.s.version).toBe(version);
  });

  it('durable deadlines: only a system process may fire a deadline', () => {
    const s = Scenario.assignedTo('a1', firstReplyIn2Minutes());
    s.with({ now: at(2) }).refused({ ...C.deadline(s.s.version), actor: agentActor('a2') }, 'FORBIDDEN');
  });

  it(`no first reply: a session remembers at most ${MAX_EXCLUDED_AGENTS} excluded agents, the oldest forgotten first`, () => {
    const ids = Array.from({ length: MAX_EXCLUDED_AGENTS + 2 }, (_, i) => `x${i}`);
    const s = Scenario.started(context({ queuePolicy: { firstReplySeconds: 60, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false }, agents: ids.map((id) => agent(id)) }));
    let minute = 0;
    for (const id of ids) {
      s.with({ now: at(minute) }).ok(C.accept(id));
      minute += 1;
      s.with({ now: at(minute) }).ok(C.deadline(s.s.version));
    }
    expect(s.s.excludedAgentIds).toHaveLength(MAX_EXCLUDED_AGENTS);
    expect(s.s.excludedAgentIds).toEqual(ids.slice(2));
    s.with({ now: at(minute) }).ok(C.accept('x0'));
    // The contract holds the same bound: a state past it is refused at every edge.
    expect(CONTRACT_MAX_EXCLUDED_AGENTS).toBe(MAX_EXCLUDED_AGENTS);
    expect(sessionStateSchema.safeParse({ ...s.s, excludedAgentIds: [...ids.slice(0, MAX_EXCLUDED_AGENTS), 'one more'] }).success).toBe(false);
  });
});
