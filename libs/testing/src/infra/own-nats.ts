import { startLocalNats, type LocalNatsServer } from '@switchboard/infra';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A NATS server of a test's own, which it may kill and restart. */
export async function startOwnNats(): Promise<LocalNatsServer & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-nats-'));
  const nats = await startLocalNats({ storeDir: dir });
  return Object.assign(nats, {
    dispose: async () => {
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
