// One-line setup of a session under test: run commands, apply what they decide.
import type { DomainErrorCode, DomainError } from '../errors/domain-error';
import type { SessionCommand } from '../session/commands';
import type { DecisionContext } from '../session/context';
import { decide, type Decision } from '../session/decide';
import type { SessionEvent } from '../session/events';
import { applyEvents } from '../session/evolve';
import { findCommandOutcome } from './command-outcome';
import type { SessionState } from '../session/state';
import { C, context } from './fixtures';

export class Scenario {
  state: SessionState | undefined;
  /** The event log, as the chat actor stores it (the history is not part of the state). */
  readonly log: SessionEvent[] = [];
  /** Each applied command's body, to tell a retry from a reused id (as the actor does with its fingerprint). */
  private readonly bodies = new Map<string, string>();

  constructor(public ctx: DecisionContext = context()) {}

  /** A session started by the default end user (topic `vpn` when Use Topics is on). */
  static started(ctx: DecisionContext = context()): Scenario {
    const s = new Scenario(ctx);
    s.ok(C.start(ctx.settings.useTopics ? { topic: 'vpn' } : {}));
    return s;
  }

  /** A session started and accepted by `agentId`. */
  static assignedTo(agentId: string, ctx: DecisionContext = context()): Scenario {
    const s = Scenario.started(ctx);
    s.ok(C.accept(agentId));
    return s;
  }

  get s(): SessionState {
    if (this.state === undefined) throw new Error('session not started');
    return this.state;
  }

  with(over: Partial<DecisionContext>): this {
    this.ctx = { ...this.ctx, ...over };
    return this;
  }

  run(command: SessionCommand): Decision {
    const decision = decide(this.state, command, { ...this.ctx, earlier: this.earlierOf(command) });
    if (decision.ok && !decision.duplicate) {
      this.state = applyEvents(this.state, decision.events);
      this.log.push(...decision.events);
      this.bodies.set(command.commandId, bodyOf(command));
    }
    return decision;
  }

  /** What the actor would pass as `ctx.earlier` for this command. */
  earlierOf(command: SessionCommand): DecisionContext['earlier'] {
    // A start of an existing session is answered with its start (R1.1), which the actor keeps with the session.
    if (command.type === 'StartSession' && this.log.length > 0 && command.commandId !== this.log[0]!.commandId) {
      return { events: findCommandOutcome(this.log, this.log[0]!.commandId) ?? [], sameCommand: false };
    }
    const events = findCommandOutcome(this.log, command.commandId);
    return events === undefined ? undefined : { events, sameCommand: this.bodies.get(command.commandId) === bodyOf(command) };
  }

  /** Runs a command that must succeed; returns its events. */
  ok(command: SessionCommand): SessionEvent[] {
    const d = this.run(command);
    if (!d.ok) throw new Error(`expected ${command.type} to succeed, got ${d.error.code}: ${d.error.message}`);
    return d.events;
  }

  /** Runs a command that must be refused with `code`; checks that nothing changed. */
  refused(command: SessionCommand, code: DomainErrorCode): DomainError {
    const before = JSON.stringify(this.state);
    const d = this.run(command);
    if (d.ok) throw new Error(`expected ${command.type} to be refused with ${code}, got events ${d.events.map((e) => e.type).join(', ')}`);
    expect(d.error.code).toBe(code);
    expect(d.error.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(this.state)).toBe(before);
    return d.error;
  }

  types(): string[] {
    return this.log.map((e) => e.type);
  }
}

function bodyOf(command: SessionCommand): string {
  const { commandId: _id, actor: _actor, ...body } = command;
  return JSON.stringify(body);
}
