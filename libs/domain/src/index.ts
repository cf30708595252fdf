// Public API of @switchboard/domain: the chat session as pure decide/evolve
// functions, its policies, notifications and limits. No framework, no I/O.
// It exports what the services and the consoles import, nothing more
// (architecture.spec.ts checks both ways).

export { DEFAULT_SETTINGS, GENERAL_QUEUE, queueTransferAllowed, validateSettings, type Settings } from './settings/settings';
export { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './settings/queue-policy';

export { isOpenStatus, isTerminalStatus, OPEN_STATUSES, type LinkedTicket, type SessionStatus } from './session/types';
export type { SessionState } from './session/state';
export { RECENT_COMMANDS } from './session/state';
export type { SessionEvent } from './session/events';
export type { SessionCommand, SessionCommandType, StartSession } from './session/commands';
export type { AgentInfo, DecisionContext, EndUserInfo, TopicInfo } from './session/context';
export { decide, guestOf, SESSION_LIMITS } from './session/decide';
export { applyEvents, nextDeadline } from './session/evolve';
export { isVisibleToEndUser } from './session/history';

export { canSeeQueuedSession, effectiveQueue, isEligibleAgent } from './policies/eligibility';
export { transferTargets } from './policies/transfer-targets';
export { liveCapacity, orderWaitingSessions, pickAgentForAutoAssign, servedBefore } from './policies/auto-assign';
export { estimateWait, MAX_HANDLE_SAMPLES, waitText, type WaitRange } from './policies/wait-estimate';
export { existingSessionForStart, queueOfStart } from './policies/start';
export { canViewCustomerInfo, COMMAND_ROLES } from './policies/authorization';
export { supervises } from './policies/supervision';
export { loadChangesOf } from './policies/agent-load';
export {
  DEFAULT_AGENT_PRESENCE_GRACE_MS,
  keepsPendingOffer,
  keepsPendingTransfer,
  presenceAfterOfferLapse,
  presenceOnConnect,
  sweptWhenConnectedNowhere,
} from './policies/presence';
export { maskText } from './masking/masking';
export {
  attachmentSizeProblem,
  attachmentTypeProblem,
  detectedMediaType,
  mediaTypeOfName,
} from './attachments/attachment-limits';

export { mergeMark, mergeReceipts, NO_RECEIPTS, receiptProblem, receiptSideOf } from './receipts/receipts';

export { notificationsFor, type Notification } from './notifications/notifications';
