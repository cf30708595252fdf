import type { ListItem } from '@switchboard/contracts';
import { queuePlaces, queuesMoved } from './queue-positions';

const item = (sessionId: string, over: Partial<ListItem> = {}): ListItem => ({
  sessionId, version: 1, status: 'QUEUED', queue: 'General', companyId: 'acme', endUserId: `u-${sessionId}`, cancelledByUser: false, userLeft: false,
  queuedAt: '2026-11-24T10:00:00.000Z', ...over,
});

describe('queue positions (widget queue status)', () => {
  it('R4.1 places follow the order the queue is served in: oldest waiting first, per queue, waiting sessions only', () => {
    const items = [
      item('late', { queuedAt: '2026-11-24T10:00:03.000Z' }),
      item('first', { queuedAt: '2026-11-24T10:00:01.000Z' }),
      item('other-queue', { queue: 'Network', queuedAt: '2026-11-24T09:00:00.000Z' }),
      item('assigned', { status: 'ASSIGNED', queuedAt: '2026-11-24T09:00:00.000Z' }),
      item('second', { queuedAt: '2026-11-24T10:00:02.000Z' }),
    ];
    expect(queuePlaces(items, 'General').map((p) => [p.sessionId, p.position])).toEqual([['first', 1], ['second', 2], ['late', 3]]);
    expect(queuePlaces(items, 'Network')).toEqual([{ sessionId: 'other-queue', endUserId: 'u-other-queue', queue: 'Network', position: 1 }]);
  });

  it('R4.1 places with priorities (issue 15): higher priority first, then oldest; a raised priority moves places', () => {
    const items = [
      item('old', { queuedAt: '2026-11-24T10:00:01.000Z' }),
      item('vip', { queuedAt: '2026-11-24T10:00:05.000Z', priority: 2 }),
      item('high', { queuedAt: '2026-11-24T10:00:03.000Z', priority: 1 }),
    ];
    expect(queuePlaces(items, 'General').map((p) => p.sessionId)).toEqual(['vip', 'high', 'old']);
    expect(queuesMoved(item('old'), item('old', { priority: 1 }))).toEqual(['General']);
  });

  it('R4.1 sessions queued at the same moment get the same order on every gateway (by id)', () => {
    const places = (items: ListItem[]) => queuePlaces(items, 'General').map((p) => p.sessionId);
    expect(places([item('b'), item('a')])).toEqual(['a', 'b']);
    expect(places([item('a'), item('b')])).toEqual(['a', 'b']);
  });

  it('R3 R7.1 R8 R11 an event moves places only when a session joins or leaves a waiting line', () => {
    const waiting = item('s');
    expect(queuesMoved(undefined, waiting)).toEqual(['General']); // started
    expect(queuesMoved(waiting, { ...waiting, version: 2 })).toEqual([]); // a message while waiting
    expect(queuesMoved(waiting, { ...waiting, status: 'ASSIGNED' })).toEqual(['General']); // accepted
    expect(queuesMoved(waiting, undefined)).toEqual(['General']); // cancelled, closed
    expect(queuesMoved(item('s', { status: 'ASSIGNED' }), waiting)).toEqual(['General']); // released
    expect(queuesMoved(waiting, { ...waiting, queue: 'Network' }).sort()).toEqual(['General', 'Network']); // moved queue
    expect(queuesMoved(item('s', { status: 'ASSIGNED' }), item('s', { status: 'PENDING_TRANSFER' }))).toEqual([]);
  });
});
