import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { isRevisionConflict, NATS_CONNECTION, natsSafeKey, SUBJECTS } from '@switchboard/service-kit';
import { afterFailure, attemptsAt, FULL_REFILL_MS, LocalSignInThrottle, throttleKey, waitMs, type Attempts } from './sign-in-throttle';

/** Compare-and-set rounds before a failure is counted locally instead. */
const MAX_CAS_ATTEMPTS = 5;

/**
 * The sign-in throttle shared by every gateway instance: failed sign-ins per
 * username live in a JetStream KV bucket (entries expire once every attempt
 * would be back), changed by compare-and-set, so spreading guesses over
 * instances gains nothing. While NATS does not answer, each instance counts
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
  ) {}

  async onModuleInit(): Promise<void> {
    this.kv = await new Kvm(this.nc).create(this.subjects.signInBucket, { history: 1, ttl: FULL_REFILL_MS });
  }

  async waitFor(username: string): Promise<number> {
    try {
      const { attempts } = await this.read(username);
      return Math.max(waitMs(attemptsAt(attempts, Date.now())), this.local.waitFor(username));
    } catch (error) {
      this.logger.warn({ err: error }, 'sign-in attempts not readable; counting locally');
      return this.local.waitFor(username);
    }
  }

  async failed(username: string): Promise<void> {
    try {
      for (let round = 0; round < MAX_CAS_ATTEMPTS; round++) {
        const { attempts, revision } = await this.read(username);
        const next = JSON.stringify(afterFailure(attemptsAt(attempts, Date.now())));
        const key = keyOf(username);
        try {
          await (revision === 0 ? this.kv!.create(key, next) : this.kv!.update(key, next, revision));
          return;
        } catch (error) {
          if (!isRevisionConflict(error)) throw error;
        }
      }
      this.local.failed(username);
    } catch (error) {
      this.logger.warn({ err: error }, 'sign-in failure not stored; counting locally');
      this.local.failed(username);
    }
  }

  private async read(username: string): Promise<{ attempts: Attempts | undefined; revision: number }> {
    const entry = await this.kv!.get(keyOf(username));
    if (!entry || entry.operation !== 'PUT') return { attempts: undefined, revision: entry?.revision ?? 0 };
    return { attempts: entry.json<Attempts>(), revision: entry.revision };
  }
}

/** KV keys allow letters, digits and `-_=./`; usernames are free text. */
const keyOf = (username: string) => natsSafeKey(throttleKey(username));
