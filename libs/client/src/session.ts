// The consoles' sign-in alone (ConsoleSession), for a console that needs nothing
// else of the client: importing it from here, not from the package's index,
// keeps the WebSocket client and the contracts' schemas (zod) out of that
// console's first download (the admin console's initial bundle budget).
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
