import { WS_CLOSE_CODES } from '@switchboard/contracts';
import type { ConsoleSession } from './console-session';
import type { ClientEvents } from './switchboard-client';

/** The gateway's close codes after which a sign-in cannot go on (the contracts' constants): 4401, and 4403 when not renewed. */
export function endsSignIn(code: number): boolean {
  return code === WS_CLOSE_CODES.UNAUTHORIZED || code === WS_CLOSE_CODES.TOKEN_EXPIRED;
}

/**
 * Wires a WebSocket client to a console's sign-in: a close that ends it
 * (4401, or 4403 when the client will not reconnect with a renewed token)
 * ends it in the session too (`onChange(undefined, 'expired')`). Give the
 * client `() => session.token()` as its token, so each connect and reconnect
 * sends a fresh one.
 */
export function watchSocket(session: ConsoleSession, client: { on(event: 'disconnected', listener: (event: ClientEvents['disconnected']) => void): () => void }): () => void {
  return client.on('disconnected', ({ code, willReconnect }) => {
    if (!willReconnect && endsSignIn(code)) session.expire();
  });
}
