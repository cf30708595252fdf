/**
 * What the checker reads, and nothing else: the chat event stream from its
 * start, the session collections as stored, and what the simulated users
 * and the killer wrote down themselves (commands they sent and the answers
 * they got, kills). Never a service's counters or its own view of itself.
 */

/** One event as the checker needs it (a subset of the contract's fields; unknown types are kept and only sequenced). */
export interface ChaosEvent {
  readonly type: string;
  readonly seq: number;
  readonly sessionId: string;
  readonly commandId: string;
  /** When the command was decided (ISO-8601, the deciding process's clock). */
  readonly at: string;
  readonly by?: { readonly role: string; readonly id: string };
  readonly agentId?: string;
  readonly via?: string;
  readonly fromAgentId?: string;
  readonly toAgentId?: string;
  readonly endUserId?: string;
  readonly requestId?: string;
  readonly previousStatus?: string;
}

/** An event as read from the stream, with its position there (the cluster's one publication order). */
export interface StreamEntry {
  readonly streamSeq: number;
  readonly event: ChaosEvent;
}

/** A `chat_sessions` document (the fields the checker reads). */
export interface StoredSession {
  readonly _id: string;
  readonly startKey: string;
  readonly openSlot: string;
  readonly endUserId: string;
  readonly status: string;
  readonly ownerAgentId?: string;
  readonly version: number;
  readonly partition: number;
  readonly startEvents: readonly ChaosEvent[];
}

/** A `chat_session_commits` document (the fields the checker reads). */
export interface StoredCommit {
  readonly _id: string;
  readonly sessionId: string;
  readonly baseVersion: number;
  /** The writer's owner epoch (ADR 2): along a session's versions it may only grow. */
  readonly epoch: number;
  readonly partition: number;
  /** When the writer stored it (ms since the epoch). */
  readonly at: number;
  readonly events: readonly ChaosEvent[];
}

/** One command a simulated end user or agent sent over the WebSocket, as it saw it. */
export interface CommandRecord {
  /** The command id the gateway derives from the principal and the frame's clientId. */
  readonly commandId: string;
  /** WebSocket command type (`session.post`, ...). */
  readonly type: string;
  readonly principal: { readonly role: 'endUser' | 'agent'; readonly id: string };
  /** Known before sending, or from the answer (a start). */
  sessionId?: string;
  /** The gateway the client was connected to when it sent the command (a base URL). */
  readonly gateway?: string;
  readonly sentAt: number;
  answeredAt?: number;
  /** `ok`: acknowledged; `refused`: a typed refusal; undefined: no answer before the run ended. */
  outcome?: 'ok' | 'refused';
  code?: string;
  /** The answer said the command (or start request) had been applied before. */
  duplicate?: boolean;
}

export type KillKind = 'gateway' | 'chat-actor' | 'router' | 'nats';

export interface KillRecord {
  readonly at: number;
  readonly kind: KillKind;
  /** Instance id, or NATS server name. */
  readonly target: string;
  /** For a gateway: its base URL (as CommandRecord.gateway). */
  readonly url?: string;
}

export interface ChaosEvidence {
  readonly stream: readonly StreamEntry[];
  readonly sessions: readonly StoredSession[];
  readonly commits: readonly StoredCommit[];
  readonly commands: readonly CommandRecord[];
  readonly kills: readonly KillRecord[];
  /** Each agent's own cap as seeded (0: none, the setting applies). */
  readonly agentCaps: Readonly<Record<string, number>>;
  /** The settings' Max concurrent chats per agent (0: no limit). */
  readonly defaultCap: number;
}

export type CheckName = 'duplicate-session' | 'two-owners' | 'fencing' | 'cap' | 'acknowledged-missing' | 'refused-applied' | 'sequence';

export interface Violation {
  readonly check: CheckName;
  readonly message: string;
}

export const OPEN_STATUSES: ReadonlySet<string> = new Set(['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER']);

export const timeOf = (event: ChaosEvent): number => Date.parse(event.at);
