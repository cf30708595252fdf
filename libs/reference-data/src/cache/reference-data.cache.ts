import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { DEFAULT_QUEUE_POLICY, type EndUserInfo, type QueuePolicy, type TopicInfo } from '@switchboard/domain';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { ReferenceDataRepository, type AgentProfile } from '../repository/reference-data.repository';
import { BoundedCache } from './bounded-cache';
import { REFERENCE_CACHE_CONFIG, type ReferenceCacheConfig } from './reference-cache.config';

/** A list (topics, queues) longer than this is not kept: it is read each time rather than held without bound. */
export const MAX_CACHED_LIST = 1_000;

/**
 * The reference data commands are decided with, kept in the process (ADR 8):
 * agent profiles, end users, topics and queue names. A command reads the
 * database only for what is missing or older than REFERENCE_CACHE_MAX_AGE_MS.
 * - An administrator's change is announced on NATS (`agentProfilesChanged`,
 *   `referenceDataChanged`) and drops the copies at once.
 * - A missed announcement (NATS reconnect) is repaired by dropping
 *   everything on reconnect and, whatever happens, by the maximum age.
 * - Bounded: REFERENCE_CACHE_MAX_ENTRIES agents and as many end users (least
 *   recently used go first), and lists of at most MAX_CACHED_LIST entries.
 */
@Injectable()
export class ReferenceDataCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferenceDataCache.name);
  private readonly agents: BoundedCache<AgentProfile | undefined>;
  private readonly endUsers: BoundedCache<EndUserInfo | undefined>;
  private readonly topicList: BoundedCache<TopicInfo[]>;
  private readonly queueList: BoundedCache<string[]>;
  private readonly queuePolicyList: BoundedCache<Array<QueuePolicy & { name: string }>>;
  private readonly subscriptions: Subscription[] = [];
  private stopped = false;

  constructor(
    private readonly reference: ReferenceDataRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(REFERENCE_CACHE_CONFIG) config: ReferenceCacheConfig,
  ) {
    const { REFERENCE_CACHE_MAX_ENTRIES: maxEntries, REFERENCE_CACHE_MAX_AGE_MS: maxAge } = config;
    this.agents = new BoundedCache(maxEntries, maxAge);
    this.endUsers = new BoundedCache(maxEntries, maxAge);
    this.topicList = new BoundedCache(1, maxAge);
    this.queueList = new BoundedCache(1, maxAge);
    this.queuePolicyList = new BoundedCache(1, maxAge);
  }

  onApplicationBootstrap(): void {
    this.subscriptions.push(
      this.nc.subscribe(this.subjects.agentProfilesChanged, { callback: () => this.agents.clear() }),
      this.nc.subscribe(this.subjects.referenceDataChanged, {
        callback: () => {
          this.endUsers.clear();
          this.topicList.clear();
          this.queueList.clear();
          this.queuePolicyList.clear();
        },
      }),
    );
    void this.watchReconnects();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** The profiles of these agents that exist (one query for those not at hand). */
  async agentProfiles(ids: readonly string[]): Promise<AgentProfile[]> {
    const found: AgentProfile[] = [];
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.agents.get(id);
      if (!entry) missing.push(id);
      else if (entry.value) found.push(entry.value);
    }
    if (missing.length === 0) return found;
    const generation = this.agents.generation;
    const read = await this.reference.agentProfiles(missing);
    const byId = new Map(read.map((p) => [p.id, p]));
    // An id without a profile is remembered as absent too: a creation announces itself.
    for (const id of missing) this.agents.set(id, byId.get(id), generation);
    return [...found, ...read];
  }

  async endUser(id: string): Promise<EndUserInfo | undefined> {
    const entry = this.endUsers.get(id);
    if (entry) return entry.value;
    const generation = this.endUsers.generation;
    const endUser = await this.reference.endUser(id);
    this.endUsers.set(id, endUser, generation);
    return endUser;
  }

  topics(): Promise<TopicInfo[]> {
    return listFrom(this.topicList, () => this.reference.topics());
  }

  queueNames(): Promise<string[]> {
    return listFrom(this.queueList, () => this.reference.queueNames());
  }

  /** The policy of `queue` (issue 14); the defaults for a queue without a record. */
  async queuePolicy(queue: string): Promise<QueuePolicy> {
    const policies = await listFrom(this.queuePolicyList, () => this.reference.queuePolicies());
    const found = policies.find((p) => p.name === queue);
    if (!found) return DEFAULT_QUEUE_POLICY;
    const { name: _name, ...policy } = found;
    return policy;
  }

  /** Everything is read again on next use. */
  clear(): void {
    this.agents.clear();
    this.endUsers.clear();
    this.topicList.clear();
    this.queueList.clear();
    this.queuePolicyList.clear();
  }

  /** After a reconnect, change announcements may have been missed: drop everything. */
  private async watchReconnects(): Promise<void> {
    try {
      for await (const s of this.nc.status()) {
        if (this.stopped) return;
        if (s.type === 'reconnect') this.clear();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'reconnect watch ended');
    }
  }
}

async function listFrom<T>(cache: BoundedCache<T[]>, read: () => Promise<T[]>): Promise<T[]> {
  const entry = cache.get('all');
  if (entry) return entry.value;
  const generation = cache.generation;
  const value = await read();
  if (value.length <= MAX_CACHED_LIST) cache.set('all', value, generation);
  return value;
}
