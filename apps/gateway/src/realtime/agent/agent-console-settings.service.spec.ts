import { DEFAULT_SETTINGS, type Settings } from '@switchboard/domain';
import type { Connection } from '../connection/connection';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { LiveSettings } from '../sessions/live-settings.service';
import { AgentConsoleSettingsService } from './agent-console-settings.service';

/** Settings that change when the test says, telling the listeners as LiveSettings does. */
class Settable {
  current: Settings = { ...DEFAULT_SETTINGS, agentIdleMinutes: 5 };
  private readonly listeners: Array<() => void> = [];
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
  change(fields: Partial<Settings>): void {
    this.current = { ...this.current, ...fields };
    for (const l of this.listeners) l();
  }
}

const socket = () => ({ sent: [] as unknown[], send(frame: unknown) { this.sent.push(frame); } });

describe('issue 14: the settings an agent console acts on', () => {
  function setUp() {
    const settings = new Settable();
    const sockets = [socket(), socket(), socket()];
    const registry = { agents: () => new Set(sockets) } as unknown as ConnectionRegistry;
    const service = new AgentConsoleSettingsService(settings as Partial<LiveSettings> as LiveSettings, registry);
    service.onApplicationBootstrap();
    return { settings, sockets, service, conn: (i: number) => sockets[i] as unknown as Connection };
  }

  it('hello carries them; a change of their value is pushed once to each greeted agent socket, other changes push nothing', () => {
    const { settings, sockets, service, conn } = setUp();
    expect(service.forHello(conn(0))).toEqual({ agentIdleMinutes: 5 });
    expect(service.forHello(conn(1))).toEqual({ agentIdleMinutes: 5 });
    settings.change({ useTopics: true });
    expect(sockets.map((s) => s.sent.length)).toEqual([0, 0, 0]);
    settings.change({ agentIdleMinutes: 10 });
    settings.change({ companyFilter: true });
    const frame = { type: 'agent.settings', settings: { agentIdleMinutes: 10 } };
    // The third socket has not been greeted yet: its hello will say 10.
    expect(sockets.map((s) => s.sent)).toEqual([[frame], [frame], []]);
    expect(service.forHello(conn(2))).toEqual({ agentIdleMinutes: 10 });
  });

  it('a socket greeted after a change is told only what differs from its hello', () => {
    const { settings, sockets, service, conn } = setUp();
    service.forHello(conn(0));
    settings.change({ agentIdleMinutes: 0 });
    service.forHello(conn(1));
    settings.change({ agentIdleMinutes: 0 });
    settings.change({ agentIdleMinutes: 30 });
    expect(sockets[0]!.sent).toEqual([
      { type: 'agent.settings', settings: { agentIdleMinutes: 0 } },
      { type: 'agent.settings', settings: { agentIdleMinutes: 30 } },
    ]);
    expect(sockets[1]!.sent).toEqual([{ type: 'agent.settings', settings: { agentIdleMinutes: 30 } }]);
  });
});
