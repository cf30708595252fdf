import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { InjectModel } from '@nestjs/mongoose';
import type { EndUserView, ListQuery, Page, Subjects } from '@switchboard/contracts';
import { EndUserRecord } from '@switchboard/reference-data';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import type { Model } from 'mongoose';
import { CompaniesService } from '../companies/companies.service';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';
import { announceReferenceChange } from '../shared/reference-changes';

const toView = (doc: EndUserRecord): EndUserView => ({
  id: doc._id,
  displayName: doc.displayName,
  companyId: doc.companyId,
  email: doc.email ?? '',
  phone: doc.phone ?? '',
  site: doc.site ?? '',
  assets: (doc.assets ?? []).map((a) => ({ id: a.id, name: a.name ?? a.id, ...(a.deviceId ? { deviceId: a.deviceId } : {}) })),
  // Only a disabled user carries the flag: views of enabled ones keep their shape.
  ...(doc.disabled === true ? { disabled: true } : {}),
});

/** End users with contact, site, company and assets (R15's Customer Information). */
@Injectable()
export class EndUsersService {
  constructor(
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    private readonly companies: CompaniesService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  list(query: ListQuery): Promise<Page<EndUserView>> {
    const filter = searchFilter<EndUserRecord>(query.q, ['_id', 'displayName', 'email', 'companyId', 'site']);
    return listPage(this.endUsers, filter, query, { displayName: 1 }, toView);
  }

  async get(id: string): Promise<EndUserView> {
    const doc = await this.endUsers.findById(id).lean();
    if (!doc) throw AdminApiError.notFound('End user', id);
    return toView(doc);
  }

  async create(input: EndUserView): Promise<EndUserView> {
    await this.companies.requireAll([input.companyId], 'companyId');
    if (await this.endUsers.exists({ _id: input.id })) throw AdminApiError.alreadyExists('End user', input.id);
    const { id, ...rest } = input;
    const doc = await this.endUsers.create({ _id: id, ...rest });
    await announceReferenceChange(this.nc, this.subjects);
    return toView(doc.toObject());
  }

  async update(id: string, input: Partial<Omit<EndUserView, 'id'>>): Promise<EndUserView> {
    if (input.companyId !== undefined) await this.companies.requireAll([input.companyId], 'companyId');
    const doc = await this.endUsers.findByIdAndUpdate(id, { $set: input }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('End user', id);
    await announceReferenceChange(this.nc, this.subjects);
    return toView(doc);
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.endUsers.deleteOne({ _id: id });
    if (deletedCount === 0) throw AdminApiError.notFound('End user', id);
    await announceReferenceChange(this.nc, this.subjects);
  }
}
