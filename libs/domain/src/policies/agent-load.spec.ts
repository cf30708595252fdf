import fc from 'fast-check';
import { agent, C, context, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import type { SessionState } from '../session/state';
import { loadChangesOf } from './agent-load';

const AGENTS = ['a1', 'a2', 'a3'];

/** Applies load changes to per-agent session sets, as the live state store does. */
function applyChanges(loads: Map<string, Set<string>>, events: Parameters<typeof loadChangesOf>[0]): void {
  for (const c of loadChangesOf(events)) {
    const set = loads.get(c.agentId) ?? new Set<string>();
    if (c.change === 'assigned') set.add(c.sessionId);
    else set.delete(c.sessionId);
    loads.set(c.agentId, set);
  }
}

/** The agents a session must count against right now: its owner while ASSIGNED, the agent of a pending offer while QUEUED. */
function expectedHolders(state: SessionState | undefined): string[] {
  if (state?.status === 'ASSIGNED' && state.ownerAgentId) return [state.ownerAgentId];
  return state?.status === 'QUEUED' && state.offer ? [state.offer.agentId] : [];
}

function holders(loads: Map<string, Set<string>>): string[] {
  return [...loads.entries()].filter(([, s]) => s.size > 0).map(([a]) => a);
}

describe('agent load changes', () => {
  const ctx = context({ agents: AGENTS.map((id) => agent(id)), settings: settings({ agentAutoAccept: false }) });

  it('R4.1 load: accept adds the session to the agent; release takes it off', () => {
    const s = Scenario.started(ctx);
    expect(loadChangesOf(s.ok(C.accept('a1')))).toEqual([{ agentId: 'a1', sessionId: s.s.sessionId, change: 'assigned' }]);
    expect(loadChangesOf(s.ok(C.release('a1')))).toEqual([{ agentId: 'a1', sessionId: s.s.sessionId, change: 'unassigned' }]);
  });

  it('R5 transfer: the sender loses the session on request, the target gains it on accept', () => {
    const s = Scenario.assignedTo('a1', ctx);
    expect(loadChangesOf(s.ok(C.transfer('a1', 'a2')))).toEqual([{ agentId: 'a1', sessionId: s.s.sessionId, change: 'unassigned' }]);
    expect(loadChangesOf(s.ok(C.accept('a2')))).toEqual([{ agentId: 'a2', sessionId: s.s.sessionId, change: 'assigned' }]);
  });

  it('R9, R10, R17: end, abandon and force-close of an assigned session free the agent', () => {
    expect(loadChangesOf(Scenario.assignedTo('a1', ctx).ok(C.end('a1')))).toContainEqual(expect.objectContaining({ agentId: 'a1', change: 'unassigned' }));
    expect(loadChangesOf(Scenario.assignedTo('a1', ctx).ok(C.abandon('a1')))).toContainEqual(expect.objectContaining({ agentId: 'a1', change: 'unassigned' }));
    expect(loadChangesOf(Scenario.assignedTo('a1', ctx).ok(C.forceClose()))).toContainEqual(expect.objectContaining({ agentId: 'a1', change: 'unassigned' }));
  });

  it('A6 offers: a pending offer counts against its agent; accepting keeps the count, declining or a lapse ends it', () => {
    const offering = context({ agents: AGENTS.map((id) => agent(id)), settings: settings({ agentAutoAccept: true }), queuePolicy: { firstReplySeconds: 0, offerSeconds: 30, wrapUpSeconds: 0, dispositionRequired: false } });
    const s = Scenario.started(offering);
    const id = s.s.sessionId;
    expect(loadChangesOf(s.ok(C.autoAssign('a1')))).toEqual([{ agentId: 'a1', sessionId: id, change: 'assigned' }]);
    expect(loadChangesOf(s.ok(C.declineOffer('a1')))).toEqual([{ agentId: 'a1', sessionId: id, change: 'unassigned' }]);
    const [offered] = s.ok(C.autoAssign('a2'));
    expect(loadChangesOf(s.with({ now: '2026-01-05T09:01:00.000Z' }).ok(C.deadline(offered!.seq, 'offer')))).toEqual([{ agentId: 'a2', sessionId: id, change: 'unassigned' }]);
    s.ok(C.autoAssign('a3'));
    expect(loadChangesOf(s.ok(C.acceptOffer('a3')))).toEqual([]);
  });

  it('R11: a queued session cancelled by its end user changes no load', () => {
    expect(loadChangesOf(Scenario.started(ctx).ok(C.cancel()))).toEqual([]);
  });

  it('R4.1 load: after any command sequence the changes count the session against its owner exactly while ASSIGNED', () => {
    const commands = fc.constantFrom(
      ...AGENTS.flatMap((a) => [
        () => C.accept(a),
        () => C.release(a),
        () => C.end(a, false),
        () => C.abandon(a),
        () => C.transferToQueue(a, 'General'),
        ...AGENTS.filter((b) => b !== a).map((b) => () => C.transfer(a, b)),
        () => C.targetOffline(a),
      ]),
      () => C.cancel(),
      () => C.forceClose(),
    );
    fc.assert(
      fc.property(fc.array(commands, { maxLength: 25 }), (steps) => {
        const s = Scenario.started(ctx);
        const loads = new Map<string, Set<string>>();
        for (const step of steps) {
          const d = s.run(step());
          if (d.ok && !d.duplicate) applyChanges(loads, d.events);
          expect(holders(loads)).toEqual(expectedHolders(s.state));
        }
      }),
      { numRuns: 300 },
    );
  });
});
