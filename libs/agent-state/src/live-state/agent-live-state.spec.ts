import { agentIdOfKey, agentKey, effectivePresence, initialLiveState, loadOf, withoutSession, withoutWrapUp, withPresence, withSession, withWrapUp } from './agent-live-state';

const t0 = new Date('2026-01-01T10:00:00Z');
const t1 = new Date('2026-01-01T10:01:00Z');

describe('agent live state', () => {
  it('R18 presence: an agent never seen is offline with no load', () => {
    const s = initialLiveState(t0);
    expect(s.presence).toBe('offline');
    expect(loadOf(s)).toBe(0);
  });

  it('R18 presence: a change records since when; the same presence changes nothing', () => {
    const online = withPresence(initialLiveState(t0), 'online', t1);
    expect(online).toMatchObject({ presence: 'online', presenceSince: t1.toISOString() });
    expect(withPresence(online, 'online', t0)).toBe(online);
  });

  it('R4.1 load: counts each assigned session once and records the last assignment', () => {
    const s = withSession(withSession(initialLiveState(t0), 's1', t0), 's2', t1);
    expect(loadOf(s)).toBe(2);
    expect(s.lastAssignedAt).toBe(t1.toISOString());
    expect(withSession(s, 's1', t1)).toBe(s);
  });

  it('R4.1 load: removing a session lowers the load; removing an unknown one changes nothing', () => {
    const s = withSession(initialLiveState(t0), 's1', t0);
    expect(loadOf(withoutSession(s, 's1'))).toBe(0);
    expect(withoutSession(s, 'other')).toBe(s);
  });

  it('R4.1 A6 load (issue 18): a late removal of a chat takes off only a count older than its change; the count of a newer assignment of the same chat stays', () => {
    // Released at seq 10, then assigned again to the same agent from version 12.
    const reassigned = withSession(initialLiveState(t0), 's1', t1, 12);
    expect(withoutSession(reassigned, 's1', 10)).toBe(reassigned);
    // A change at or after the version it was decided from takes it off, and so does a removal that says nothing.
    expect(loadOf(withoutSession(reassigned, 's1', 13))).toBe(0);
    expect(withoutSession(reassigned, 's1')).toMatchObject({ sessions: {}, decidedFrom: {} });
    // A count made after its commit (no version) goes with any removal.
    expect(loadOf(withoutSession(withSession(initialLiveState(t0), 's1', t1), 's1', 10))).toBe(0);
  });

  it('keys: plain ids are kept, others are encoded reversibly into KV-safe keys', () => {
    expect(agentKey('agent-7')).toBe('agent-7');
    for (const id of ['alice@example.com', 'a.b', 'ümlaut', 'x y']) {
      expect(agentKey(id)).toMatch(/^[-/_=.a-zA-Z0-9]+$/);
      expect(agentIdOfKey(agentKey(id))).toBe(id);
    }
  });

  it('wrap-up: an online agent is in wrap-up until its time is up, or until its disposition when one is required', () => {
    const online = withPresence(initialLiveState(t0), 'online', t0);
    const until = new Date(t0.getTime() + 60_000).toISOString();
    const timed = withWrapUp(online, { sessionId: 's1', until, dispositionRequired: false });
    expect(effectivePresence(timed, t0.getTime() + 59_999)).toBe('wrapUp');
    expect(effectivePresence(timed, t0.getTime() + 60_000)).toBe('online');
    const required = withWrapUp(online, { sessionId: 's1', until, dispositionRequired: true });
    expect(effectivePresence(required, t0.getTime() + 3_600_000)).toBe('wrapUp');
    expect(effectivePresence(withoutWrapUp(required, 'other'), t0.getTime() + 3_600_000)).toBe('wrapUp');
    expect(effectivePresence(withoutWrapUp(required, 's1'), t0.getTime())).toBe('online');
    // Away or offline stay what they are; an agent never seen is offline.
    expect(effectivePresence(withPresence(required, 'away', t0), t0.getTime())).toBe('away');
    expect(effectivePresence(undefined, t0.getTime())).toBe('offline');
  });
});
