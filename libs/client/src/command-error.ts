/**
 * A refused command (thrown by the typed helpers; `command()` returns it
 * instead), or a refused sign-in. In a module of its own so that the sign-in
 * code (ConsoleSession, login) does not pull the WebSocket client's frame
 * schemas into a console that only signs in (the admin console's bundle).
 */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
  }
}
