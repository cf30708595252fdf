export { SwitchboardClient, CommandError, type SwitchboardClientOptions, type ClientEvents, type CommandResult } from './switchboard-client';
export { AgentListsModel } from './agent-lists';
export { describeError, describeFailure, errorCodeOf } from './error-messages';
export { login, gatewaySocketUrl } from './login';
export { mergeBySeq, oldestSeq, withRecentPage } from './history-window';
export { transcriptOf, factsOf, withFacts, shortTicketId, type TranscriptEntry, type SessionFacts, type Viewer } from './transcript';
export type { WebSocketConstructor, WebSocketLike } from './web-socket';
export { companySignInUrl, signInMethods, type SignInMethods } from './company-sign-in';
export {
  ConsoleSession,
  CONSOLE_HEADER,
  RENEW_BEFORE_MS,
  RETRY_AFTER_MS,
  type ConsoleName,
  type ConsoleSessionOptions,
  type HeldSession,
  type SessionEnd,
  type SignInMethod,
} from './console-session';
export { endsSignIn, watchSocket } from './console-socket';
