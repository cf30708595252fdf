import { initialLiveState, withPresence, withSession, type AgentLiveState } from '@switchboard/agent-state';
import { DEFAULT_SETTINGS, type Settings } from '@switchboard/domain';
import { AssignmentPlanner, type SessionSummary } from './assignment-planner';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, agentAutoAccept: true, ...over });
const all = () => true;

function queued(id: string, minute: number, over: Partial<SessionSummary> = {}): SessionSummary {
  return { sessionId: id, version: 1, status: 'QUEUED', queue: 'General', companyId: 'acme', queuedAt: new Date(T0 + minute * 60_000).toISOString(), ...over };
}

function online(sessions: string[] = [], lastAssignedMinute?: number): AgentLiveState {
  let s = withPresence(initialLiveState(new Date(T0)), 'online', new Date(T0));
  for (const id of sessions) s = withSession(s, id, new Date(T0 + (lastAssignedMinute ?? 0) * 60_000));
  return s;
}

function planner(agents: Record<string, { live?: AgentLiveState; queues?: string[]; companies?: string[]; cap?: number }>, now = T0 + 3_600_000) {
  const p = new AssignmentPlanner(() => now);
  p.setProfiles(Object.entries(agents).map(([id, a]) => ({ id, displayName: id, queues: a.queues ?? [], companies: a.companies ?? ['acme'], cap: a.cap })));
  for (const [id, a] of Object.entries(agents)) p.setLiveState(id, a.live);
  return p;
}

