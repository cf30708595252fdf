import { effectivePresence, type AgentLiveState } from '@switchboard/agent-state';
import {
  effectiveQueue,
  keepsPendingOffer,
  keepsPendingTransfer,
  orderWaitingSessions,
  pickAgentForAutoAssign,
  type AgentInfo,
  type Settings,
  type SessionStatus,
} from '@switchboard/domain';
import type { AgentProfile } from '@switchboard/reference-data';

/** What the router needs of a session: its routing fields, from an event or the database. */
export interface SessionSummary {
  readonly sessionId: string;
  readonly version: number;
  readonly status: SessionStatus;
  readonly queue: string;
  readonly companyId: string;
  readonly queuedAt?: string;
  readonly transferTargetAgentId?: string;
  /** Agents the session never goes back to (no first reply in time): passed over. */
  readonly excludedAgentIds?: readonly string[];
  /** Agents who declined it or let its offer lapse: proposed only when no one else is available. */
  readonly passedOverAgentIds?: readonly string[];
  /** An offer waiting for its agent's answer: nothing to propose until it ends. */
  readonly offer?: { readonly agentId: string };
}

/** A proposal: send `AutoAssign` for `sessionId` to `agentId`. */
export interface PlannedAssignment {
  readonly sessionId: string;
  readonly agentId: string;
  readonly queue: string;
  readonly queuedAt?: string;
}

/** How the session's actor answered a proposal. */
export type Outcome =
  /** Assigned: the session leaves the queue. */
  | 'assigned'
  /** The session is no longer waiting (taken, cancelled, closed): forget it until an event says otherwise. */
  | 'sessionGone'
  /** The agent could not take it (went offline, reached the cap): the view of that agent was stale. */
  | 'agentRefused'
  /** No answer or a transient error: try again shortly. */
  | 'retry';

const RETRY_AFTER_MS = 250;
/** An agent who refused is left out until its live state changes, or for this long. */
const REFUSED_AGENT_PAUSE_MS = 1000;
/** Sessions this router saw assigned are counted until the live state shows them, at most this long. */
const CONFIRMED_TTL_MS = 10_000;

interface Waiting extends SessionSummary {
  readonly seenAt: number;
  /** Order key fallback for `orderWaitingSessions` when `queuedAt` is missing. */
  readonly createdAt: string;
  notBefore?: number;
}

interface InFlight {
  readonly agentId: string;
  /** The load the agent reaches with this assignment (fairness gate). */
  readonly level: number;
  /** The session's version the proposal was made from. */
  readonly version: number;
  /** How many live-state changes of the agent this router had seen when it proposed. */
  readonly agentChanges: number;
  /** The agent's live state has shown this session since the proposal: from then on the live state accounts for it. */
  seenInLive: boolean;
  /** The newest status an event reported for the session after `version` while the proposal was unanswered. */
  laterStatus?: SessionStatus;
}

/**
 * The router's in-memory model (R4.1): waiting sessions, pending transfers,
 * agents (profile + live state) and its own proposals in flight. It decides
 * which session goes to which agent; the session's actor checks again and
 * has the last word (A6 capacity reservation, presence, status).
 *
 * Fairness: an agent's load counts what the live state shows, what this
 * router has in flight, and what it saw assigned but the live state does not
 * show yet. A proposal that would bring an agent to load L+1 waits while any
 * proposal to load L or less is unanswered, so assignments complete in rounds
 * and equal agents never differ by more than one.
 */
export class AssignmentPlanner {
  private readonly waiting = new Map<string, Waiting>();
  private readonly pendingTransfers = new Map<string, SessionSummary>();
  /** Chats offered to an agent, waiting for the answer (issue 14): withdrawn when the agent leaves. */
  private readonly offered = new Map<string, SessionSummary & { offer: { agentId: string } }>();
  /** Highest version seen per open session: older news is ignored. */
  private readonly versions = new Map<string, number>();
  private readonly profiles = new Map<string, AgentProfile>();
  private readonly live = new Map<string, AgentLiveState>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly confirmed = new Map<string, Map<string, number>>();
  private readonly pausedAgents = new Map<string, number>();
  private readonly lastLocalAssignment = new Map<string, string>();
  private readonly revertsInFlight = new Set<string>();
  /** Live-state changes seen per agent: tells whether a refusal was answered from a view this router has already replaced. */
  private readonly liveChanges = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  // ---- sessions -------------------------------------------------------

