import { inject, Injectable, signal } from '@angular/core';
import type { SwitchboardClient } from '@switchboard/client';
import type { ReplyData } from '@switchboard/contracts';
import { AgentSocket } from '../session/agent-socket';
import { WrapUpStore } from '../wrap-up/wrap-up-store';

export type Presence = 'online' | 'away' | 'notResponding' | 'offline';

/**
 * R18: the agent's presence, read once connected and set from the top bar,
 * or set Away by the idle watch (IdleAway): then `awayAfterIdle` holds the
 * minutes it waited, and the console says so until the agent picks a
 * presence themselves.
 */
@Injectable({ providedIn: 'root' })
export class PresenceStore {
  private readonly socket = inject(AgentSocket);
  private readonly wrapUp = inject(WrapUpStore);
  readonly presence = signal<Presence>('online');
  /** Minutes without activity after which the console set the agent Away; undefined when it did not (or the agent has decided since). */
  readonly awayAfterIdle = signal<number | undefined>(undefined);

  /** Reads the presence and shows a wrap-up still open; answers the whole reply (the offers waiting are the offers store's). */
  async load(client: SwitchboardClient): Promise<ReplyData<'presence.get'>> {
    const reply = await client.presence();
    const { presence, wrapUp } = reply;
    this.presence.set(presence);
    // Issue 14: a wrap-up still open when the console connects (a reload) is shown again.
    this.wrapUp.restore(wrapUp);
    // Away kept over a reconnect keeps its reason; anything else ends it.
    if (presence !== 'away') this.awayAfterIdle.set(undefined);
    return reply;
  }

  /** The agent's own choice: shows it at once; a refusal puts the previous presence back and rejects with it. */
  async set(presence: 'online' | 'away'): Promise<void> {
    const idle = this.awayAfterIdle();
    this.awayAfterIdle.set(undefined);
    try {
      await this.change(presence);
    } catch (error) {
      this.awayAfterIdle.set(idle);
      throw error;
    }
  }

  /** The idle watch's Away, through the same presence command as the agent's own; remembered for the notice. */
  async setAwayAfterIdle(minutes: number): Promise<void> {
    await this.change('away');
    this.awayAfterIdle.set(minutes);
  }

  /** Signed out: nothing to tell. */
  clear(): void {
    this.awayAfterIdle.set(undefined);
  }

  private async change(presence: 'online' | 'away'): Promise<void> {
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
