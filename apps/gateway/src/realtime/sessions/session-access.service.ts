import { Inject, Injectable } from '@nestjs/common';
import type { ListItem, Principal } from '@switchboard/contracts';
import { canSeeQueuedSession, guestOf, isEligibleAgent, supervises, type SessionState } from '@switchboard/domain';
import { SessionReader } from '@switchboard/session-store';
import { AgentDirectory } from '../agent/agent-directory.service';
import { CommandRefusal, forbidden, notFound } from './command-refusal';
import { LiveSettings } from './live-settings.service';
import { OpenSessionsProjection } from './open-sessions.projection';

type Session = ListItem | SessionState;

/**
 * R19, the gateway's gate before a command reaches a session. End users act
 * only on their own session. Agents act only on sessions they may see: the
 * ones they own, are the transfer target of, once held, or that their Queue
 * tab lists (R2). Accepting is also open to agents of the session's queue and
 * company whatever its status, so that the loser of a race hears
 * ALREADY_TAKEN (R3.4) from the session rather than FORBIDDEN. Administrators
 * may read any session. A supervisor (issue 16) sees the sessions of the
 * queues they supervise, whoever holds them. Anything else is FORBIDDEN; the session decides the
 * rest (NOT_OWNER, ALREADY_TAKEN, ...).
 */
@Injectable()
export class SessionAccess {
  constructor(
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(SessionReader) private readonly reader: SessionReader,
    @Inject(AgentDirectory) private readonly agents: AgentDirectory,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
  ) {}

  /** The session (from memory while open), if the principal may act on it. */
  async check(principal: Principal, sessionId: string, purpose: 'act' | 'accept' | 'invited' = 'act'): Promise<Session> {
    const rule = purpose === 'accept' ? this.mayAccept : purpose === 'invited' ? this.isInvited : this.maySee;
    const open = this.projection.get(sessionId);
    if (open && rule.call(this, principal, open)) return open;
    // Closed, unknown to this instance yet, or maybe a former holder (participants are in the stored session).
    const stored = (await this.reader.load(sessionId))?.state;
    if (!stored) throw notFound();
    if (!rule.call(this, principal, stored)) throw forbidden();
    return stored;
  }

  /** The whole stored session (history included), if the principal may see it. */
  async load(principal: Principal, sessionId: string): Promise<SessionState> {
    const state = (await this.reader.load(sessionId))?.state;
    if (!state) throw notFound();
    if (!this.maySee(principal, state)) throw forbidden();
    return state;
  }

  maySee(principal: Principal, session: Session): boolean {
    switch (principal.role) {
      case 'admin':
        return true;
      case 'endUser':
        return session.endUserId === principal.id;
      case 'agent': {
        if (session.ownerAgentId === principal.id || session.transferTargetAgentId === principal.id) return true;
        if ('participants' in session && session.participants.includes(principal.id)) return true;
        // Issue 16 (ADR 24): an agent in the chat besides its owner, while they are in it.
        if (guestOf(session, principal.id)) return true;
        const agent = this.agents.info(principal.id);
        if (agent === undefined) return false;
        return canSeeQueuedSession(agent, session, this.settings.current) || supervises(agent, session, this.settings.current);
      }
    }
  }

  /** Issue 16: the session, if the principal supervises its queue (monitor, whisper, take over); else FORBIDDEN. */
  async supervised(principal: Principal, sessionId: string): Promise<SessionState> {
    const state = await this.load(principal, sessionId);
    if (principal.role !== 'agent' || !supervises(this.agents.info(principal.id), state, this.settings.current)) {
      throw new CommandRefusal('NOT_SUPERVISOR', "Only a supervisor of this chat's queue can do that.");
    }
    return state;
  }

  /**
   * Issue 16: an invitation into the session waits for the principal (to accept or decline: nothing else of
   * the chat), or they may see it anyway (a participant who answers twice hears INVITE_NOT_FOUND from the session).
   */
  private isInvited(principal: Principal, session: Session): boolean {
    return (principal.role === 'agent' && (session.invites?.some((i) => i.agentId === principal.id) ?? false)) || this.maySee(principal, session);
  }

  private mayAccept(principal: Principal, session: Session): boolean {
    if (principal.role !== 'agent') return false;
    if (session.transferTargetAgentId === principal.id || session.ownerAgentId === principal.id) return true;
    const agent = this.agents.info(principal.id);
    return agent !== undefined && isEligibleAgent(agent, session, this.settings.current);
  }
}
