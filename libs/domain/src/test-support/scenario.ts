// One-line setup of a session under test: run commands, apply what they decide.
import type { DomainErrorCode, DomainError } from '../errors/domain-error';
import type { SessionCommand } from '../session/commands';
import type { DecisionContext } from '../session/context';
import { decide, type Decision } from '../session/decide';
import type { SessionEvent } from '../session/events';
import { applyEvents } from '../session/evolve';
import type { SessionState } from '../session/state';
import { C, context } from './fixtures';

export class Scenario {
  state: SessionState | undefined;

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
    const decision = decide(this.state, command, this.ctx);
    if (decision.ok && !decision.duplicate) this.state = applyEvents(this.state, decision.events);
    return decision;
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
    return this.s.history.map((e) => e.type);
  }
}