  /**
   * A session's latest known state (event or database); older versions than
   * known are ignored. Returns whether it changed what there is to plan.
   */
  observeSession(s: SessionSummary): boolean {
    const known = this.versions.get(s.sessionId);
    if (known !== undefined && known >= s.version) return false;
    // News that overtook the answer to a proposal of this session (see `settle`).
    const flight = this.inFlight.get(s.sessionId);
    if (flight && s.version > flight.version) flight.laterStatus = s.status;
    const relevant = s.status === 'QUEUED' || s.status === 'PENDING_TRANSFER' || this.waiting.has(s.sessionId) || this.pendingTransfers.has(s.sessionId) || s.status !== 'ASSIGNED';
    if (s.status === 'CLOSED' || s.status === 'ABANDONED') this.versions.delete(s.sessionId);
    else this.versions.set(s.sessionId, s.version);

    // A chat offered to an agent waits for that agent's answer, not for a proposal (issue 14).
    if (s.status === 'QUEUED' && s.offer === undefined) {
      const previous = this.waiting.get(s.sessionId);
      const seenAt = this.clock();
      this.waiting.set(s.sessionId, { ...s, seenAt, createdAt: s.queuedAt ?? new Date(seenAt).toISOString(), notBefore: previous?.notBefore });
    } else this.waiting.delete(s.sessionId);

    if (s.status === 'PENDING_TRANSFER') this.pendingTransfers.set(s.sessionId, s);
    else this.pendingTransfers.delete(s.sessionId);
    if (s.status === 'QUEUED' && s.offer !== undefined) this.offered.set(s.sessionId, { ...s, offer: s.offer });
    else this.offered.delete(s.sessionId);

    if (s.status !== 'ASSIGNED') for (const sessions of this.confirmed.values()) sessions.delete(s.sessionId);
    return relevant;
  }

  /**
   * A full read of the waiting and pending sessions from the database, taken
   * from `startedAt` on: entries the read lacks are dropped unless news of
   * them arrived after the read began.
   */
  resync(sessions: readonly SessionSummary[], startedAt: number): void {
    const present = new Set(sessions.map((s) => s.sessionId));
    for (const s of sessions) this.observeSession(s);
    for (const [id, w] of this.waiting) if (!present.has(id) && w.seenAt < startedAt && !this.inFlight.has(id)) this.waiting.delete(id);
    for (const id of this.pendingTransfers.keys()) if (!present.has(id)) this.pendingTransfers.delete(id);
    for (const id of this.offered.keys()) if (!present.has(id)) this.offered.delete(id);
  }

  // ---- agents ---------------------------------------------------------

  setProfiles(profiles: readonly AgentProfile[]): void {
    this.profiles.clear();
    for (const p of profiles) this.profiles.set(p.id, p);
  }

  setLiveState(agentId: string, state: AgentLiveState | undefined): void {
    if (state) this.live.set(agentId, state);
    else this.live.delete(agentId);
    this.liveChanges.set(agentId, (this.liveChanges.get(agentId) ?? 0) + 1);
    this.pausedAgents.delete(agentId);
    if (!state) return;
    const confirmed = this.confirmed.get(agentId);
    if (confirmed) for (const id of Object.keys(state.sessions)) confirmed.delete(id);
    for (const [sessionId, flight] of this.inFlight) if (flight.agentId === agentId && sessionId in state.sessions) flight.seenInLive = true;
  }

  // ---- planning -------------------------------------------------------

