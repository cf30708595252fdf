import { Injectable } from '@angular/core';
import { CommandError, type SwitchboardClient } from '@switchboard/client';

/** The console's WebSocket client while signed in: set by AgentConnection, used by the stores that send commands. */
@Injectable({ providedIn: 'root' })
export class AgentSocket {
  client?: SwitchboardClient;

  /** The client, or a refusal like any other (UNAVAILABLE) when signed out. */
  need(): SwitchboardClient {
    if (!this.client) throw new CommandError('UNAVAILABLE', 'Not connected.');
    return this.client;
  }
}
