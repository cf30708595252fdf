import { initialLiveState, withSession } from '@switchboard/agent-state';
import { countedSessionsToCheck, isConfirmed } from './load-sweeper';

const T0 = Date.parse('2026-01-05T09:00:00Z');

describe('load sweep', () => {
  it('A6 crash repair: only counted sessions older than the minimum age are checked', () => {
    let a1 = withSession(initialLiveState(new Date(T0)), 'old', new Date(T0));
    a1 = withSession(a1, 'young', new Date(T0 + 9_000));
    expect(countedSessionsToCheck(new Map([['a1', a1]]), T0 + 10_000, 5_000)).toEqual([{ agentId: 'a1', sessionId: 'old' }]);
  });

  it('A6 crash repair: a counted session stands only while the session is ASSIGNED to that agent', () => {
    const load = { agentId: 'a1', sessionId: 's1' };
    expect(isConfirmed(load, { status: 'ASSIGNED', ownerAgentId: 'a1' })).toBe(true);
    expect(isConfirmed(load, { status: 'ASSIGNED', ownerAgentId: 'a2' })).toBe(false);
    expect(isConfirmed(load, { status: 'QUEUED' })).toBe(false);
    expect(isConfirmed(load, undefined)).toBe(false);
  });
});