  /**
   * Proposals for waiting sessions of the queues this router serves, oldest
   * first, at most `limit`. Each is in flight until `settle` is called.
   */
  plan(settings: Settings, serves: (queue: string) => boolean, limit: number): PlannedAssignment[] {
    if (!settings.agentAutoAccept || limit <= 0) return [];
    const now = this.clock();
    const candidates = orderWaitingSessions(
      [...this.waiting.values()].filter((w) => !this.inFlight.has(w.sessionId) && (w.notBefore ?? 0) <= now && serves(effectiveQueue(w.queue, settings))),
    );
    if (candidates.length === 0) return [];
    let agents = this.agentInfos(now);
    const planned: PlannedAssignment[] = [];
    let lowestInFlight = this.lowestInFlightLevel();
    // Sessions that route alike (same queue, and company when the filter is on)
    // get the same answer: once one is blocked, the rest of its kind are too.
    const blocked = new Set<string>();
    const kindOf = (w: Waiting) =>
      `${effectiveQueue(w.queue, settings)}\u0000${settings.companyFilter ? w.companyId : ''}\u0000${w.excludedAgentIds?.join(',') ?? ''}\u0000${w.passedOverAgentIds?.join(',') ?? ''}`;
    for (const session of candidates) {
      if (planned.length >= limit || agents.length === 0) break;
      const kind = kindOf(session);
      if (blocked.has(kind)) continue;
      const agent = pickAgentForAutoAssign(session, agents, settings);
      const level = agent ? agent.load + 1 : 0;
      // Fairness gate: finish the current round before starting the next.
      if (!agent || lowestInFlight < level) {
        blocked.add(kind);
        continue;
      }
      this.inFlight.set(session.sessionId, {
        agentId: agent.id,
        level,
        version: session.version,
        agentChanges: this.liveChanges.get(agent.id) ?? 0,
        seenInLive: false,
      });
      lowestInFlight = Math.min(lowestInFlight, level);
      const at = new Date(now).toISOString();
      this.lastLocalAssignment.set(agent.id, at);
      agents = agents.map((a) => (a.id === agent.id ? { ...a, load: level, idleSince: at } : a));
      planned.push({ sessionId: session.sessionId, agentId: agent.id, queue: session.queue, queuedAt: session.queuedAt });
    }
    return planned;
  }

  /**
   * The answer to a proposal. The answer may be handled after news that
   * happened later (the router's event loop runs the answer's continuation
   * after chat events and live-state changes that arrived with it or after
   * it): the agent's live state may already show the session added and
   * removed again (a chat ended at once), the session may be closed or back
   * in its queue. Such later news wins over the answer.
   */
  settle(sessionId: string, outcome: Outcome): void {
    const flight = this.inFlight.get(sessionId);
    this.inFlight.delete(sessionId);
    if (!flight) return;
    const now = this.clock();
    const w = this.waiting.get(sessionId);
    // A waiting entry newer than the proposal came from a later event (released, transferred to a queue): it stays.
    const newerWaiting = w !== undefined && w.version > flight.version;
    switch (outcome) {
      case 'assigned': {
        if (!newerWaiting) this.waiting.delete(sessionId);
        // Count the session against the agent only while the live state has not
        // shown it yet; once it has (even if it removed it since, a chat that
        // ended at once), the live state is the truth, and so is any later news
        // that the session left the agent. A count the live state never takes
        // over would keep the agent "busy" with nothing to wake the planner.
        const supersededByNews = flight.laterStatus !== undefined && flight.laterStatus !== 'ASSIGNED';
        const shown = sessionId in (this.live.get(flight.agentId)?.sessions ?? {});
        if (!flight.seenInLive && !shown && !supersededByNews) {
          const sessions = this.confirmed.get(flight.agentId) ?? new Map<string, number>();
          sessions.set(sessionId, now);
          this.confirmed.set(flight.agentId, sessions);
        }
        break;
      }
      case 'sessionGone':
        if (!newerWaiting) this.waiting.delete(sessionId);
        break;
      case 'agentRefused':
        // The refusal was decided from a fresher live state than the one this
        // router proposed from. If this router has seen the agent's state
        // change since, its view already moved on: plan from it at once.
        // Otherwise leave the agent out until it changes (or the pause ends).
        if ((this.liveChanges.get(flight.agentId) ?? 0) === flight.agentChanges) this.pausedAgents.set(flight.agentId, now + REFUSED_AGENT_PAUSE_MS);
        break;
      case 'retry': {
        if (w) w.notBefore = now + RETRY_AFTER_MS;
        break;
      }
    }
  }

