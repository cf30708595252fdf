import { inject, Injectable, signal } from '@angular/core';
import type { SwitchboardClient } from '@switchboard/client';
import { AgentSocket } from '../session/agent-socket';

export type Presence = 'online' | 'away' | 'notResponding' | 'offline';

/** R18: the agent's presence, read once connected and set from the top bar. */
@Injectable({ providedIn: 'root' })
export class PresenceStore {
  private readonly socket = inject(AgentSocket);
  readonly presence = signal<Presence>('online');

  async load(client: SwitchboardClient): Promise<void> {
    this.presence.set((await client.presence()).presence);
  }

  /** Shows the new presence at once; a refusal puts the previous one back and rejects with it. */
  async set(presence: 'online' | 'away'): Promise<void> {
    const before = this.presence();
    this.presence.set(presence);
    try {
      await this.socket.need().setPresence(presence);
    } catch (error) {
      this.presence.set(before);
      throw error;
    }
  }
}
