export { AttachmentsApi, type AttachmentsApiOptions } from './attachments';
export { TranscriptsApi, saveFile, type TranscriptsApiOptions } from './transcripts';
export { SwitchboardClient, CommandError, type SwitchboardClientOptions, type ClientEvents, type CommandResult } from './switchboard-client';
export { AgentListsModel } from './agent-lists';
export { receiptOf, RECEIPT_LABELS, RECEIPT_SESSIONS_MAX, type MessageReceipt } from './receipts';
export { describeError, describeFailure, errorCodeOf } from './error-messages';
export { login, gatewaySocketUrl } from './login';
export { mergeBySeq, oldestSeq, withRecentPage } from './history-window';
export { transcriptOf, maskedNote, factsOf, withFacts, shortTicketId, type TranscriptEntry, type SessionFacts, type Viewer } from './transcript';
export type { WebSocketConstructor, WebSocketLike } from './web-socket';
export { companySignInUrl, signInMethods, type SignInMethods } from './company-sign-in';
// The sign-in alone is also its own entry point (@switchboard/client/session): its list of names is kept there.
export * from './session';
export { endsSignIn, watchSocket } from './console-socket';
