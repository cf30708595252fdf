import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { presenceAfterOfferLapse } from '@switchboard/domain';
import { followKv, isRevisionConflict, openKvBucket, SINGLE_NODE_STORAGE, type JetStreamStorage } from '@switchboard/service-kit';
import {
  agentIdOfKey,
  agentKey,
  initialLiveState,
  withoutSession,
  withoutWrapUp,
  withPresence,
  withSession,
  withWrapUp,
  type AgentLiveState,
  type AgentPresence,
  type WrapUp,
} from '../live-state/agent-live-state';

/** A live state and the KV revision it was read at (0: the agent has no key yet). */
/** What a reservation did (AgentStateStore.reserve). */
export type Reservation = 'reserved' | 'alreadyCounted' | 'changed';

export interface VersionedLiveState {
  readonly state: AgentLiveState;
  readonly revision: number;
}

const MAX_CAS_ATTEMPTS = 50;

/**
 * Agents' live state in a JetStream KV bucket, one key per agent. Every change
 * is a compare-and-set on the revision it was computed from, so concurrent
 * writers (chat actors reserving capacity, gateways setting presence) never
 * lose each other's changes and a reservation can be made conditional on
 * exactly the state an assignment was decided with (A6, R18).
 */
export class AgentStateStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket: string, storage: JetStreamStorage = SINGLE_NODE_STORAGE): Promise<AgentStateStore> {
    // Several history entries help diagnostics; the store reads the last only.
    const kv = await openKvBucket(nc, bucket, { history: 5 }, storage);
    return new AgentStateStore(kv);
  }

  async get(agentId: string, now = new Date()): Promise<VersionedLiveState> {
    const entry = await this.kv.get(agentKey(agentId));
    if (!entry || entry.operation !== 'PUT') return { state: initialLiveState(now), revision: 0 };
    return { state: entry.json<AgentLiveState>(), revision: entry.revision };
  }

  async many(agentIds: readonly string[], now = new Date()): Promise<Map<string, VersionedLiveState>> {
    const unique = [...new Set(agentIds)];
    const states = await Promise.all(unique.map((id) => this.get(id, now)));
    return new Map(unique.map((id, i) => [id, states[i]!]));
  }

  setPresence(agentId: string, presence: AgentPresence, now = new Date()): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withPresence(s, presence, now), now);
  }

  /**
   * Counts a session against the agent (idempotent). `decidedFrom`: counted
   * before its commit, from that session version (see AgentLiveState).
   */
  addSession(agentId: string, sessionId: string, now = new Date(), decidedFrom?: number): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withSession(s, sessionId, now, decidedFrom), now);
  }

  /**
   * No longer counts the session against the agent (idempotent). With
   * `countedBefore` (the session version of the change that takes it off), a
   * count decided from that version or later stays: it is a newer assignment.
   */
  removeSession(agentId: string, sessionId: string, now = new Date(), countedBefore?: number): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withoutSession(s, sessionId, countedBefore), now);
  }

  /** Issue 14: the agent is in wrap-up after ending a chat (no new chat until it ends). */
  startWrapUp(agentId: string, wrapUp: WrapUp, now = new Date()): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withWrapUp(s, wrapUp), now);
  }

  /** Issue 14: the disposition of the chat was recorded: its wrap-up ends. */
  endWrapUp(agentId: string, sessionId: string, now = new Date()): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withoutWrapUp(s, sessionId), now);
  }

  /**
   * Issue 14: an agent who let an offer lapse becomes `presence` (Not
   * responding unless the administrator chose Away or Offline), if still
   * online (a presence the agent chose since, or offline, stands).
   */
  markOfferLapsed(agentId: string, presence: Exclude<AgentPresence, 'online'> = 'notResponding', now = new Date()): Promise<VersionedLiveState> {
    return this.change(agentId, (s) => withPresence(s, presenceAfterOfferLapse(s.presence, presence), now), now);
  }

  /**
   * Counts `sessionId` against the agent only if the agent's state is still
   * `read`: the reservation of an automatic assignment (A6), decided from
   * session version `decidedFrom`. `changed` when anything changed since
   * (another reservation, presence): the caller decides again from the new
   * state. `alreadyCounted` when the session was counted before this
   * reservation (by an owner overlapping a handover, or a count the sweep has
   * yet to drop): a commit of the caller's that then loses must leave that
   * count alone, since the winner may be that very assignment (issue 18).
   */
  async reserve(agentId: string, sessionId: string, read: VersionedLiveState, decidedFrom: number, now = new Date()): Promise<Reservation> {
    const next = withSession(read.state, sessionId, now, decidedFrom);
    if (next === read.state) return 'alreadyCounted';
    return (await this.write(agentId, next, read.revision)) !== undefined ? 'reserved' : 'changed';
  }

  /**
   * Calls `onChange` with every agent's state, first the current ones, then
   * each change as it happens. `initialized` resolves once the current states
   * were delivered.
   */
  async watch(
    onChange: (agentId: string, state: VersionedLiveState | undefined) => void,
    // Without a handler, a watch that ends is left to the process failure policy (logged and counted, ADR 5).
    onEnd: (error: unknown) => void = (error) => void Promise.reject(error),
  ): Promise<{ stop(): void; initialized: Promise<void> }> {
    return followKv(
      this.kv,
      (entry) => onChange(agentIdOfKey(entry.key), entry.operation === 'PUT' ? { state: entry.json<AgentLiveState>(), revision: entry.revision } : undefined),
      onEnd,
    );
  }

  private async change(agentId: string, apply: (s: AgentLiveState) => AgentLiveState, now: Date): Promise<VersionedLiveState> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.get(agentId, now);
      const next = apply(current.state);
      if (next === current.state) return current;
      const revision = await this.write(agentId, next, current.revision);
      if (revision !== undefined) return { state: next, revision };
    }
    throw new Error(`Agent ${agentId}: live state kept changing under ${MAX_CAS_ATTEMPTS} attempts`);
  }

  /** Writes `state` if the key is still at `revision`; undefined when it is not. */
  private async write(agentId: string, state: AgentLiveState, revision: number): Promise<number | undefined> {
    const key = agentKey(agentId);
    const data = JSON.stringify(state);
    try {
      return revision === 0 ? await this.kv.create(key, data) : await this.kv.update(key, data, revision);
    } catch (error) {
      if (isRevisionConflict(error)) return undefined;
      throw error;
    }
  }
}
