import { MAX_HANDLE_SAMPLES } from '@switchboard/domain';
import { HandleTimes, MAX_TRACKED_ASSIGNMENTS, MAX_TRACKED_QUEUES } from './handle-times';

describe('handle times (issue 15 wait estimate)', () => {
  it('wait estimate: a chat\'s handle time runs from its assignment to leaving its agent, for the queue it was assigned from', () => {
    const h = new HandleTimes();
    h.assigned('s1', 'Network', 1_000);
    h.left('s1', 181_000);
    h.left('s1', 500_000);
    h.left('never-assigned', 1_000);
    expect(h.of('Network')).toEqual([180]);
    expect(h.of('General')).toEqual([]);
  });

  it('wait estimate: bounded: the last MAX_HANDLE_SAMPLES per queue, MAX_TRACKED_QUEUES queues, MAX_TRACKED_ASSIGNMENTS open assignments', () => {
    const h = new HandleTimes();
    for (let i = 0; i < MAX_HANDLE_SAMPLES + 5; i++) {
      h.assigned(`s${i}`, 'Q', 0);
      h.left(`s${i}`, (i + 1) * 1000);
    }
    expect(h.of('Q')).toHaveLength(MAX_HANDLE_SAMPLES);
    expect(h.of('Q')[0]).toBe(6);
    for (let q = 0; q <= MAX_TRACKED_QUEUES; q++) {
      h.assigned(`q${q}`, `queue-${q}`, 0);
      h.left(`q${q}`, 1000);
    }
    expect(h.of('Q')).toEqual([]);
    expect(h.of(`queue-${MAX_TRACKED_QUEUES}`)).toEqual([1]);
    for (let i = 0; i <= MAX_TRACKED_ASSIGNMENTS; i++) h.assigned(`open-${i}`, 'Q', 0);
    expect(h.isOpen('open-0')).toBe(false);
    expect(h.isOpen(`open-${MAX_TRACKED_ASSIGNMENTS}`)).toBe(true);
  });
});
