import { initialLiveState, type AgentLiveState, type AgentStateStore } from '@switchboard/agent-state';
import type { GatewayPresence } from '../presence/gateway-presence.service';
import type { RealtimeConfig } from '../realtime.config';
import type { AgentDirectory } from './agent-directory.service';
import { AgentPresenceService } from './agent-presence.service';

describe('AgentPresenceService.snapshot (presence.get)', () => {
  const now = Date.parse('2026-11-30T08:00:00.000Z');
  const serviceWith = (state: AgentLiveState) =>
    new AgentPresenceService({ get: async () => ({ state, revision: 1 }) } as unknown as AgentStateStore, {} as AgentDirectory, {} as GatewayPresence, {} as RealtimeConfig);
  const online: AgentLiveState = { ...initialLiveState(new Date(now)), presence: 'online' };

  it('issue 14: a wrap-up still running is told with the seconds left, so a console that connects later shows it again', async () => {
    const wrapUp = { sessionId: 's1', until: '2026-11-30T08:00:04.500Z', dispositionRequired: false };
    await expect(serviceWith({ ...online, wrapUp }).snapshot('alice', now)).resolves.toEqual({ presence: 'online', wrapUp: { ...wrapUp, secondsLeft: 5 } });
  });

  it('issue 14: past its time a wrap-up is told only while a required disposition is missing', async () => {
    const over = { sessionId: 's1', until: '2026-11-30T07:59:00.000Z', dispositionRequired: false };
    await expect(serviceWith({ ...online, wrapUp: over }).snapshot('alice', now)).resolves.toEqual({ presence: 'online' });
    const required = { ...over, dispositionRequired: true };
    await expect(serviceWith({ ...online, wrapUp: required }).snapshot('alice', now)).resolves.toEqual({ presence: 'online', wrapUp: { ...required, secondsLeft: 0 } });
  });
});
