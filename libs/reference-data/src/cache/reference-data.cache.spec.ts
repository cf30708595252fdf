import type { NatsConnection } from '@nats-io/transport-node';
import { createSubjects } from '@switchboard/contracts';
import type { EndUserInfo, TopicInfo } from '@switchboard/domain';
import type { AgentProfile, ReferenceDataRepository } from '../repository/reference-data.repository';
import { referenceCacheConfigFrom } from './reference-cache.config';
import { MAX_CACHED_LIST, ReferenceDataCache } from './reference-data.cache';

/** A repository that counts its reads. */
class CountingRepository {
  reads = 0;
  profiles = new Map<string, AgentProfile>([['alice', { id: 'alice', displayName: 'Alice', queues: ['General'], companies: ['acme'] }]]);
  topicList: TopicInfo[] = [{ id: 'billing', name: 'Billing', queue: 'Billing' }];

  async agentProfiles(ids: readonly string[]): Promise<AgentProfile[]> {
    this.reads++;
    return ids.flatMap((id) => this.profiles.get(id) ?? []);
  }
  async endUser(id: string): Promise<EndUserInfo | undefined> {
    this.reads++;
    return { id, companyId: 'acme', displayName: `User ${id}`, assets: [] };
  }
  async topics(): Promise<TopicInfo[]> {
    this.reads++;
    return this.topicList;
  }
  async queueNames(): Promise<string[]> {
    this.reads++;
    return ['General'];
  }
}

function cacheOver(repository: CountingRepository): ReferenceDataCache {
  // Without bootstrap the cache neither subscribes nor watches: NATS is never touched here.
  const nc: Partial<NatsConnection> = {};
  return new ReferenceDataCache(
    repository as Partial<ReferenceDataRepository> as ReferenceDataRepository,
    nc as NatsConnection,
    createSubjects('t'),
    referenceCacheConfigFrom({ REFERENCE_CACHE_MAX_ENTRIES: '100' }),
  );
}

describe('issue 12: ReferenceDataCache (profiles and reference data cached in each process, ADR 8)', () => {
  it('in the steady state a command reads no profile, end user, topic or queue from the database', async () => {
    const repository = new CountingRepository();
    const cache = cacheOver(repository);
    await Promise.all([cache.agentProfiles(['alice']), cache.endUser('erin'), cache.topics(), cache.queueNames()]);
    const afterFirst = repository.reads;
    for (let i = 0; i < 100; i++) {
      await cache.agentProfiles(['alice', 'alice']);
      await cache.endUser('erin');
      await cache.topics();
      await cache.queueNames();
    }
    expect(afterFirst).toBe(4);
    expect(repository.reads).toBe(4);
  });

  it('reads only the agents it does not hold, in one query, and remembers an unknown agent', async () => {
    const repository = new CountingRepository();
    repository.profiles.set('bob', { id: 'bob', displayName: 'Bob', queues: [], companies: [] });
    const cache = cacheOver(repository);
    await cache.agentProfiles(['alice']);
    expect((await cache.agentProfiles(['alice', 'bob', 'ghost'])).map((p) => p.id).sort()).toEqual(['alice', 'bob']);
    expect(repository.reads).toBe(2);
    await cache.agentProfiles(['ghost']);
    expect(repository.reads).toBe(2);
  });

  it('after clear() (a change announcement or a reconnect) the next command reads the new profile', async () => {
    const repository = new CountingRepository();
    const cache = cacheOver(repository);
    await cache.agentProfiles(['alice']);
    repository.profiles.set('alice', { id: 'alice', displayName: 'Alice Renamed', queues: ['Billing'], companies: ['acme'] });
    expect((await cache.agentProfiles(['alice']))[0]?.displayName).toBe('Alice');
    cache.clear();
    expect((await cache.agentProfiles(['alice']))[0]).toMatchObject({ displayName: 'Alice Renamed', queues: ['Billing'] });
  });

  it('after a NATS reconnect (change announcements may have been lost) the next command reads the profile again', async () => {
    const repository = new CountingRepository();
    let reconnected!: () => void;
    const reconnect = new Promise<void>((resolve) => (reconnected = resolve));
    let watched!: () => void;
    const afterReconnect = new Promise<void>((resolve) => (watched = resolve));
    const nc: Partial<NatsConnection> = {
      subscribe: () => ({ unsubscribe: () => undefined }) as Partial<ReturnType<NatsConnection['subscribe']>> as ReturnType<NatsConnection['subscribe']>,
      status: () =>
        (async function* () {
          await reconnect;
          yield { type: 'reconnect' as const, server: 'nats://test' };
          watched();
        })(),
    };
    const cache = new ReferenceDataCache(
      repository as Partial<ReferenceDataRepository> as ReferenceDataRepository,
      nc as NatsConnection,
      createSubjects('t'),
      referenceCacheConfigFrom({}),
    );
    cache.onApplicationBootstrap();
    await cache.agentProfiles(['alice']);
    repository.profiles.set('alice', { id: 'alice', displayName: 'Alice Back', queues: [], companies: [] });
    reconnected();
    await afterReconnect;
    expect((await cache.agentProfiles(['alice']))[0]?.displayName).toBe('Alice Back');
    cache.onApplicationShutdown();
  });

  it(`keeps no list longer than ${MAX_CACHED_LIST} entries (it is read each time instead)`, async () => {
    const repository = new CountingRepository();
    repository.topicList = Array.from({ length: MAX_CACHED_LIST + 1 }, (_, i) => ({ id: `t${i}`, name: `T${i}`, queue: 'General' }));
    const cache = cacheOver(repository);
    await cache.topics();
    await cache.topics();
    expect(repository.reads).toBe(2);
  });
});
