import type { NatsConnection } from '@nats-io/transport-node';
import { createSubjects } from '@switchboard/contracts';
import { DEFAULT_SETTINGS, type Settings } from '@switchboard/domain';
import { referenceCacheConfigFrom } from '../cache/reference-cache.config';
import type { ReferenceDataRepository } from '../repository/reference-data.repository';
import { SettingsCache } from './settings.cache';

class StoredSettings {
  value: Settings = DEFAULT_SETTINGS;
  reads = 0;
  async settings(): Promise<Settings> {
    this.reads++;
    return this.value;
  }
}

function cacheOver(stored: StoredSettings): SettingsCache {
  const nc: Partial<NatsConnection> = {};
  return new SettingsCache(stored as Partial<ReferenceDataRepository> as ReferenceDataRepository, nc as NatsConnection, createSubjects('t'), referenceCacheConfigFrom({}));
}

describe('issue 12: settings survive a missed change event (A9)', () => {
  it('a periodic read that finds other settings replaces the copy and tells the listeners', async () => {
    const stored = new StoredSettings();
    const cache = cacheOver(stored);
    const changes: Settings[] = [];
    cache.onChange(() => void cache.current().then((s) => changes.push(s)));
    expect((await cache.current()).agentAutoAccept).toBe(DEFAULT_SETTINGS.agentAutoAccept);

    await cache.refresh();
    expect(changes).toHaveLength(0);

    stored.value = { ...DEFAULT_SETTINGS, agentAutoAccept: !DEFAULT_SETTINGS.agentAutoAccept };
    await cache.refresh();
    await Promise.resolve();
    expect((await cache.current()).agentAutoAccept).toBe(!DEFAULT_SETTINGS.agentAutoAccept);
    expect(changes.map((s) => s.agentAutoAccept)).toEqual([!DEFAULT_SETTINGS.agentAutoAccept]);
  });

  it('a periodic read begun before an announced change never replaces what was read after it', async () => {
    const stored = new StoredSettings();
    const cache = cacheOver(stored);
    await cache.current();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const old = stored.value;
    stored.settings = async () => {
      await slow;
      return old;
    };
    const refresh = cache.refresh();
    cache.invalidate();
    stored.settings = async () => ({ ...DEFAULT_SETTINGS, useTopics: !DEFAULT_SETTINGS.useTopics });
    const fresh = await cache.current();
    release();
    await refresh;
    expect(await cache.current()).toBe(fresh);
  });

  it('after a NATS reconnect (announcements may have been lost) the copy is dropped and the listeners told', async () => {
    const stored = new StoredSettings();
    let reconnected!: () => void;
    const reconnect = new Promise<void>((resolve) => (reconnected = resolve));
    const nc: Partial<NatsConnection> = {
      subscribe: () => ({ unsubscribe: () => undefined }) as Partial<ReturnType<NatsConnection['subscribe']>> as ReturnType<NatsConnection['subscribe']>,
      status: () =>
        (async function* () {
          await reconnect;
          yield { type: 'reconnect' as const, server: 'nats://test' };
        })(),
    };
    const cache = new SettingsCache(stored as Partial<ReferenceDataRepository> as ReferenceDataRepository, nc as NatsConnection, createSubjects('t'), referenceCacheConfigFrom({}));
    cache.onApplicationBootstrap();
    await cache.current();
    stored.value = { ...DEFAULT_SETTINGS, companyFilter: !DEFAULT_SETTINGS.companyFilter };
    const told = new Promise<void>((resolve) => cache.onChange(resolve));
    reconnected();
    await told;
    expect((await cache.current()).companyFilter).toBe(!DEFAULT_SETTINGS.companyFilter);
    cache.onApplicationShutdown();
  });

  it('reads the settings once while nothing changes', async () => {
    const stored = new StoredSettings();
    const cache = cacheOver(stored);
    for (let i = 0; i < 50; i++) await cache.current();
    expect(stored.reads).toBe(1);
  });
});
