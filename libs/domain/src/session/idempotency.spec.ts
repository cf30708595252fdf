import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOMAIN_ERROR_CODES, domainError } from '../errors/domain-error';
import { agent, agentActor, at, C, context, endUser } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { decide } from './decide';
import { applyEvents, evolve } from './evolve';
import { findCommandOutcome } from '../test-support/command-outcome';
import { isVisibleToEndUser } from './history';

describe('A3 idempotent commands', () => {
  it('A3 idempotency: the same command id again returns the original events and changes nothing', () => {
    const s = Scenario.started();
    const accept = C.accept('a1');
    const first = s.ok(accept);
    const after = JSON.stringify(s.s);
    const again = s.run(accept);
    expect(again).toEqual({ ok: true, duplicate: true, events: first });
    expect(JSON.stringify(s.s)).toBe(after);
  });

  it('A3 idempotency: a retry after later commands, even after close, still returns its first outcome', () => {
    const s = Scenario.assignedTo('a1');
    const ticket = C.ticket('a1');
    const created = s.ok(ticket);
    const abandon = C.abandon('a1');
    const abandoned = s.ok(abandon);
    expect(abandoned).toHaveLength(2);
    expect(s.run(ticket)).toEqual({ ok: true, duplicate: true, events: created });
    expect(s.run(abandon)).toEqual({ ok: true, duplicate: true, events: abandoned });
    expect(findCommandOutcome(s.log, abandon.commandId)).toEqual(abandoned);
    expect(findCommandOutcome(s.log, 'never')).toBeUndefined();
  });

  it('A3 idempotency: a retried start (same command id) returns the start, also with another context', () => {
    const s = new Scenario();
    const start = C.start();
    const first = s.ok(start);
    const d = decide(s.s, start, context({ now: at(30), endUser: undefined, earlier: s.earlierOf(start) }));
    expect(d).toEqual({ ok: true, duplicate: true, events: first });
  });

  it('A3 idempotency: a command id sent again with another body is refused with COMMAND_ID_REUSED, the first post stands', () => {
    const s = Scenario.assignedTo('a1');
    const post = C.say(agentActor('a1'), 'first text');
    s.ok(post);
    const version = s.s.version;
    s.refused({ ...C.say(agentActor('a1'), 'another text'), commandId: post.commandId }, 'COMMAND_ID_REUSED');
    expect(s.s.version).toBe(version);
    expect(s.log.filter((e) => e.type === 'MessagePosted').map((e) => e.type === 'MessagePosted' && e.text)).toEqual(['first text']);
  });

  it('A3 idempotency: without the earlier outcome in the context a command is decided as new (the store is the record)', () => {
    const s = Scenario.assignedTo('a1');
    const post = C.say(agentActor('a1'), 'hello');
    s.ok(post);
    const d = decide(s.s, post, s.ctx);
    expect(d).toMatchObject({ ok: true, duplicate: false });
  });

  it('A3 idempotency: a command id reused by another actor is refused', () => {
    const s = Scenario.started();
    const accept = C.accept('a1');
    s.ok(accept);
    s.refused({ ...accept, actor: agentActor('a2') }, 'COMMAND_ID_REUSED');
  });

  it('A3 idempotency: a refused command is not recorded, so its retry is decided again', () => {
    const s = Scenario.started(context({ agents: [agent('a1', { presence: 'away' })] }));
    const accept = C.accept('a1');
    s.refused(accept, 'AGENT_UNAVAILABLE');
    s.with({ agents: [agent('a1')] });
    expect(s.run(accept)).toMatchObject({ ok: true, duplicate: false });
  });

  it('A3 idempotency: events carry the command id, the actor and the time that produced them', () => {
    const s = Scenario.assignedTo('a1');
    s.with({ now: at(4) });
    const c = C.transfer('a1', 'a2', 'note');
    for (const e of s.ok(c)) expect(e).toMatchObject({ commandId: c.commandId, by: agentActor('a1'), at: at(4), sessionId: 's-1' });
  });
});

describe('history and state', () => {
  it('R13 history: the end user sees every entry but side notes, each with its seq', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.note('a1', 'n'));
    s.ok(C.say(endUser(), 'm'));
    expect(s.log.map((e) => e.type)).toEqual(['SessionStarted', 'SessionAssigned', 'SideNoteAdded', 'MessagePosted']);
    expect(s.log.filter(isVisibleToEndUser).map((e) => e.seq)).toEqual([1, 2, 4]);
  });

  it('state: plain JSON (stored in MongoDB as is), and evolve never mutates its input', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(C.ticket('a1'));
    s.ok(C.transfer('a1', 'a2'));
    expect(JSON.parse(JSON.stringify(s.s))).toEqual(s.s);
    expect(Object.values(s.s).some((v) => v === undefined)).toBe(false);
    const frozen = deepFreeze(structuredClone(s.s));
    const d = decide(frozen, C.accept('a2'), s.ctx);
    if (!d.ok) throw new Error(d.error.message);
    expect(() => applyEvents(frozen, d.events)).not.toThrow();
    expect(evolve(frozen, d.events[0]!).version).toBe(frozen.version + 1);
  });
});

describe('typed errors', () => {
  it('errors: every domain error code is documented in the WebSocket protocol reference (clients branch on it)', () => {
    const reference = readFileSync(resolve(__dirname, '../../../../docs/protocol/websocket.md'), 'utf8');
    expect(DOMAIN_ERROR_CODES.filter((code) => !reference.includes(`\`${code}\``))).toEqual([]);
  });

  it('R19 errors: errors are plain JSON with a code and a message', () => {
    const e = domainError('NOT_OWNER', 'no', { a: 1 });
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'NOT_OWNER', message: 'no', details: { a: 1 } });
    expect(JSON.parse(JSON.stringify(domainError('FORBIDDEN', 'no')))).toEqual({ code: 'FORBIDDEN', message: 'no' });
  });
});

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
