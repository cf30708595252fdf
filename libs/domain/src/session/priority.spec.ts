import { PRIORITY_MAX as CONTRACT_PRIORITY_MAX, PRIORITY_NAMES, prioritySchema } from '@switchboard/contracts';
import { orderWaitingSessions, servedBefore } from '../policies/auto-assign';
import { PRIORITY_MAX, startPriority } from '../policies/priority';
import { isVisibleToEndUser } from './history';
import { notificationsFor } from '../notifications/notifications';
import { admin, agent, agentActor, at, C, context, END_USER, settings, TOPICS } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

describe('issue 15 priority', () => {
  it('priority scale: the domain and the contract agree on 0..PRIORITY_MAX, one name per level', () => {
    expect(PRIORITY_MAX).toBe(CONTRACT_PRIORITY_MAX);
    expect(PRIORITY_NAMES).toHaveLength(PRIORITY_MAX + 1);
    expect(prioritySchema.safeParse(PRIORITY_MAX).success).toBe(true);
    expect(prioritySchema.safeParse(PRIORITY_MAX + 1).success).toBe(false);
    expect(prioritySchema.safeParse(-1).success).toBe(false);
  });

  it('priority at start: the highest of the end user (VIP), the company and the topic; out-of-scale values count as 0 or the top', () => {
    expect(startPriority({})).toBe(0);
    expect(startPriority({ priority: 2 }, { priority: 1 })).toBe(2);
    expect(startPriority({ companyPriority: 1 }, { priority: 3 })).toBe(3);
    expect(startPriority({ priority: 9, companyPriority: -4 })).toBe(PRIORITY_MAX);
    expect(startPriority({ priority: 1.5 })).toBe(0);

    const vip = Scenario.started(context({ endUser: { ...END_USER, priority: 1, companyPriority: 2 } }));
    expect(vip.log[0]).toMatchObject({ type: 'SessionStarted', priority: 2 });
    expect(vip.s.priority).toBe(2);
    const topical = Scenario.started(
      context({ settings: settings({ useTopics: true, supportQueues: true }), topics: TOPICS.map((t) => (t.id === 'vpn' ? { ...t, priority: 3 } : t)) }),
    );
    expect(topical.s.priority).toBe(3);
    const normal = Scenario.started();
    expect(normal.s.priority).toBeUndefined();
    expect(normal.log[0]).not.toHaveProperty('priority');
  });

  it('R19 raise priority: an administrator, or an agent of the chat\'s queue and company, raises a waiting chat\'s priority; the event is for agents only', () => {
    const s = Scenario.started(context({ settings: settings({ companyFilter: true }), agents: [agent('a1'), agent('a2', { companies: ['globex'] })] }));
    const [raised] = s.ok(C.raisePriority(agentActor('a1'), 1));
    expect(raised).toMatchObject({ type: 'PriorityRaised', from: 0, to: 1, by: { role: 'agent', id: 'a1' } });
    expect(isVisibleToEndUser(raised!)).toBe(false);
    s.ok(C.raisePriority(admin(), 3));
    expect(s.s.priority).toBe(3);
    const other = Scenario.started(context({ settings: settings({ companyFilter: true }), agents: [agent('a2', { companies: ['globex'] })] }));
    other.refused(C.raisePriority(agentActor('a2'), 1), 'FORBIDDEN');
    other.refused(C.raisePriority({ role: 'endUser', id: 'u-1' }, 1), 'FORBIDDEN');
  });

  it('raise priority: only upwards, only while QUEUED', () => {
    const s = Scenario.started();
    s.ok(C.raisePriority(admin(), 2));
    expect(s.refused(C.raisePriority(admin(), 2), 'VALIDATION').details).toMatchObject({ field: 'priority', priority: 2 });
    s.refused(C.raisePriority(admin(), 1), 'VALIDATION');
    s.ok(C.accept('a1'));
    s.refused(C.raisePriority(admin(), 3), 'INVALID_STATE');
    // The priority stays with the chat when it goes back to the queue.
    s.ok(C.release('a1'));
    expect(s.s.priority).toBe(2);
  });

  it('R4.1 order: higher priority first, then longest wait, then session id', () => {
    const w = (sessionId: string, minutes: number, priority?: number) => ({ sessionId, createdAt: at(0), queuedAt: at(minutes), ...(priority !== undefined ? { priority } : {}) });
    const sessions = [w('old', 0), w('vip-late', 9, 2), w('high', 5, 1), w('vip-early', 3, 2), w('new', 8), w('tie-b', 4, 1), w('tie-a', 4, 1)];
    expect(orderWaitingSessions(sessions).map((s) => s.sessionId)).toEqual(['vip-early', 'vip-late', 'tie-a', 'tie-b', 'high', 'old', 'new']);
    // Same priority and time as tie-a and tie-b: the session id decides.
    expect(servedBefore(w('me', 4, 1), sessions)).toBe(2);
    expect(servedBefore(w('zz', 4, 1), sessions)).toBe(4);
    expect(servedBefore(w('me', 0), sessions)).toBe(5);
  });
});

describe('issue 15 wait estimate on the session', () => {
  it('wait estimate: recorded once per stay in the queue, for the end user to see; the real wait is set when an agent takes the chat', () => {
    const s = Scenario.started();
    const queuedAt = s.s.queuedAt!;
    const [estimated] = s.ok(C.estimate(60, 240, queuedAt));
    expect(isVisibleToEndUser(estimated!)).toBe(true);
    expect(notificationsFor(estimated!, s.s)).toEqual([
      expect.objectContaining({ audience: { to: 'endUser', endUserId: 'u-1' }, notice: 'WAIT_ESTIMATE', text: 'Estimated wait: about 1 to 4 minutes.' }),
    ]);
    expect(s.s.waitEstimate).toEqual({ minSeconds: 60, maxSeconds: 240, queuedAt });
    s.refused(C.estimate(0, 60, queuedAt), 'INVALID_STATE');
    s.refused(C.estimate(0, 60, at(1)), 'INVALID_STATE');
    s.with({ now: at(3) }).ok(C.accept('a1'));
    expect(s.s.waitEstimate).toEqual({ minSeconds: 60, maxSeconds: 240, queuedAt, waitedSeconds: 180 });
    // Back in the queue: a new stay, a new estimate; the earlier one is replaced when it comes.
    s.with({ now: at(10) }).ok(C.release('a1'));
    s.ok(C.estimate(0, 60, s.s.queuedAt!));
    expect(s.s.waitEstimate).toEqual({ minSeconds: 0, maxSeconds: 60, queuedAt: at(10) });
  });

  it('wait estimate: a range upside down is refused', () => {
    const s = Scenario.started();
    expect(s.refused(C.estimate(300, 60, s.s.queuedAt!), 'VALIDATION').details).toMatchObject({ field: 'minSeconds' });
  });
});
