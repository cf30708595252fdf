import { settingsUpdateSchema } from './admin-resources.schema';

describe('settings contract', () => {
  it('the maximum of concurrent chats per agent is 0 (no limit) to 10000 in the schema itself, so the API description says what the server accepts', () => {
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 0 }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 10_000 }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: -1 }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ maxConcurrentChatsPerAgent: 10_001 }).success).toBe(false);
  });
});
