import { AGENT_IDLE_MINUTES_MAX as CONTRACT_MAX, settingsUpdateSchema } from '@switchboard/contracts';
import { AGENT_IDLE_MINUTES_MAX, DEFAULT_SETTINGS, validateSettings } from './settings';

describe('lapsed offer presence setting (issue 14)', () => {
  it('is Not responding by default; Away and Offline are accepted; anything else is refused with a VALIDATION error naming the field', () => {
    expect(DEFAULT_SETTINGS.offerLapsePresence).toBe('notResponding');
    for (const presence of ['notResponding', 'away', 'offline'] as const) {
      expect(validateSettings({ offerLapsePresence: presence })).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, offerLapsePresence: presence } });
    }
    for (const bad of ['online', 'wrapUp', '', null, 3]) {
      const r = validateSettings({ offerLapsePresence: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', details: { field: 'offerLapsePresence' } });
    }
  });

  it('the admin contract refuses what the domain refuses', () => {
    expect(settingsUpdateSchema.safeParse({ offerLapsePresence: 'away' }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ offerLapsePresence: 'online' }).success).toBe(false);
  });
});

describe('idle agents setting (issue 14)', () => {
  it('is off (0) by default', () => {
    expect(DEFAULT_SETTINGS.agentIdleMinutes).toBe(0);
  });

  it('accepts a whole number of minutes from 0 (off) to 480 and keeps the rest of the settings', () => {
    for (const minutes of [0, 1, 15, AGENT_IDLE_MINUTES_MAX]) {
      expect(validateSettings({ agentIdleMinutes: minutes })).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, agentIdleMinutes: minutes } });
    }
    const current = { ...DEFAULT_SETTINGS, agentIdleMinutes: 10 };
    expect(validateSettings({ useTopics: true }, current)).toEqual({ ok: true, settings: { ...current, useTopics: true } });
  });

  it('refuses anything else with a VALIDATION error naming the field', () => {
    for (const bad of [-1, 481, 2.5, '10', null, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = validateSettings({ agentIdleMinutes: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.details).toEqual({ field: 'agentIdleMinutes' });
        expect(r.error.message).toContain('0 (off) to 480');
      }
    }
  });

  it('has the same bound as the admin contract, which refuses the same values', () => {
    expect(CONTRACT_MAX).toBe(AGENT_IDLE_MINUTES_MAX);
    expect(settingsUpdateSchema.safeParse({ agentIdleMinutes: 0 }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ agentIdleMinutes: AGENT_IDLE_MINUTES_MAX }).success).toBe(true);
    for (const bad of [-1, AGENT_IDLE_MINUTES_MAX + 1, 2.5, '10']) expect(settingsUpdateSchema.safeParse({ agentIdleMinutes: bad }).success).toBe(false);
  });
});
