import { initialLiveState, withSession } from '@switchboard/agent-state';
import { countedSessionsToCheck, isConfirmed, shouldDrop } from './load-sweeper';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const STUCK_MS = 60_000;

describe('load sweep', () => {
  it('A6 crash repair: only counted sessions older than the minimum age are checked, with their age and the version a reservation was decided from', () => {
    let a1 = withSession(initialLiveState(new Date(T0)), 'old', new Date(T0), 4);
    a1 = withSession(a1, 'young', new Date(T0 + 9_000));
    expect(countedSessionsToCheck(new Map([['a1', a1]]), T0 + 10_000, 5_000)).toEqual([{ agentId: 'a1', sessionId: 'old', ageMs: 10_000, decidedFrom: 4 }]);
  });

  it('A6 crash repair: a counted session stands only while the session is ASSIGNED to that agent', () => {
    const load = { agentId: 'a1', sessionId: 's1', ageMs: 20_000 };
    expect(isConfirmed(load, { status: 'ASSIGNED', version: 3, ownerAgentId: 'a1' })).toBe(true);
    expect(isConfirmed(load, { status: 'ASSIGNED', version: 3, ownerAgentId: 'a2' })).toBe(false);
    expect(isConfirmed(load, { status: 'QUEUED', version: 3 })).toBe(false);
    expect(isConfirmed(load, undefined)).toBe(false);
  });

  it('A6 cap under a slow commit (issue 18): a reservation is kept while the session is still at the version it was decided from, and dropped once the session moved past it', () => {
    const reservation = { agentId: 'a1', sessionId: 's1', ageMs: 25_000, decidedFrom: 2 };
    // Its commit is still under way (a partition held it past the minimum age): dropping the count would let a chat in above the cap.
    expect(shouldDrop(reservation, { status: 'QUEUED', version: 2 }, STUCK_MS)).toBe(false);
    // The commit landed: confirmed.
    expect(shouldDrop(reservation, { status: 'ASSIGNED', version: 3, ownerAgentId: 'a1' }, STUCK_MS)).toBe(false);
    // The commit lost to another change of the session, or landed and was undone since: the count goes.
    expect(shouldDrop(reservation, { status: 'ASSIGNED', version: 3, ownerAgentId: 'a2' }, STUCK_MS)).toBe(true);
    expect(shouldDrop(reservation, { status: 'QUEUED', version: 5 }, STUCK_MS)).toBe(true);
  });

  it('A6 crash repair: a reservation of a chat actor that died before committing goes once stuck that long on an unchanged session', () => {
    const reservation = { agentId: 'a1', sessionId: 's1', decidedFrom: 2 };
    expect(shouldDrop({ ...reservation, ageMs: STUCK_MS - 1 }, { status: 'QUEUED', version: 2 }, STUCK_MS)).toBe(false);
    expect(shouldDrop({ ...reservation, ageMs: STUCK_MS }, { status: 'QUEUED', version: 2 }, STUCK_MS)).toBe(true);
  });

  it('A6 crash repair: a count made after its commit, or of a session that does not exist, goes as soon as it is checked and not confirmed', () => {
    expect(shouldDrop({ agentId: 'a1', sessionId: 's1', ageMs: 10_000 }, { status: 'QUEUED', version: 2 }, STUCK_MS)).toBe(true);
    expect(shouldDrop({ agentId: 'a1', sessionId: 'ghost', ageMs: 10_000, decidedFrom: 1 }, undefined, STUCK_MS)).toBe(true);
  });
});