describe('assignment planner', () => {
  it('R4.1 lowest load first: the waiting session goes to the least loaded online agent', () => {
    const p = planner({ a1: { live: online(['x', 'y']) }, a2: { live: online(['z']) } });
    p.observeSession(queued('s1', 0));
    expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a2' })]);
  });

  it('no first reply: a session is never proposed to an agent it excludes, and does not block others of its queue', () => {
    const p = planner({ a1: { live: online() }, a2: { live: online(['x', 'y', 'z']) } });
    p.observeSession(queued('s1', 0, { excludedAgentIds: ['a1'] }));
    p.observeSession(queued('s2', 1, { excludedAgentIds: ['a1', 'a2'] }));
    p.observeSession(queued('s3', 2));
    const planned = p.plan(settings(), all, 10).map((a) => [a.sessionId, a.agentId]);
    expect(planned).toEqual([
      ['s1', 'a2'],
      ['s3', 'a1'],
    ]);
  });

  it('offers: a chat with an offer pending is not proposed again; once declined, it goes to someone else before the agent who declined', () => {
    const p = planner({ a1: { live: online() }, a2: { live: online(['x', 'y']) } });
    p.observeSession(queued('s1', 0, { version: 2, offer: { agentId: 'a1' } }));
    expect(p.plan(settings(), all, 10)).toEqual([]);
    p.observeSession(queued('s1', 0, { version: 3, passedOverAgentIds: ['a1'] }));
    expect(p.plan(settings(), all, 10).map((a) => a.agentId)).toEqual(['a2']);
  });

  it('offers: an offer whose agent goes away is withdrawn once (not again while the withdrawal is under way)', () => {
    const p = planner({ a1: { live: online() }, a2: { live: online() } });
    p.observeSession(queued('s1', 0, { version: 2, offer: { agentId: 'a1' } }));
    expect(p.transfersToRevert(settings(), all)).toEqual([]);
    p.setLiveState('a1', withPresence(online(), 'away', new Date(T0)));
    expect(p.transfersToRevert(settings(), all)).toEqual([{ sessionId: 's1', agentId: 'a1' }]);
    expect(p.transfersToRevert(settings(), all)).toEqual([]);
    p.revertDone('s1');
    p.observeSession(queued('s1', 0, { version: 3 }));
    expect(p.transfersToRevert(settings(), all)).toEqual([]);
  });

  it('offers: an agent who declined gets the chat again when no one else is available', () => {
    const p = planner({ a1: { live: online() }, a2: { live: withPresence(online(), 'away', new Date(T0)) } });
    p.observeSession(queued('s1', 0, { version: 3, passedOverAgentIds: ['a1'] }));
    expect(p.plan(settings(), all, 10).map((a) => a.agentId)).toEqual(['a1']);
  });

  it('R4.1 priority first (issue 15): with one free slot the highest priority gets it; equal priorities go oldest first', () => {
    const p = planner({ a1: { live: online(['x']), cap: 2 } });
    p.observeSession(queued('old-normal', 0));
    p.observeSession(queued('late-high', 9, { priority: 2 }));
    p.observeSession(queued('early-high', 4, { priority: 2 }));
    expect(p.plan(settings(), all, 10).map((a) => a.sessionId)).toEqual(['early-high']);
    p.settle('early-high', 'assigned');
    p.setLiveState('a1', online([]));
    expect(p.plan(settings(), all, 10).map((a) => a.sessionId)).toEqual(['late-high']);
  });

  it('wait estimate (issue 15): each waiting chat of a served queue is estimated once per stay, from the chats served before it, the free slots and the handle times', () => {
    const p = planner({ a1: { live: online(['x', 'y']), cap: 2 }, a2: { live: online(['z']), cap: 2 } });
    // Handle times of 4 minutes seen on the chat events.
    for (let i = 0; i < 10; i++) {
      p.handleTimes.assigned(`h${i}`, 'General', T0);
      p.handleTimes.left(`h${i}`, T0 + 240_000);
    }
    p.observeSession(queued('first', 0));
    p.observeSession(queued('second', 1));
    p.observeSession(queued('vip', 2, { priority: 2 }));
    const due = p.estimatesDue(settings({ agentAutoAccept: false }), all, 10);
    const by = new Map(due.map((d) => [d.sessionId, d]));
    // One free slot: the VIP (served first) takes it at once; the others wait for slots to come free, the second longer.
    expect(by.get('vip')).toMatchObject({ minSeconds: 0, maxSeconds: 60, queuedAt: new Date(T0 + 120_000).toISOString() });
    expect(by.get('first')!.maxSeconds).toBeGreaterThan(60);
    expect(by.get('second')!.minSeconds).toBeGreaterThanOrEqual(by.get('first')!.minSeconds);
    expect(by.get('second')!.maxSeconds).toBeGreaterThan(by.get('first')!.maxSeconds);
    // In flight, then done: never estimated twice for the same stay.
    expect(p.estimatesDue(settings(), all, 10)).toEqual([]);
    for (const d of due) p.estimateDone(d.sessionId, true);
    p.observeSession(queued('first', 0, { version: 2 }));
    expect(p.estimatesDue(settings(), all, 10)).toEqual([]);
    // Back in the queue later: a new stay, a new estimate; a failed one is made again.
    p.observeSession(queued('first', 30, { version: 3 }));
    const again = p.estimatesDue(settings(), all, 10);
    expect(again.map((d) => d.sessionId)).toEqual(['first']);
    p.estimateDone('first', false);
    expect(p.estimatesDue(settings(), all, 10).map((d) => d.sessionId)).toEqual(['first']);
    // A session the database shows estimated is not estimated again.
    p.observeSession(queued('known', 5, { waitEstimated: true }));
    expect(p.estimatesDue(settings(), all, 10).map((d) => d.sessionId)).not.toContain('known');
  });

  it('wait estimate (issue 15): a queue no online agent serves gets no estimate', () => {
    const p = planner({ a1: { live: withPresence(online(), 'away', new Date(T0)), cap: 2 } });
    p.observeSession(queued('s1', 0));
    expect(p.estimatesDue(settings(), all, 10)).toEqual([]);
  });

  it('R4.1 ties go to the agent idle longest', () => {
    const p = planner({ a1: { live: online(['x'], 30) }, a2: { live: online(['y'], 10) } });
    p.observeSession(queued('s1', 0));
    expect(p.plan(settings(), all, 10)[0]?.agentId).toBe('a2');
  });

  it('R4.1 oldest waiting first: with one free slot the session that waited longest gets it', () => {
    const p = planner({ a1: { live: online(), cap: 1 } });
    p.observeSession(queued('late', 5));
    p.observeSession(queued('early', 1));
    expect(p.plan(settings(), all, 10).map((a) => a.sessionId)).toEqual(['early']);
  });

  it('R18 offline and away agents get nothing; the session waits', () => {
    const p = planner({ a1: { live: withPresence(online(), 'offline', new Date(T0)) }, a2: { live: withPresence(online(), 'away', new Date(T0)) }, a3: {} });
    p.observeSession(queued('s1', 0));
    expect(p.plan(settings(), all, 10)).toEqual([]);
  });

  it('R4.1 cap: proposals in flight count against the cap', () => {
    const p = planner({ a1: { live: online(['x']), cap: 2 } });
    for (let i = 0; i < 5; i++) p.observeSession(queued(`s${i}`, i));
    expect(p.plan(settings(), all, 10)).toHaveLength(1);
    expect(p.plan(settings(), all, 10)).toHaveLength(0);
  });

  it('R4.1 fairness: proposals go out in rounds, one per agent, and the next round waits for the answers', () => {
    const p = planner({ a1: { live: online() }, a2: { live: online() }, a3: { live: online() } });
    for (let i = 0; i < 10; i++) p.observeSession(queued(`s${i}`, i));
    const first = p.plan(settings(), all, 100);
    expect(first.map((a) => a.agentId).sort()).toEqual(['a1', 'a2', 'a3']);
    p.settle(first[0]!.sessionId, 'assigned');
    p.settle(first[1]!.sessionId, 'assigned');
    expect(p.plan(settings(), all, 100)).toEqual([]);
    p.settle(first[2]!.sessionId, 'assigned');
    const second = p.plan(settings(), all, 100);
    expect(second.map((a) => a.agentId).sort()).toEqual(['a1', 'a2', 'a3']);
  });

  it('R4.3 with Agent Auto Accept off nothing is proposed', () => {
    const p = planner({ a1: { live: online() } });
    p.observeSession(queued('s1', 0));
    expect(p.plan(settings({ agentAutoAccept: false }), all, 10)).toEqual([]);
  });

  it('R2 company filter: a session goes only to an agent of its company, others keep waiting without blocking', () => {
    const p = planner({ a1: { live: online(), companies: ['globex'] } });
    p.observeSession(queued('acme-1', 0));
    p.observeSession(queued('globex-1', 1, { companyId: 'globex' }));
    expect(p.plan(settings({ companyFilter: true }), all, 10).map((a) => a.sessionId)).toEqual(['globex-1']);
  });

  it('R2 queues: a queue is served only by its members, and only queues this router owns are planned', () => {
    const p = planner({ a1: { live: online(), queues: ['Network'] }, a2: { live: online() } });
    p.observeSession(queued('net', 0, { queue: 'Network' }));
    const s = settings({ supportQueues: true, useTopics: true });
    expect(p.plan(s, (q) => q === 'General', 10)).toEqual([]);
    expect(p.plan(s, (q) => q === 'Network', 10)).toEqual([expect.objectContaining({ sessionId: 'net', agentId: 'a1' })]);
  });

  it('settle: an agent that refused is left out until its live state changes', () => {
    const p = planner({ a1: { live: online() }, a2: { live: online(['x']) } });
    p.observeSession(queued('s1', 0));
    const [first] = p.plan(settings(), all, 10);
    expect(first?.agentId).toBe('a1');
    p.settle('s1', 'agentRefused');
    expect(p.plan(settings(), all, 10)[0]?.agentId).toBe('a2');
    p.settle('s1', 'retry');
    p.setLiveState('a1', online());
    expect(p.waitingPerQueue(settings())).toEqual({ General: 1 });
  });

  it('settle: a session that is gone leaves the queue; an older event does not bring it back', () => {
    const p = planner({ a1: { live: online() } });
    p.observeSession(queued('s1', 0, { version: 3 }));
    p.observeSession({ ...queued('s1', 0), version: 4, status: 'ASSIGNED' });
    p.observeSession(queued('s1', 0, { version: 3 }));
    expect(p.waitingPerQueue(settings())).toEqual({});
  });

  it('resync: a session the database no longer has waiting is dropped, unless news of it came after the read began', () => {
    let now = T0;
    const p = new AssignmentPlanner(() => now);
    p.observeSession(queued('old', 0));
    now += 1000;
    const readStarted = now;
    now += 10;
    p.observeSession(queued('fresh', 1));
    p.resync([], readStarted);
    expect(p.waitingPerQueue(settings())).toEqual({ General: 1 });
  });

  describe('answers handled after later news (issue 12: an available agent waited for the safety net)', () => {
    // The router handles a proposal's answer in a continuation that can run
    // after chat events and live-state changes that arrived with or after it
    // (one socket read holds the answer, the chat's end and the agent's new
    // live state; the chat event callback runs at once, the answer later).
    const assigned = (id: string, version: number): SessionSummary => ({ ...queued(id, 0), version, status: 'ASSIGNED' });
    const closed = (id: string, version: number): SessionSummary => ({ ...queued(id, 0), version, status: 'CLOSED' });

    function capOne(now: { t: number }) {
      const p = new AssignmentPlanner(() => now.t);
      p.setProfiles([{ id: 'a1', displayName: 'a1', queues: [], companies: ['acme'], cap: 1 }]);
      p.setLiveState('a1', online());
      p.observeSession(queued('s1', 0));
      p.observeSession(queued('s2', 1));
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a1' })]);
      return p;
    }

    it('a chat that ended before its assignment was answered does not keep its agent busy', () => {
      const now = { t: T0 };
      const p = capOne(now);
      // Handled before the answer: the reservation, the assignment, the end, the load back to 0.
      p.setLiveState('a1', online(['s1']));
      p.observeSession(assigned('s1', 2));
      p.observeSession(closed('s1', 3));
      p.setLiveState('a1', online());
      p.settle('s1', 'assigned');
      now.t += 50;
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2', agentId: 'a1' })]);
    });

    it('the same when the live state showed the add and the removal before the chat events came', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.setLiveState('a1', online(['s1']));
      p.setLiveState('a1', online());
      p.settle('s1', 'assigned');
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2', agentId: 'a1' })]);
    });

    it('the same when the end event came before the live state showed anything', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.observeSession(assigned('s1', 2));
      p.observeSession(closed('s1', 3));
      p.settle('s1', 'assigned');
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2', agentId: 'a1' })]);
    });

    it('an answered assignment the live state has not shown yet counts until it does, and a wake-up is due when the count runs out', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.settle('s1', 'assigned');
      expect(p.plan(settings(), all, 10)).toEqual([]);
      const wake = p.nextWakeAt();
      expect(wake).toBeGreaterThan(now.t);
      // The live state shows it: counted once, by the live state.
      p.setLiveState('a1', online(['s1']));
      expect(p.plan(settings(), all, 10)).toEqual([]);
      p.setLiveState('a1', online());
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2', agentId: 'a1' })]);
    });

    it('a count the live state never takes over ends with a wake-up, not with the resync', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.settle('s1', 'assigned');
      expect(p.plan(settings(), all, 10)).toEqual([]);
      now.t = p.nextWakeAt()!;
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2', agentId: 'a1' })]);
    });

    it('a refusal decided from a live state this router has already replaced does not pause the agent', () => {
      const now = { t: T0 };
      const p = capOne(now);
      // Another router's session took a1 and ended before this router handled the refusal.
      p.setLiveState('a1', online(['x']));
      p.setLiveState('a1', online());
      p.settle('s1', 'agentRefused');
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a1' })]);
    });

    it('a refusal from the view this router still holds pauses the agent, and a wake-up is due when the pause ends', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.settle('s1', 'agentRefused');
      expect(p.plan(settings(), all, 10)).toEqual([]);
      const wake = p.nextWakeAt();
      expect(wake).toBeDefined();
      now.t = wake!;
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a1' })]);
    });

    it('a retry delay has a wake-up', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.settle('s1', 'retry');
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's2' })]);
      p.settle('s2', 'retry');
      now.t = p.nextWakeAt()!;
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a1' })]);
    });

    it('a session back in its queue before the refusal of an older proposal was handled stays waiting', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.observeSession(assigned('s1', 2));
      p.observeSession(queued('s1', 0, { version: 3 }));
      p.settle('s1', 'sessionGone');
      expect(p.waitingPerQueue(settings())).toEqual({ General: 2 });
    });

    it('a session back in its queue before its assignment was answered stays waiting', () => {
      const now = { t: T0 };
      const p = capOne(now);
      p.setLiveState('a1', online(['s1']));
      p.observeSession(assigned('s1', 2));
      p.setLiveState('a1', online());
      p.observeSession(queued('s1', 0, { version: 3 }));
      p.settle('s1', 'assigned');
      expect(p.waitingPerQueue(settings())).toEqual({ General: 2 });
      expect(p.plan(settings(), all, 10)).toEqual([expect.objectContaining({ sessionId: 's1', agentId: 'a1' })]);
    });
  });

  it('R5.4 a pending transfer whose target is not online is proposed for revert once', () => {
    const p = planner({ a1: { live: withPresence(online(), 'offline', new Date(T0)) } });
    p.observeSession({ sessionId: 's1', version: 3, status: 'PENDING_TRANSFER', queue: 'General', companyId: 'acme', transferTargetAgentId: 'a1' });
    expect(p.transfersToRevert(settings(), all)).toEqual([{ sessionId: 's1', agentId: 'a1' }]);
    expect(p.transfersToRevert(settings(), all)).toEqual([]);
  });

  it('R5.4 a pending transfer to an agent who is away is not reverted: away may still accept it (only offline reverts)', () => {
    const p = planner({ a1: { live: withPresence(online(), 'away', new Date(T0)) } });
    p.observeSession({ sessionId: 's1', version: 3, status: 'PENDING_TRANSFER', queue: 'General', companyId: 'acme', transferTargetAgentId: 'a1' });
    expect(p.transfersToRevert(settings(), all)).toEqual([]);
  });
});
