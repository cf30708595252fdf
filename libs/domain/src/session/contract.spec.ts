// ADR 7: the contracts in libs/contracts are the single definition of commands, events and the
// session summary. These tests check, at run time, that they carry exactly what the domain
// produces: every event and every state of walks through all event types survives JSON and the
// contract's parse unchanged (zod drops unknown keys: nothing may be dropped), and the commands
// the domain's tests use are commands of the contract. (The domain's production code imports
// only the contracts' types; a test may run them.)
import { chatCommandResultSchema, chatEventMessageSchema, sessionCommandSchema, sessionEventSchema, sessionStateSchema } from '@switchboard/contracts';
import { SESSION_COMMAND_TYPES, type SessionCommand } from './commands';
import { SESSION_EVENT_TYPES } from './events';
import { evolve } from './evolve';
import type { SessionState } from './state';
import { agent, agentActor, at, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

const json = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/** Walks that together produce every event type, with every command type. */
function walks(): { scenarios: Scenario[]; commands: SessionCommand[] } {
  const commands: SessionCommand[] = [];
  const run = (s: Scenario, c: SessionCommand) => {
    commands.push(c);
    s.ok(c);
  };
  const net = ['Network'];
  const agents = [agent('a1', { queues: net }), agent('a2', { queues: net }), agent('a3')];
  const main = new Scenario(
    context({
      settings: settings({ agentAutoAccept: true, supportQueues: true, useTopics: true, remoteControlConsoleUrl: 'https://rc.example.com/console' }),
      agents,
    }),
  );
  run(main, C.start({ topic: 'vpn' }));
  run(main, C.estimate(60, 180, main.s.queuedAt!));
  run(main, C.raisePriority({ role: 'admin', id: 'admin-1' }, 2));
  run(main, C.autoAssign('a1', true));
  run(main, C.say({ role: 'endUser', id: 'u-1' }, 'Hello'));
  run(main, C.say({ role: 'agent', id: 'a1' }, 'Hi, how can I help?'));
  run(main, C.note('a1', 'VPN client 5.2'));
  run(main, C.release('a1'));
  run(main, C.autoAssign('a2'));
  run(main, C.transferToQueue('a2', 'General', 'for the general desk'));
  run(main, C.autoAssign('a3'));
  run(main, C.transfer('a3', 'a1', 'over to you'));
  run(main.with({ now: at(5), agents: agents.map((a) => (a.id === 'a1' ? { ...a, presence: 'offline' as const } : a)) }), C.targetOffline('a1'));
  main.with({ now: at(6), agents });
  run(main, C.autoAssign('a3'));
  run(main, C.transfer('a3', 'a2'));
  run(main, C.accept('a2'));
  run(main, C.left());
  run(main, C.returned());
  run(main, C.attach(endUser()));
  run(main, C.ticket('a2', 'VPN broken'));
  run(main, C.control('a2'));
  run(main, C.end('a2', true));

  const abandoned = Scenario.assignedTo('a1');
  run(abandoned, C.ticket('a1'));
  run(abandoned, C.abandon('a1'));
  const cancelled = Scenario.started();
  run(cancelled, C.cancel());
  const wrapped = Scenario.assignedTo('a1', context({ queuePolicy: { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 120, dispositionRequired: true } }));
  run(wrapped, C.end('a1'));
  run(wrapped, C.disposition('a1'));
  run(wrapped, C.rate(4, 'Quick and friendly'));
  const unanswered = Scenario.assignedTo('a1', context({ queuePolicy: { firstReplySeconds: 60, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false } }));
  run(unanswered.with({ now: at(1) }), C.deadline(unanswered.s.version));
  const offered = Scenario.started(context({ settings: settings({ agentAutoAccept: true }), queuePolicy: { firstReplySeconds: 0, offerSeconds: 30, wrapUpSeconds: 0, dispositionRequired: false } }));
  run(offered, C.autoAssign('a1'));
  run(offered, C.declineOffer('a1'));
  run(offered, C.autoAssign('a2'));
  run(offered.with({ now: at(1) }), C.deadline(offered.s.version, 'offer'));
  run(offered, C.autoAssign('a3'));
  run(offered.with({ agents: agents.map((a) => (a.id === 'a3' ? { ...a, presence: 'away' as const } : a)) }), C.targetOffline('a3'));
  offered.with({ agents });
  run(offered, C.autoAssign('a3'));
  run(offered, C.acceptOffer('a3'));
  const forced = Scenario.started();
  run(forced, C.forceClose(undefined, 'stuck since Monday'));
  // Issue 16: a supervisor whispers to the owner, then takes the chat over.
  const supervised = Scenario.assignedTo('a1', context({ agents: [agent('a1'), agent('sup', { supervisedQueues: ['General'] })] }));
  run(supervised, C.raiseHelp('a1', 'stuck'));
  run(supervised, C.whisper('sup', 'offer the loaner'));
  run(supervised, C.lowerHelp('sup'));
  run(supervised, C.raiseHelp('a1'));
  run(supervised, C.takeOver('sup', 'a1'));
  // Issue 16 (ADR 24): a colleague invited, declined, invited again, joins, consults, leaves; another
  // invitation cancelled; a supervisor barges in and is removed.
  const together = Scenario.assignedTo('a1', context({ agents: [agent('a1'), agent('a2'), agent('a3'), agent('sup', { supervisedQueues: ['General'] })] }));
  run(together, C.invite('a1', 'a2', 'knows the VPN'));
  run(together, C.declineInvite('a2'));
  run(together, C.invite('a1', 'a2'));
  run(together, C.acceptInvite('a2'));
  run(together, C.consult('a2', 'firewall?'));
  run(together, C.leaveChat('a2'));
  run(together, C.invite('a1', 'a3'));
  run(together, C.cancelInvite('a1', 'a3'));
  run(together, C.bargeIn('sup'));
  run(together, C.removeParticipant('a1', 'sup'));
  // Issue 15: the end user's inactivity (warned, then closed) and a gone end user's chat closed.
  const inactivity = { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, userInactivityWarnSeconds: 60, userInactivityCloseSeconds: 60, userLeftCloseSeconds: 60 };
  const silent = Scenario.assignedTo('a1', context({ queuePolicy: inactivity }));
  run(silent, C.say(agentActor('a1'), 'Does it work now?'));
  run(silent.with({ now: at(1) }), C.deadline(silent.s.version, 'userInactivityWarn'));
  run(silent.with({ now: at(2) }), C.deadline(silent.s.version, 'userInactive'));
  const gone = Scenario.assignedTo('a1', context({ queuePolicy: inactivity }));
  run(gone, C.left());
  run(gone.with({ now: at(1) }), C.deadline(gone.s.version, 'userLeft'));
  // Issue 15: overflow, the end user's choice after a long wait, a message left at the start and after waiting.
  const long = Scenario.started(context({ queuePolicy: { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 0, dispositionRequired: false, maxWaitSeconds: 60, overflowQueue: 'Network' } }));
  run(long.with({ now: at(1) }), C.deadline(1, 'maxWait'));
  run(long.with({ now: at(2) }), C.deadline(long.s.version, 'maxWait'));
  run(long, C.keepWaiting());
  run(long, C.leaveMessage('Call me back'));
  const afterHours = new Scenario(context());
  run(afterHours, C.start({ leaveMessage: true }));
  return { scenarios: [main, abandoned, cancelled, wrapped, unanswered, offered, forced, silent, gone, supervised, together, long, afterHours], commands };
}

/** Every state a scenario went through, rebuilt from its log. */
function states(s: Scenario): SessionState[] {
  const out: SessionState[] = [];
  let state: SessionState | undefined;
  for (const e of s.log) {
    state = evolve(state, e);
    out.push(state);
  }
  return out;
}

describe('contracts (ADR 7)', () => {
  const { scenarios, commands } = walks();
  const events = scenarios.flatMap((s) => s.log);

  it('walks: the walks below produce every event type of the domain', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(SESSION_EVENT_TYPES));
  });

  it('events: every event the domain produces is an event of the contract, unchanged by JSON and parsing', () => {
    for (const event of events) expect(sessionEventSchema.parse(json(event))).toEqual(event);
  });

  it('states: every state the domain produces is a summary of the contract, unchanged by JSON and parsing', () => {
    const all = scenarios.flatMap(states);
    expect(all.some((s) => s.ticket !== undefined && (s.agentNames?.length ?? 0) > 1 && (s.recentCommands?.length ?? 0) > 1)).toBe(true);
    for (const state of all) expect(sessionStateSchema.parse(json(state))).toEqual(state);
  });

  it('A3 replies: a chat-actor reply and a chat event message carry the events and the summary whole', () => {
    for (const s of scenarios) {
      const last = s.log.at(-1)!;
      const reply = { sessionId: s.s.sessionId, version: s.s.version, events: [last], duplicate: false, session: s.s };
      expect(chatCommandResultSchema.parse(json(reply))).toEqual(reply);
      const { sessionId, version, status, queue, companyId, endUserId, ownerAgentId, transferTargetAgentId, queuedAt, cancelledByUser, userLeft } = s.s;
      const session = { sessionId, version, status, queue, companyId, endUserId, ownerAgentId, transferTargetAgentId, queuedAt, cancelledByUser, userLeft };
      const message = { event: last, prevVisibleSeq: last.seq - 1, session };
      expect(chatEventMessageSchema.parse(json(message))).toEqual(json(message));
    }
  });

  it('commands: the commands the domain is tested with are commands of the contract (with ids of the contract\'s format)', () => {
    expect(new Set(commands.map((c) => c.type)).size).toBe(SESSION_COMMAND_TYPES.length);
    for (const [i, c] of commands.entries()) {
      const command = { ...c, sessionId: 'k1-session-0001', commandId: `command-${i}` };
      expect(sessionCommandSchema.parse(json(command))).toEqual(command);
    }
  });
});
