import type { SessionEvent } from './events';
import type { QueuePolicy } from '../settings/queue-policy';
import type { Settings } from '../settings/settings';
import type { IsoTime } from './types';

/**
 * R18, and issue 14's Not responding (an agent who let an offer lapse gets
 * nothing new until they come back themselves) and wrap-up (nothing new
 * while it lasts after ending a chat; the live state knows until when).
 * Every rule about them, and who triggers what: policies/presence.ts.
 */
export type Presence = 'online' | 'away' | 'notResponding' | 'wrapUp' | 'offline';

/**
 * What `decide` and the policies need to know about an agent. The actor loads
 * it (agents collection + presence + current load) before calling `decide`.
 */
export interface AgentInfo {
  readonly id: string;
  readonly displayName: string;
  readonly presence: Presence;
  /** Support queues the agent belongs to (`General` is implicit: everyone is in it). */
  readonly queues: readonly string[];
  readonly companies: readonly string[];
  /** Sessions currently ASSIGNED to the agent. */
  readonly load: number;
  /** Per-agent cap overriding the setting; 0 or absent: use the setting. */
  readonly cap?: number;
  /** Since when the agent has had no new assignment (R4.1 tie-break); absent: idle since forever. */
  readonly idleSince?: IsoTime;
}

export interface Asset {
  readonly id: string;
  readonly name?: string;
  /** Id of the device in the remote-control console; defaults to the asset id. */
  readonly deviceId?: string;
}

/** The session's end user, as stored in the customers collection. */
export interface EndUserInfo {
  readonly id: string;
  readonly companyId: string;
  readonly displayName?: string;
  readonly assets: readonly Asset[];
}

export interface TopicInfo {
  readonly id: string;
  readonly name: string;
  readonly queue: string;
}

/**
 * Everything `decide` may look at besides the session itself. All of it is
 * plain data, fetched by the actor beforehand; which command needs what:
 *
 * | command | needs |
 * |---|---|
 * | StartSession | `endUser`; `topics` when Use Topics is on |
 * | AcceptSession from the Queue tab | the accepting agent in `agents` (presence, queues, companies) |
 * | AutoAssign | the proposed agent in `agents` (presence, queues, companies, load, cap) |
 * | TransferToAgent | the target in `agents` (absent: no such agent) |
 * | TransferToQueue | `queues` (names of existing queues) unless the target is `General` |
 * | CreateTicket | `newIds.ticketId` |
 * | RequestControl | `endUser` (assets) |
 * | TargetWentOffline | the target in `agents` (presence) |
 * | AcceptSession, AutoAssign, AcceptOffer | `queuePolicy` of the session's queue (absent: no first-reply deadline, no offers) |
 * | DeclineOffer | nothing besides the settings (`offerDeclineReasons`) |
 * | EndChat, AbandonSession | `queuePolicy` of the session's queue (absent: no wrap-up) |
 * | RecordDisposition | nothing besides the settings (`dispositionCodes`) |
 * | DeadlineReached | nothing besides `now` |
 *
 * Display names of agents come from `agents` when present, else from the
 * names the session recorded. A missing piece is refused with `CONTEXT_INCOMPLETE`.
 *
 * `earlier` is the idempotency record of this command id (A3): the events it
 * produced when it was first applied to this session, found by whoever stores
 * the events, and whether the command was the same then (same actor and body).
 */
export interface DecisionContext {
  readonly now: IsoTime;
  readonly settings: Settings;
  readonly agents?: readonly AgentInfo[];
  readonly endUser?: EndUserInfo;
  readonly topics?: readonly TopicInfo[];
  readonly queues?: readonly string[];
  /** The policy of the session's queue (first-reply limit), for the commands that assign it. */
  readonly queuePolicy?: QueuePolicy;
  readonly newIds?: { readonly ticketId?: string };
  readonly earlier?: EarlierOutcome;
}

/** A command id already applied to the session: its events then, and whether this is the same command. */
export interface EarlierOutcome {
  readonly events: readonly SessionEvent[];
  /** False when the id comes back with another body (another text, target...). */
  readonly sameCommand: boolean;
}

export function findAgent(ctx: Pick<DecisionContext, 'agents'>, agentId: string): AgentInfo | undefined {
  return ctx.agents?.find((a) => a.id === agentId);
}
