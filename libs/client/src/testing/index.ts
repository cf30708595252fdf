// Test-only helpers of the WebSocket client (@switchboard/client/testing): not
// part of the package's index, so no console or service can call them.
import { SwitchboardClient } from '../switchboard-client';

/** Reaches the socket of any client (a protected member): the one way in, kept out of the client's public API. */
class SocketOf extends SwitchboardClient {
  static of(client: SwitchboardClient) {
    return (client as SocketOf).socket;
  }
}

/** Drops a client's connection as a network failure would (tests of reconnect and resume): the client reconnects by itself. */
export function dropConnection(client: SwitchboardClient): void {
  SocketOf.of(client)?.close(4000, 'dropped by the client');
}
