import type { SessionStateMessage } from '@switchboard/contracts';
import type { SessionEvent } from './events';

/** One history entry is one event (see events.ts): messages, side notes and system events in order. */
export type HistoryEntry = SessionEvent;

/** How many of the latest command ids a session remembers (`recentCommands`). */
export const RECENT_COMMANDS = 16;

/**
 * How many agents a session remembers never to go back to, the oldest
 * forgotten first: the bound of `excludedAgentIds` (the contract refuses
 * more; the contract test checks both say the same).
 */
export const MAX_EXCLUDED_AGENTS = 32;

/**
 * Issue 16 (ADR 24): most agents in a chat besides its owner, and most
 * invitations waiting at once (participants and invitations together stay
 * within MAX_PARTICIPANTS). The contract says the same (a test checks).
 */
export const MAX_PARTICIPANTS = 4;
export const MAX_PENDING_INVITES = 4;

/**
 * The chat session's summary (the "Master Chat Record" without its history):
 * defined once by `sessionStateSchema` in `@switchboard/contracts`
 * (chat/session.schema.ts, with its invariants and the doc of each field),
 * the summary every chat-actor reply carries. A plain JSON object of bounded
 * size: the history is the event log, never part of the state.
 */
export type SessionState = Readonly<SessionStateMessage>;

/** A command applied to the session: its id and the seq of its first event (its events start there). */
export type RecentCommand = Readonly<NonNullable<SessionStateMessage['recentCommands']>[number]>;

/** An agent's display name as recorded when the session was assigned or transferred to them. */
export type AgentNameRecord = Readonly<NonNullable<SessionStateMessage['agentNames']>[number]>;
