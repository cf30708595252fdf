import type { OutageView } from '@switchboard/contracts';
import { outageState } from './resources-page';

describe('outage state label', () => {
  const outage = (startsAt: string, active: boolean): OutageView => ({ id: 'o', title: 'VPN', description: '', startsAt, companies: [], active });
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('is ongoing while active, scheduled before its start, ended after', () => {
    expect(outageState(outage('2026-03-01T09:00:00Z', true), now)).toBe('active');
    expect(outageState(outage('2026-03-01T11:00:00Z', false), now)).toBe('scheduled');
    expect(outageState(outage('2026-03-01T08:00:00Z', false), now)).toBe('ended');
  });
});
