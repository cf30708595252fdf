import type { NatsConnection } from '@nats-io/transport-node';
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

/**
 * Resolves when `nc` tells that it lost its server (its next `disconnect`
 * status): the signal that a killed server is gone as its clients see it.
 * Call it before killing the server.
 */
export function serverLost(nc: NatsConnection, timeoutMs = 15_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const statuses = nc.status()[Symbol.asyncIterator]();
    const timer = setTimeout(() => {
      void statuses.return?.();
      reject(new Error(`the NATS connection did not report a disconnect within ${timeoutMs} ms`));
    }, timeoutMs);
    void (async () => {
      for (let next = await statuses.next(); !next.done; next = await statuses.next()) {
        if (next.value.type === 'disconnect') break;
      }
      clearTimeout(timer);
      void statuses.return?.();
      resolve();
    })().catch(reject);
  });
}
