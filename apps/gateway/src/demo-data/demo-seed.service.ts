import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Connection } from 'mongoose';
import { DevIdentityProvider } from '../identity';
import {
  DEMO_AGENTS,
  DEMO_COMPANIES,
  DEMO_END_USERS,
  DEMO_KNOWLEDGE_ARTICLES,
  DEMO_OUTAGES,
  DEMO_QUEUES,
  DEMO_RESPONSE_TEMPLATES,
  DEMO_SETTINGS,
  DEMO_TOPICS,
  demoLogins,
} from './demo-data';

/**
 * Seeds the demo data. Idempotent: every document has a fixed id and is only
 * inserted when absent (a duplicate key means it is there already), so an
 * administrator's later changes are never overwritten.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectConnection() private readonly db: Connection,
    @Inject(DevIdentityProvider) private readonly identities: DevIdentityProvider,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  async seed(): Promise<{ inserted: number }> {
    let inserted = 0;
    const collections: Array<[string, readonly object[]]> = [
      ['queues', DEMO_QUEUES],
      ['topics', DEMO_TOPICS],
      ['companies', DEMO_COMPANIES],
      ['agents', DEMO_AGENTS],
      ['end_users', DEMO_END_USERS],
      ['knowledge_articles', DEMO_KNOWLEDGE_ARTICLES],
      ['outages', DEMO_OUTAGES],
      ['response_templates', DEMO_RESPONSE_TEMPLATES],
    ];
    const settingsInserted = await this.insertAbsent('settings', [DEMO_SETTINGS]);
    inserted += settingsInserted;
    for (const [name, docs] of collections) inserted += await this.insertAbsent(name, docs);
    // Settings and profiles read before the seed (this process's, and any already running) are stale: announce the change (A9).
    if (settingsInserted > 0) this.nc.publish(this.subjects.settingsChanged);
    if (inserted > 0) {
      this.nc.publish(this.subjects.agentProfilesChanged);
      this.nc.publish(this.subjects.referenceDataChanged);
    }
    for (const login of demoLogins()) {
      if (await this.identities.register(login.username, login.password, login.principal)) inserted++;
    }
    this.logger.log({ msg: 'demo data seeded', inserted });
    return { inserted };
  }

  private async insertAbsent(collection: string, docs: readonly object[]): Promise<number> {
    let inserted = 0;
    for (const doc of docs) {
      try {
        await this.db.collection(collection).insertOne({ ...doc } as never);
        inserted++;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    return inserted;
  }
}
