/**
 * Error codes of the gateway (docs/protocol/websocket.md, section 6) in words
 * a person understands. The server's own message is English for developers;
 * screens show these instead, so every refusal reads the same everywhere.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  // protocol
  BAD_FRAME: 'The request was not understood. Please reload the page and try again.',
  UNKNOWN_COMMAND: 'This action is not supported by the server. Please reload the page.',
  FRAME_TOO_LARGE: 'That message is too long. Please shorten it and send it again.',
  RATE_LIMITED: 'You are going a little fast. Please wait a moment and try again.',
  FORBIDDEN: 'You are not allowed to do that on this chat.',
  UNAUTHORIZED: 'Your sign-in has expired. Please sign in again.',
  SESSION_NOT_FOUND: 'This chat no longer exists.',
  DUPLICATE_CLIENT_ID: 'That action is already on its way. Please wait a moment.',
  TOO_MANY_CONNECTIONS: 'You have this page open in too many windows. Please close some and try again.',
  UNAVAILABLE: 'The service cannot be reached right now. Please try again in a moment.',
  TIMEOUT: 'The service took too long to answer. Please try again.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
  // sign-in (REST)
  BAD_REQUEST: 'Please enter your username and password.',
  BAD_CREDENTIALS: 'Wrong username or password.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins for this account. Please wait half a minute and try again.',
  // chat session
  VALIDATION: 'Some of what you entered is not valid. Please check it and try again.',
  COMMAND_ID_REUSED: 'That action was already sent. Please reload the page.',
  SESSION_EXISTS: 'You already have an open chat.',
  SESSION_CLOSED: 'This chat has already ended.',
  INVALID_STATE: 'This chat has changed in the meantime, so that action is no longer possible.',
  ALREADY_TAKEN: 'Another agent accepted this chat first.',
  NOT_OWNER: 'Only the agent who has this chat can do that.',
  NOT_TRANSFER_TARGET: 'This chat was transferred to another agent.',
  TRANSFER_TARGET_NOT_ELIGIBLE: 'That agent cannot take this chat: they may have gone offline or do not work on this queue.',
  QUEUE_TRANSFER_DISABLED: 'Transfers to a support queue are turned off (they need Support Queues and Use Topics).',
  QUEUE_NOT_FOUND: 'That support queue does not exist any more.',
  TOPIC_REQUIRED: 'Please choose a topic for your question.',
  QUEUE_CLOSED: 'The service desk is closed right now. You can leave us a message instead.',
  TOPIC_NOT_FOUND: 'That topic is no longer available. Please choose another one.',
  USER_CANCELLED: 'This chat was cancelled, so no more messages can be sent.',
  SESSION_FULL: 'This chat has reached its maximum length. Please end it and start a new one.',
  CONTEXT_INCOMPLETE: 'Your account is not set up for chat yet. Please contact your service desk.',
  TICKET_EXISTS: 'This chat already has a ticket.',
  NO_TICKET: 'This chat has no ticket.',
  TICKET_CHOICE_REQUIRED: 'This chat has a ticket: choose whether to resolve it before ending the chat.',
  REMOTE_CONTROL_NOT_CONFIGURED: 'Remote control is not set up: an administrator has to enter the remote-control console address first.',
  ASSET_NOT_FOUND: 'The end user has no device registered that can be controlled remotely.',
  AGENT_UNAVAILABLE: 'You are not available: set yourself online to take chats.',
  AGENT_AT_CAPACITY: 'You already have as many chats as you may take at once.',
  AGENT_NOT_ELIGIBLE: 'This chat belongs to a queue or company you do not work for.',
  MANUAL_ACCEPT_DISABLED: 'Chats are assigned automatically right now, so they cannot be picked from the queue.',
  AUTO_ACCEPT_OFF: 'Automatic assignment is turned off.',
  // wrap-up (issue 14)
  DISPOSITION_NOT_OPEN: 'The disposition of this chat is recorded already, or it is not yours to record.',
  // transcripts
  TRANSCRIPT_EMAIL_UNAVAILABLE: 'Transcripts cannot be e-mailed right now. You can download it instead.',
  TOO_MANY_TRANSCRIPTS: 'Many transcripts are being prepared right now. Please try again in a few seconds.',
  TRANSCRIPT_NOT_ATTACHED: 'This ticket has no chat transcript yet: it is attached when the chat ends.',
  // files (the attachment calls)
  ATTACHMENT_TOO_LARGE: 'That file is larger than your administrator allows.',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'Files of that type cannot be sent here.',
  ATTACHMENT_EMPTY: 'That file is empty.',
  NOT_A_PARTICIPANT: 'Only the people in this chat can open its files.',
  LINK_EXPIRED: 'The link to that file has expired. Open it from the chat again.',
  LINK_INVALID: 'The link to that file is not valid.',
  ATTACHMENT_NOT_FOUND: 'That file is no longer available.',
};

/** A message a person understands for an error code; unknown codes get a general one. */
export function describeError(code: string): string {
  return MESSAGES[code] ?? 'Something went wrong. Please try again.';
}

/** The code of anything thrown by the client (CommandError), a login failure or a network error. */
export function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  return 'UNAVAILABLE';
}

/** `describeError(errorCodeOf(error))`. */
export function describeFailure(error: unknown): string {
  // A refusal the client phrased for the person itself (a sign-in of the wrong role) keeps its sentence.
  const details = typeof error === 'object' && error !== null ? (error as { details?: { sentence?: unknown } }).details : undefined;
  if (typeof details?.sentence === 'string') return details.sentence;
  return describeError(errorCodeOf(error));
}
