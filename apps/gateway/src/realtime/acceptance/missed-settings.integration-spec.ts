import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/** The settings document as the admin API stores it. */
interface SettingsDocument {
  _id: string;
  useTopics: boolean;
}

describe('issue 12: a gateway whose settings announcement was lost still changes (A9)', () => {
  // The gateway under test runs as an OS process, with a short settings refresh.
  const stack = new RealtimeStack({ gatewayProcesses: 1, gatewayEnv: { SETTINGS_REFRESH_MS: '300' }, settings: { supportQueues: true, useTopics: true } });
  const GATEWAY = 1;

  beforeAll(() => stack.start(), 60_000);
  afterAll(() => stack.stop());

  it('A9 Use Topics switched off with no announcement reaches the end user within SETTINGS_REFRESH_MS', async () => {
    await stack.addEndUser('ms-user1');
    const user = await stack.client('ms-user1', { gateway: GATEWAY });
    expect((await user.topics()).useTopics).toBe(true);

    // What a settings change looks like to a process that missed its announcement (e.g. during a NATS reconnect).
    await stack.db.collection<SettingsDocument>('settings').updateOne({ _id: 'global' }, { $set: { useTopics: false } });

    await eventually(async () => expect((await user.topics()).useTopics).toBe(false), { timeoutMs: 10_000, intervalMs: 200 });
  });
});
