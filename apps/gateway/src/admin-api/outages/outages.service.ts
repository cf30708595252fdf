import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { OutageView } from '@switchboard/contracts';
import { OutageRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CompaniesService } from '../companies/companies.service';
import { AdminApiError } from '../shared/admin-api.error';
import { RecordCollection } from '../shared/record-collection';

export interface OutageInput {
  title: string;
  description: string;
  startsAt: string;
  endsAt?: string;
  companies: string[];
}

function toView(doc: OutageRecord, now = Date.now()): OutageView {
  const startsAt = new Date(doc.startsAt);
  const endsAt = doc.endsAt ? new Date(doc.endsAt) : undefined;
  return {
    id: doc._id,
    title: doc.title,
    description: doc.description ?? '',
    startsAt: startsAt.toISOString(),
    ...(endsAt ? { endsAt: endsAt.toISOString() } : {}),
    companies: doc.companies ?? [],
    active: startsAt.getTime() <= now && (!endsAt || endsAt.getTime() > now),
  };
}

@Injectable()
export class OutagesService extends RecordCollection<OutageRecord, OutageView> {
  constructor(
    @InjectModel(OutageRecord.name) private readonly outages: Model<OutageRecord>,
    private readonly companies: CompaniesService,
  ) {
    // Newest first: the outage that matters is usually the latest.
    super(outages, { name: 'Outage', toView: (doc) => toView(doc), search: ['title', 'description'], sort: { startsAt: -1 } });
  }

  async create(input: OutageInput): Promise<OutageView> {
    await this.companies.requireAll(input.companies, 'companies');
    return this.insert({ _id: randomUUID(), ...input });
  }

  /** `endsAt: null` reopens an outage (no end known). */
  async update(id: string, input: Partial<Omit<OutageInput, 'endsAt'> & { endsAt: string | null }>): Promise<OutageView> {
    if (input.companies) await this.companies.requireAll(input.companies, 'companies');
    const current = await this.outages.findById(id).lean();
    if (!current) throw AdminApiError.notFound('Outage', id);
    const startsAt = Date.parse(input.startsAt ?? new Date(current.startsAt).toISOString());
    const endsAt = input.endsAt === undefined ? current.endsAt?.valueOf() : input.endsAt === null ? undefined : Date.parse(input.endsAt);
    if (endsAt !== undefined && endsAt <= startsAt) {
      throw AdminApiError.validation('endsAt: must be after the start', [{ field: 'endsAt', message: 'must be after the start' }]);
    }
    const { endsAt: end, ...rest } = input;
    const change = end === null ? { $set: rest, $unset: { endsAt: 1 } } : { $set: end === undefined ? rest : { ...rest, endsAt: end } };
    return this.change(id, change);
  }
}
