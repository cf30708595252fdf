import { settingsUpdateSchema } from './admin-resources.schema';

describe('settings contract', () => {
  it('the maximum of concurrent chats per agent is 0 (no limit) to 10000 in the schema itself, so the API description says what the server accepts', () => {
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 0 }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 10_000 }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: -1 }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 10_001 }).success).toBe(false);
  });
});

describe('mask patterns in the settings contract', () => {
  it('are a bounded list of bounded, non-empty texts', () => {
    expect(settingsUpdateSchema.safeParse({ maskPatterns: ['E-\\d{5}'] }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maskPatterns: [] }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maskPatterns: [''] }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ maskPatterns: ['a'.repeat(201)] }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ maskPatterns: Array.from({ length: 21 }, (_, i) => `p${i}`) }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ maskPatterns: 'secret' }).success).toBe(false);
  });
});
