import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { isRevisionConflict, JETSTREAM_STORAGE, NATS_CONNECTION, natsSafeKey, openKvBucket, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { afterFailure, attemptsAt, bucketsOf, FULL_REFILL_MS, LocalSignInThrottle, waitMs, type AttemptPolicy, type Attempts, type SignInAddress } from './sign-in-throttle';

/** Compare-and-set rounds before a failure is counted locally instead. */
const MAX_CAS_ATTEMPTS = 5;

/**
 * The sign-in throttle shared by every gateway instance: failed sign-ins per
 * (username, address) and per address live in a JetStream KV bucket (entries
 * expire once every attempt would be back), changed by compare-and-set, so
 * spreading guesses over instances gains nothing. While NATS does not answer, each instance counts
 * in its own memory rather than refusing everyone.
 */
@Injectable()
export class SharedSignInThrottle implements OnModuleInit {
  private readonly logger = new Logger(SharedSignInThrottle.name);
  private readonly local = new LocalSignInThrottle();
  private kv?: KV;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
  ) {}

  async onModuleInit(): Promise<void> {
    this.kv = await openKvBucket(this.nc, this.subjects.signInBucket, { history: 1, ttl: FULL_REFILL_MS }, this.storage);
  }

  async waitFor(username: string, address: SignInAddress): Promise<number> {
    try {
      const now = Date.now();
      const waits = await Promise.all(
        bucketsOf(username, address).map(async ({ key, policy }) => waitMs(attemptsAt((await this.read(key)).attempts, now, policy), policy)),
      );
      return Math.max(...waits, this.local.waitFor(username, address));
    } catch (error) {
      this.logger.warn({ err: error }, 'sign-in attempts not readable; counting locally');
      return this.local.waitFor(username, address);
    }
  }

  async failed(username: string, address: SignInAddress): Promise<void> {
    try {
      for (const { key, policy } of bucketsOf(username, address)) {
        if (!(await this.countFailure(key, policy))) this.local.failed(username, address);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'sign-in failure not stored; counting locally');
      this.local.failed(username, address);
    }
  }

  /** One failure more in the bucket; false when other writers kept winning the compare-and-set. */
  private async countFailure(bucket: string, policy: AttemptPolicy): Promise<boolean> {
    const key = natsSafeKey(bucket);
    for (let round = 0; round < MAX_CAS_ATTEMPTS; round++) {
      const { attempts, revision } = await this.read(bucket);
      const next = JSON.stringify(afterFailure(attemptsAt(attempts, Date.now(), policy)));
      try {
        await (revision === 0 ? this.kv!.create(key, next) : this.kv!.update(key, next, revision));
        return true;
      } catch (error) {
        if (!isRevisionConflict(error)) throw error;
      }
    }
    return false;
  }

  private async read(bucket: string): Promise<{ attempts: Attempts | undefined; revision: number }> {
    const entry = await this.kv!.get(natsSafeKey(bucket));
    if (!entry || entry.operation !== 'PUT') return { attempts: undefined, revision: entry?.revision ?? 0 };
    return { attempts: entry.json<Attempts>(), revision: entry.revision };
  }
}
