import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EndUserView } from '@switchboard/contracts';
import { EndUserRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { CompaniesService } from '../companies/companies.service';
import { RecordCollection } from '../shared/record-collection';
import { ReferenceChanges } from '../shared/reference-changes';

const toView = (doc: EndUserRecord): EndUserView => ({
  id: doc._id,
  displayName: doc.displayName,
  companyId: doc.companyId,
  email: doc.email ?? '',
  phone: doc.phone ?? '',
  site: doc.site ?? '',
  assets: (doc.assets ?? []).map((a) => ({ id: a.id, name: a.name ?? a.id, ...(a.deviceId ? { deviceId: a.deviceId } : {}) })),
  ...(doc.priority ? { priority: doc.priority } : {}),
  // Only a disabled user carries the flag: views of enabled ones keep their shape.
  ...(doc.disabled === true ? { disabled: true } : {}),
});

/** End users with contact, site, company and assets (R15's Customer Information). */
@Injectable()
export class EndUsersService extends RecordCollection<EndUserRecord, EndUserView> {
  constructor(@InjectModel(EndUserRecord.name) endUsers: Model<EndUserRecord>, private readonly companies: CompaniesService, changes: ReferenceChanges) {
    const search = ['_id', 'displayName', 'email', 'companyId', 'site'];
    super(endUsers, { name: 'End user', toView, search, sort: { displayName: 1 }, changed: () => changes.announce() });
  }

  async create(input: EndUserView): Promise<EndUserView> {
    await this.companies.requireAll([input.companyId], 'companyId');
    const { id, ...rest } = input;
    return this.insertNew({ _id: id, ...rest });
  }

  async update(id: string, input: Partial<Omit<EndUserView, 'id'>>): Promise<EndUserView> {
    if (input.companyId !== undefined) await this.companies.requireAll([input.companyId], 'companyId');
    return this.change(id, { $set: input });
  }
}
