// Public API of @switchboard/domain: the chat session as pure decide/evolve
// functions, its policies, notifications and typed errors. No framework, no I/O.

export {
  DOMAIN_ERROR_CODES,
  domainError,
  isDomainError,
  isDomainErrorCode,
  type DomainError,
  type DomainErrorCode,
} from './errors/domain-error';

export {
  DEFAULT_SETTINGS,
  GENERAL_QUEUE,
  queueTransferAllowed,
  validateSettings,
  type Settings,
} from './settings/settings';

export {
  isOpenStatus,
  isTerminalStatus,
  OPEN_STATUSES,
  SESSION_STATUSES,
  type Actor,
  type ActorRole,
  type IsoTime,
  type LinkedTicket,
  type SessionStatus,
  type TicketStatus,
} from './session/types';
export type { AgentNameRecord, HistoryEntry, RecentCommand, SessionState } from './session/state';
export { RECENT_COMMANDS } from './session/state';
export { SESSION_EVENT_TYPES } from './session/events';
export type * from './session/events';
export { SESSION_COMMAND_TYPES } from './session/commands';
export type * from './session/commands';
export {
  findAgent,
  type AgentInfo,
  type Asset,
  type DecisionContext,
  type EarlierOutcome,
  type EndUserInfo,
  type Presence,
  type TopicInfo,
} from './session/context';
export { decide, SESSION_LIMITS, type Decision } from './session/decide';
export { applyEvents, evolve, EventStreamError } from './session/evolve';
export { findCommandOutcome } from './session/idempotency';
export {
  agentHistory,
  endUserHistory,
  historyEntryKind,
  historySince,
  isVisibleToEndUser,
  type HistoryEntryKind,
} from './session/history';

export {
  canSeeQueuedSession,
  effectiveQueue,
  isEligibleAgent,
  isOnline,
  queueWatchers,
  servesCompany,
  servesQueue,
  type RoutableSession,
} from './policies/eligibility';
export { transferTargetProblem, transferTargets } from './policies/transfer-targets';
export {
  autoAssignProblem,
  awaitsAutoAssign,
  effectiveCap,
  hasCapacity,
  orderWaitingSessions,
  pickAgentForAutoAssign,
  type WaitingSession,
} from './policies/auto-assign';
export { existingSessionForStart, queueForStart, resolveStartTopic } from './policies/start';
export {
  authorizeCommand,
  canViewCustomerInfo,
  COMMAND_ROLES,
  describeCommand,
  sessionAccess,
  type SessionAccess,
} from './policies/authorization';
export { remoteControlLink } from './policies/remote-control';
export { loadChangesOf, type LoadChange } from './policies/agent-load';

export { notificationsFor, type Audience, type Notification, type NoticeCode, type NotifiedSession } from './notifications/notifications';
