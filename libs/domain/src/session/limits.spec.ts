import { agent, agentActor, C, context, endUser } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { SESSION_LIMITS } from './decide';
import { RECENT_COMMANDS } from './state';

/** A session assigned to a1 that already holds `events` events (posts alternate between the end user and the agent). */
function sessionWith(events: number): Scenario {
  const s = Scenario.assignedTo('a1', context({ agents: [agent('a1'), agent('a2')] }));
  let i = 0;
  while (s.s.version < events) s.ok(C.say(i++ % 2 === 0 ? endUser() : agentActor('a1'), `message ${i}`));
  return s;
}

describe('session limits', () => {
  const full = sessionWith(SESSION_LIMITS.maxConversationEvents);

  it('session limits: a post into a full session is refused with SESSION_FULL and the limit, nothing changes', () => {
    const s = sessionWith(SESSION_LIMITS.maxConversationEvents);
    const error = s.refused(C.say(endUser(), 'one more'), 'SESSION_FULL');
    expect(error.details).toEqual({ limit: SESSION_LIMITS.maxConversationEvents });
    s.refused(C.note('a1'), 'SESSION_FULL');
    s.refused(C.ticket('a1'), 'SESSION_FULL');
  });

  it('session limits: the last post below the limit is still accepted', () => {
    const s = sessionWith(SESSION_LIMITS.maxConversationEvents - 1);
    s.ok(C.say(endUser(), 'last one'));
    expect(s.s.version).toBe(SESSION_LIMITS.maxConversationEvents);
  });

  it('session limits: routing still works on a full conversation until the hard limit', () => {
    const s = sessionWith(SESSION_LIMITS.maxConversationEvents);
    s.ok(C.release('a1'));
    s.ok(C.accept('a2'));
    expect(s.s.ownerAgentId).toBe('a2');
    expect(full.s.version).toBe(SESSION_LIMITS.maxConversationEvents);
  });

  it('session limits: at the hard limit only what ends the session is accepted', () => {
    const s = sessionWith(SESSION_LIMITS.maxConversationEvents);
    while (s.s.version < SESSION_LIMITS.maxEvents) {
      s.ok(C.release(s.s.ownerAgentId!));
      s.ok(C.accept('a1'));
    }
    s.refused(C.release('a1'), 'SESSION_FULL');
    s.refused(C.transfer('a1', 'a2'), 'SESSION_FULL');
    s.ok(C.end('a1'));
    expect(s.s.status).toBe('CLOSED');
  });

  it('R17 force-close: a session at the hard limit can still be force-closed', () => {
    const s = sessionWith(SESSION_LIMITS.maxConversationEvents);
    while (s.s.version < SESSION_LIMITS.maxEvents) {
      s.ok(C.release(s.s.ownerAgentId!));
      s.ok(C.accept('a1'));
    }
    s.ok(C.forceClose());
    expect(s.s.status).toBe('CLOSED');
  });

  it('session limits: the state does not grow with the conversation (no history inside it)', () => {
    const small = sessionWith(100);
    const big = sessionWith(1000);
    const size = (sc: Scenario) => JSON.stringify(sc.s).length;
    // Only the digits of the ids and seqs it remembers differ.
    expect(Math.abs(size(big) - size(small))).toBeLessThan(100);
    expect(size(big)).toBeLessThan(3000);
  });
});

describe('agent names without a profile', () => {
  it('R5.1 transfer to agent: the recorded name of an agent is used when its profile is gone from the context', () => {
    const s = Scenario.assignedTo('a1', context({ agents: [agent('a1', { displayName: 'Agent One' }), agent('a2')] }));
    s.with({ agents: [agent('a2')] });
    const events = s.ok(C.transfer('a1', 'a2'));
    expect(events.find((e) => e.type === 'TransferRequested')).toMatchObject({ fromAgentName: 'Agent One' });
  });
});

describe('recent command ids', () => {
  it('A3 idempotency: the state remembers where the last command ids start, bounded, oldest first', () => {
    const s = Scenario.assignedTo('a1');
    const transfer = C.transfer('a1', 'a2', 'note');
    s.with({ agents: [agent('a1'), agent('a2')] }).ok(transfer);
    expect(s.s.recentCommands?.at(-1)).toEqual({ id: transfer.commandId, firstSeq: 3 });
    for (let i = 0; i < 40; i++) s.ok(C.say(endUser(), `m${i}`));
    expect(s.s.recentCommands).toHaveLength(RECENT_COMMANDS);
    expect(s.s.recentCommands!.map((c) => c.firstSeq)).toEqual(Array.from({ length: RECENT_COMMANDS }, (_, i) => s.s.version - RECENT_COMMANDS + 1 + i));
  });
});

describe('R13 what the end user saw last', () => {
  it('R13 history: the state knows the seq of the last event the end user sees; side notes do not move it', () => {
    const s = Scenario.assignedTo('a1');
    expect(s.s.lastVisibleSeq).toBe(2);
    s.ok(C.note('a1'));
    expect(s.s.lastVisibleSeq).toBe(2);
    s.ok(C.say(endUser(), 'still there?'));
    expect(s.s.lastVisibleSeq).toBe(4);
  });
});
