import { chaosOptionsFromEnv } from './run-chaos';

describe('chaos run options', () => {
  const base = { mongoUri: 'mongodb://127.0.0.1:1', log: () => undefined };

  it('runs 10 minutes with a kill every 5 s unless told otherwise', () => {
    const options = chaosOptionsFromEnv({}, base);
    expect({ minutes: options.minutes, killEveryMs: options.killEveryMs, maxDown: options.maxDown, endUsers: options.endUsers, agents: options.agents }).toEqual({
      minutes: 10,
      killEveryMs: 5000,
      maxDown: 2,
      endUsers: 30,
      agents: 10,
    });
  });

  it('refuses a duration that is not a positive number or longer than a day, and bounds the people', () => {
    expect(() => chaosOptionsFromEnv({ CHAOS_MINUTES: 'soon' }, base)).toThrow('CHAOS_MINUTES must be a positive number');
    expect(() => chaosOptionsFromEnv({ CHAOS_MINUTES: '0' }, base)).toThrow('CHAOS_MINUTES must be a positive number');
    expect(() => chaosOptionsFromEnv({ CHAOS_MINUTES: '2000' }, base)).toThrow('CHAOS_MINUTES is at most 1440');
    expect(chaosOptionsFromEnv({ CHAOS_END_USERS: '100000', CHAOS_AGENTS: '5000' }, base)).toMatchObject({ endUsers: 500, agents: 100 });
    expect(chaosOptionsFromEnv({ CHAOS_MAX_DOWN: '3' }, base).maxDown).toBe(3);
    expect(chaosOptionsFromEnv({ CHAOS_MAX_DOWN: '9' }, base).maxDown).toBe(4);
    // A fraction below one would let the killer kill nothing at all.
    expect(chaosOptionsFromEnv({ CHAOS_MAX_DOWN: '0.5' }, base).maxDown).toBe(1);
  });
});
