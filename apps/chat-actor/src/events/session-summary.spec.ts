import { sessionSummarySchema } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { sessionSummary } from './session-summary';

describe('session summary on chat events', () => {
  it('carries every field of the summary contract (the router plans from it: exclusions, offers)', () => {
    const state: SessionState = {
      sessionId: 's1',
      version: 7,
      status: 'QUEUED',
      queue: 'General',
      companyId: 'acme',
      endUserId: 'u1',
      requestId: 'r1',
      description: 'VPN',
      ownerAgentId: 'a0',
      transferTargetAgentId: 'a9',
      queuedAt: '2026-01-05T09:00:00.000Z',
      cancelledByUser: false,
      userLeft: false,
      participants: [],
      createdAt: '2026-01-05T09:00:00.000Z',
      excludedAgentIds: ['a1'],
      offer: { agentId: 'a2', agentName: 'A2', expiresAt: '2026-01-05T09:00:30.000Z' },
      passedOverAgentIds: ['a3'],
      priority: 2,
      helpFlag: { agentId: 'a0', raisedAt: '2026-01-05T09:01:00.000Z' },
    };
    const summary = sessionSummary(state);
    expect(Object.keys(summary).sort()).toEqual([...sessionSummarySchema.keyof().options].sort());
    for (const key of sessionSummarySchema.keyof().options) expect(summary[key]).toEqual(state[key]);
  });
});
