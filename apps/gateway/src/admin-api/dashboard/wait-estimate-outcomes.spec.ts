import { WAIT_ESTIMATE_WINDOW_HOURS } from '@switchboard/contracts';
import { MAX_OPEN_ESTIMATES, WaitEstimateOutcomes } from './wait-estimate-outcomes';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

describe('dashboard wait estimates (issue 15)', () => {
  it('wait estimate: each stay counts once, as within, shorter or longer than the range shown', () => {
    const o = new WaitEstimateOutcomes();
    o.estimated('in', iso(0), 60, 180);
    o.estimated('quick', iso(0), 120, 240);
    o.estimated('slow', iso(0), 0, 60);
    o.estimated('cancelled', iso(0), 0, 60);
    o.assigned('in', 'in:5', T0 + 120_000);
    o.assigned('in', 'in:5', T0 + 120_000);
    o.assigned('in', 'in:9', T0 + 900_000);
    o.assigned('quick', 'quick:5', T0 + 30_000);
    o.assigned('slow', 'slow:5', T0 + 61_000);
    o.left('cancelled');
    o.assigned('cancelled', 'cancelled:7', T0 + 10_000);
    o.assigned('never-estimated', 'x:3', T0);
    expect(o.figures(T0 + 1_000_000)).toEqual({ measured: 3, within: 1, shorter: 1, longer: 1 });
    // Out of the window: forgotten.
    expect(o.figures(T0 + WAIT_ESTIMATE_WINDOW_HOURS * 3_600_000 + 200_000)).toEqual({ measured: 0, within: 0, shorter: 0, longer: 0 });
  });

  it('wait estimate: at most MAX_OPEN_ESTIMATES chats waiting are remembered, the oldest forgotten first', () => {
    const o = new WaitEstimateOutcomes();
    for (let i = 0; i <= MAX_OPEN_ESTIMATES; i++) o.estimated(`s${i}`, iso(0), 0, 60);
    o.assigned('s0', 'a', T0);
    o.assigned(`s${MAX_OPEN_ESTIMATES}`, 'b', T0);
    expect(o.figures(T0).measured).toBe(1);
  });
});
