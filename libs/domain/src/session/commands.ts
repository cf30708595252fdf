import type { Actor } from './types';

/**
 * Commands to one chat session. Every command carries a `commandId` chosen by
 * the issuer (A3: a retry with the same id returns the first outcome) and the
 * `actor` who issued it, as authenticated by the gateway.
 */
interface CommandBase {
  readonly commandId: string;
  readonly sessionId: string;
  readonly actor: Actor;
}

/** R1, end user. `requestId` is client-chosen: a repeated start returns the first session (R1.1). */
export interface StartSession extends CommandBase {
  readonly type: 'StartSession';
  readonly requestId: string;
  readonly description: string;
  /** Topic id; required when Use Topics is on, ignored when it is off. */
  readonly topic?: string;
}

/** R3, agent: from the Queue tab (QUEUED) or the Transferred tab (PENDING_TRANSFER to them). */
export interface AcceptSession extends CommandBase {
  readonly type: 'AcceptSession';
}

/** R4, system (router): the router proposes, the session's actor checks again and decides. */
export interface AutoAssign extends CommandBase {
  readonly type: 'AutoAssign';
  readonly agentId: string;
  /**
   * The router already reserved a slot of the agent's capacity for this session
   * (A6), so the agent's `load` in the context counts it: the cap check then
   * allows `load <= cap` instead of `load < cap`.
   */
  readonly capacityReserved?: boolean;
}

/** R5, owning agent. */
export interface TransferToAgent extends CommandBase {
  readonly type: 'TransferToAgent';
  readonly targetAgentId: string;
  readonly sideNote?: string;
}

/** R7, owning agent. */
export interface TransferToQueue extends CommandBase {
  readonly type: 'TransferToQueue';
  readonly queue: string;
  readonly sideNote?: string;
}

/** R8, owning agent. */
export interface ReleaseSession extends CommandBase {
  readonly type: 'ReleaseSession';
}

/**
 * R9, owning agent. With a linked ticket the agent must choose (`resolveTicket`
 * true or false); cancelling the dialog sends no command at all.
 */
export interface EndChat extends CommandBase {
  readonly type: 'EndChat';
  readonly resolveTicket?: boolean;
}

/** R10, owning agent. */
export interface AbandonSession extends CommandBase {
  readonly type: 'AbandonSession';
}

/** R11, end user. */
export interface CancelByUser extends CommandBase {
  readonly type: 'CancelByUser';
}

/** R12, system (gateway, after the grace period) or the end user's own client. */
export interface MarkUserLeft extends CommandBase {
  readonly type: 'MarkUserLeft';
}

export interface MarkUserReturned extends CommandBase {
  readonly type: 'MarkUserReturned';
}

/** End user or owning agent. */
export interface PostMessage extends CommandBase {
  readonly type: 'PostMessage';
  readonly text: string;
}

/** Owning agent; for agents only (R13). */
export interface AddSideNote extends CommandBase {
  readonly type: 'AddSideNote';
  readonly text: string;
}

/** R14, owning agent. The ticket id comes from `ctx.newIds.ticketId`. */
export interface CreateTicket extends CommandBase {
  readonly type: 'CreateTicket';
  readonly summary: string;
}

/** R16, owning agent. `assetId` may be left out when the end user has exactly one asset. */
export interface RequestControl extends CommandBase {
  readonly type: 'RequestControl';
  readonly assetId?: string;
}

/** R17, administrator. */
export interface ForceClose extends CommandBase {
  readonly type: 'ForceClose';
  readonly comment?: string;
}

/** R5.4, system (presence tracker): the transfer target went offline before accepting. */
export interface TargetWentOffline extends CommandBase {
  readonly type: 'TargetWentOffline';
  readonly agentId: string;
}

export type SessionCommand =
  | StartSession
  | AcceptSession
  | AutoAssign
  | TransferToAgent
  | TransferToQueue
  | ReleaseSession
  | EndChat
  | AbandonSession
  | CancelByUser
  | MarkUserLeft
  | MarkUserReturned
  | PostMessage
  | AddSideNote
  | CreateTicket
  | RequestControl
  | ForceClose
  | TargetWentOffline;

export type SessionCommandType = SessionCommand['type'];

export const SESSION_COMMAND_TYPES = [
  'StartSession',
  'AcceptSession',
  'AutoAssign',
  'TransferToAgent',
  'TransferToQueue',
  'ReleaseSession',
  'EndChat',
  'AbandonSession',
  'CancelByUser',
  'MarkUserLeft',
  'MarkUserReturned',
  'PostMessage',
  'AddSideNote',
  'CreateTicket',
  'RequestControl',
  'ForceClose',
  'TargetWentOffline',
] as const satisfies readonly SessionCommandType[];
