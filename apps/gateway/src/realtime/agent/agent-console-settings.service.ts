import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { AgentConsoleSettings, AgentSettingsFrame } from '@switchboard/contracts';
import type { Connection } from '../connection/connection';
import { ConnectionRegistry } from '../connection/connection-registry';
import { LiveSettings } from '../sessions/live-settings.service';

/**
 * The settings an agent console acts on (issue 14: idle agents, after how
 * many minutes without input it sets its agent Away): in each agent's hello,
 * and pushed as `agent.settings` to every agent socket here when an
 * administrator changes them (A9: announced, found by a periodic read, or
 * after a NATS reconnect). A socket is told only what differs from what it
 * was last told.
 */
@Injectable()
export class AgentConsoleSettingsService implements OnApplicationBootstrap {
  /** What each agent socket was last told, as JSON. */
  private readonly told = new WeakMap<Connection, string>();

  constructor(
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.settings.onChange(() => this.pushChanges());
  }

  /** The settings for an agent's hello; the socket counts as told them. */
  forHello(conn: Connection): AgentConsoleSettings {
    const settings = this.current();
    this.told.set(conn, JSON.stringify(settings));
    return settings;
  }

  private current(): AgentConsoleSettings {
    return { agentIdleMinutes: this.settings.current.agentIdleMinutes };
  }

  private pushChanges(): void {
    const settings = this.current();
    const json = JSON.stringify(settings);
    const frame: AgentSettingsFrame = { type: 'agent.settings', settings };
    for (const conn of this.registry.agents()) {
      // A socket not yet greeted gets the settings in its hello.
      if (!this.told.has(conn) || this.told.get(conn) === json) continue;
      this.told.set(conn, json);
      conn.send(frame);
    }
  }
}
