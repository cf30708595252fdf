import { agent, agentActor, admin, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import type { SessionCommand } from '../session/commands';
import type { Notification } from './notifications';
import { notificationsFor } from './notifications';

/** Runs a command and returns the notifications of its events (computed on the state after the decision). */
function notify(s: Scenario, command: SessionCommand): Notification[] {
  const events = s.ok(command);
  return events.flatMap((e) => notificationsFor(e, s.s));
}

const summary = (ns: Notification[]) =>
  ns.map((n) => {
    const a = n.audience;
    const who = a.to === 'endUser' ? 'endUser' : a.to === 'agent' ? `agent:${a.agentId}` : `supervisors:${a.queue}`;
    return `${who} ${n.notice}`;
  });

describe('notifications', () => {
  it('R1 notify: a new session is announced to its end user only (Queue tabs follow the list changes, not notices)', () => {
    const s = new Scenario();
    expect(summary(notify(s, C.start()))).toEqual(['endUser SESSION_STARTED']);
  });

  it('R3.2 notify: on accept the end user is told the agent is online, by display name', () => {
    const s = Scenario.started(context({ agents: [agent('a1', { displayName: 'Alice' })] }));
    const ns = notify(s, C.accept('a1'));
    expect(summary(ns)).toEqual(['endUser AGENT_JOINED', 'agent:a1 ASSIGNED_TO_YOU']);
    expect(ns[0]!.text).toBe('Alice is online.');
    expect(ns[0]).toMatchObject({ sessionId: 's-1', seq: 2 });
  });

  it('R5.1 notify: transfer: the initiator loses it, the target is offered it; side note to the target only', () => {
    const s = Scenario.assignedTo('a1');
    const ns = notify(s, C.transfer('a1', 'a2', 'private'));
    expect(summary(ns)).toEqual(['agent:a2 SIDE_NOTE', 'endUser TRANSFERRED', 'agent:a1 REMOVED_FROM_YOU', 'agent:a2 TRANSFER_OFFERED']);
  });

  it('R3.2 notify: when the target accepts a transfer, the end user is told the new agent is online', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    expect(summary(notify(s, C.accept('a2')))).toEqual(['endUser AGENT_JOINED', 'agent:a2 ASSIGNED_TO_YOU']);
  });

  it('R5.4 notify: when the target goes offline, the end user is told the chat waits again and the target loses it', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    s.with({ agents: [agent('a2', { presence: 'offline' })] });
    expect(summary(notify(s, C.targetOffline('a2')))).toEqual(['endUser BACK_IN_QUEUE', 'agent:a2 REMOVED_FROM_YOU']);
  });

  it('R7.3 notify: transfer to a queue notifies the end user; the initiator loses the chat', () => {
    const s = new Scenario(context({ settings: settings({ supportQueues: true, useTopics: true }), agents: [agent('a1', { queues: ['Network'] })] }));
    s.ok(C.start({ topic: 'vpn' }));
    s.ok(C.accept('a1'));
    expect(summary(notify(s, C.transferToQueue('a1', 'Accounts')))).toEqual([
      'endUser TRANSFERRED',
      'agent:a1 REMOVED_FROM_YOU',
    ]);
  });

  it('R8 notify: release tells the end user it was released for reassignment', () => {
    const s = Scenario.assignedTo('a1');
    const ns = notify(s, C.release('a1'));
    expect(summary(ns)).toEqual(['endUser RELEASED', 'agent:a1 REMOVED_FROM_YOU']);
    expect(ns[0]!.text).toMatch(/released for reassignment/);
  });

  it('R9.3 notify: end chat tells the end user the session ended', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    expect(summary(notify(s, C.end('a1', true)))).toEqual([
      'endUser TICKET_RESOLVED',
      'agent:a1 TICKET_RESOLVED',
      'endUser SESSION_ENDED',
      'agent:a1 SESSION_ENDED',
    ]);
  });

  it('R10 notify: abandon with a ticket: ticket cancelled, then abandoned', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    expect(summary(notify(s, C.abandon('a1')))).toEqual([
      'endUser TICKET_CANCELLED',
      'agent:a1 TICKET_CANCELLED',
      'endUser SESSION_ABANDONED',
      'agent:a1 SESSION_ABANDONED',
    ]);
  });

  it('R11.2 notify: the agent sees "End user has cancelled chat."', () => {
    const s = Scenario.assignedTo('a1');
    const ns = notify(s, C.cancel());
    expect(summary(ns)).toEqual(['endUser USER_CANCELLED', 'agent:a1 USER_CANCELLED']);
    expect(ns[1]!.text).toBe('End user has cancelled chat.');
  });

  it('R11.1 notify: cancelling a queued session closes it: the end user is told, no agent is addressed', () => {
    const s = Scenario.started();
    expect(summary(notify(s, C.cancel()))).toEqual(['endUser USER_CANCELLED', 'endUser SESSION_ENDED']);
  });

  it('R12 notify: the agent is told when the end user leaves and returns', () => {
    const s = Scenario.assignedTo('a1');
    expect(summary(notify(s, C.left()))).toEqual(['agent:a1 USER_LEFT']);
    expect(summary(notify(s, C.returned()))).toEqual(['agent:a1 USER_RETURNED']);
  });

  it('R13 notify: side notes never go to the end user; messages go to both sides', () => {
    const s = Scenario.assignedTo('a1');
    expect(summary(notify(s, C.note('a1')))).toEqual(['agent:a1 SIDE_NOTE']);
    expect(summary(notify(s, C.say(endUser(), 'hi')))).toEqual(['endUser MESSAGE', 'agent:a1 MESSAGE']);
    expect(summary(notify(s, C.say(agentActor('a1'), 'hello')))).toEqual(['endUser MESSAGE', 'agent:a1 MESSAGE']);
  });

  it('R13 notify: no notification of any event addresses a side note to the end user', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.note('a1', 'n1'));
    s.ok(C.transfer('a1', 'a2', 'n2'));
    s.ok(C.accept('a2'));
    s.with({ settings: settings({ supportQueues: true, useTopics: true }) });
    s.ok(C.transferToQueue('a2', 'General', 'n3'));
    const all = s.log.flatMap((e) => notificationsFor(e, s.s));
    expect(all.filter((n) => n.audience.to === 'endUser' && n.event.type === 'SideNoteAdded')).toEqual([]);
  });

  it('R14 notify: a created ticket is announced to the end user and the agent', () => {
    const s = Scenario.assignedTo('a1');
    expect(summary(notify(s, C.ticket('a1')))).toEqual(['endUser TICKET_CREATED', 'agent:a1 TICKET_CREATED']);
  });

  it('R16 notify: the link goes to the agent; the end user is told without the link', () => {
    const s = Scenario.assignedTo('a1', context({ settings: settings({ remoteControlConsoleUrl: 'https://rc' }) }));
    const ns = notify(s, C.control('a1'));
    expect(summary(ns)).toEqual(['agent:a1 REMOTE_CONTROL_LINK', 'endUser REMOTE_CONTROL_REQUESTED']);
    expect(ns[0]!.text).toBe('https://rc?device=DEV-001');
    expect(ns[1]!.text).not.toContain('https://');
  });

  it('R17 notify: force-closing a pending transfer tells the end user and the target', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.transfer('a1', 'a2'));
    expect(summary(notify(s, C.forceClose(admin())))).toEqual(['endUser SESSION_ENDED', 'agent:a2 REMOVED_FROM_YOU']);
  });
});