  /**
   * When the next planning pass is due with no event to trigger it: the
   * earliest moment a time-based exclusion ends (a session's retry delay, a
   * refused agent's pause, a count of an answered assignment the live state
   * has not shown). The caller must plan again then; undefined if nothing is
   * waiting for time. Expired entries are dropped on the way.
   */
  nextWakeAt(now = this.clock()): number | undefined {
    let next = Number.POSITIVE_INFINITY;
    for (const w of this.waiting.values()) if (w.notBefore !== undefined && w.notBefore > now) next = Math.min(next, w.notBefore);
    for (const live of this.live.values()) {
      const end = live.wrapUp && !live.wrapUp.dispositionRequired ? Date.parse(live.wrapUp.until) : Number.NaN;
      if (end > now) next = Math.min(next, end);
    }
    for (const [agentId, until] of this.pausedAgents) {
      if (until > now) next = Math.min(next, until);
      else this.pausedAgents.delete(agentId);
    }
    for (const [agentId, sessions] of this.confirmed) {
      for (const [sessionId, since] of sessions) {
        if (now - since < CONFIRMED_TTL_MS) next = Math.min(next, since + CONFIRMED_TTL_MS);
        else sessions.delete(sessionId);
      }
      if (sessions.size === 0) this.confirmed.delete(agentId);
    }
    return Number.isFinite(next) ? next : undefined;
  }

  /**
   * R5.4: pending transfers (of served queues) whose target went offline
   * (away still may accept), and issue 14: offers whose agent is no longer
   * online; none already being reverted.
   */
  transfersToRevert(settings: Settings, serves: (queue: string) => boolean): Array<{ sessionId: string; agentId: string }> {
    const out: Array<{ sessionId: string; agentId: string }> = [];
    for (const t of this.pendingTransfers.values()) {
      if (!t.transferTargetAgentId || this.revertsInFlight.has(t.sessionId) || !serves(effectiveQueue(t.queue, settings))) continue;
      if (keepsPendingTransfer(this.live.get(t.transferTargetAgentId)?.presence ?? 'offline')) continue;
      this.revertsInFlight.add(t.sessionId);
      out.push({ sessionId: t.sessionId, agentId: t.transferTargetAgentId });
    }
    // Issue 14: an offer whose agent is no longer online (away, not responding, offline) is withdrawn.
    for (const o of this.offered.values()) {
      if (this.revertsInFlight.has(o.sessionId) || !serves(effectiveQueue(o.queue, settings))) continue;
      if (keepsPendingOffer(this.live.get(o.offer.agentId)?.presence ?? 'offline')) continue;
      this.revertsInFlight.add(o.sessionId);
      out.push({ sessionId: o.sessionId, agentId: o.offer.agentId });
    }
    return out;
  }

  revertDone(sessionId: string): void {
    this.revertsInFlight.delete(sessionId);
  }

  /** The agents' live states as last seen (for the load sweep). */
  liveStates(): ReadonlyMap<string, AgentLiveState> {
    return this.live;
  }

  // ---- figures --------------------------------------------------------

  waitingPerQueue(settings: Settings): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const w of this.waiting.values()) {
      const q = effectiveQueue(w.queue, settings);
      counts[q] = (counts[q] ?? 0) + 1;
    }
    return counts;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** The agents as the domain sees them, with this router's view of their load. */
  agentInfos(now = this.clock()): AgentInfo[] {
    const out: AgentInfo[] = [];
    const flying = new Map<string, string[]>();
    for (const [id, f] of this.inFlight) flying.set(f.agentId, [...(flying.get(f.agentId) ?? []), id]);
    for (const profile of this.profiles.values()) {
      if ((this.pausedAgents.get(profile.id) ?? 0) > now) continue;
      const live = this.live.get(profile.id);
      const sessions = new Set(Object.keys(live?.sessions ?? {}));
      for (const [id, since] of this.confirmed.get(profile.id) ?? []) if (now - since < CONFIRMED_TTL_MS) sessions.add(id);
      for (const id of flying.get(profile.id) ?? []) sessions.add(id);
      const idle = [live?.lastAssignedAt, this.lastLocalAssignment.get(profile.id)].filter((t): t is string => t !== undefined).sort();
      // In wrap-up (issue 14) an online agent takes no new chat until it ends (nextWakeAt plans again then).
      out.push({ ...profile, presence: effectivePresence(live, now), load: sessions.size, idleSince: idle[idle.length - 1] });
    }
    return out;
  }

  private lowestInFlightLevel(): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const f of this.inFlight.values()) lowest = Math.min(lowest, f.level);
    return lowest;
  }
}
