import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CompanyView } from '@switchboard/contracts';
import { CompanyRecord, EndUserRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { AdminApiError } from '../shared/admin-api.error';
import { RecordCollection } from '../shared/record-collection';
import { ReferenceChanges } from '../shared/reference-changes';

const toView = (doc: CompanyRecord): CompanyView => ({
  id: doc._id,
  name: doc.name,
  emailDomains: doc.emailDomains ?? [],
  notes: doc.notes ?? '',
  ...(doc.priority ? { priority: doc.priority } : {}),
});

@Injectable()
export class CompaniesService extends RecordCollection<CompanyRecord, CompanyView> {
  constructor(
    @InjectModel(CompanyRecord.name) private readonly companies: Model<CompanyRecord>,
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
    changes: ReferenceChanges,
  ) {
    // Announced: the chat actors' cached end users carry their company's priority (issue 15).
    super(companies, { name: 'Company', toView, search: ['_id', 'name', 'emailDomains'], sort: { name: 1 }, changed: () => changes.announce() });
  }

  create(input: CompanyView): Promise<CompanyView> {
    const { id, ...rest } = input;
    return this.insertNew({ _id: id, ...rest });
  }

  update(id: string, input: Partial<Omit<CompanyView, 'id'>>): Promise<CompanyView> {
    return this.change(id, { $set: input });
  }

  /** End users belong to exactly one company: it cannot go while it has any. */
  override async remove(id: string): Promise<void> {
    const users = await this.endUsers.countDocuments({ companyId: id });
    if (users > 0) {
      throw new AdminApiError(HttpStatus.CONFLICT, 'COMPANY_IN_USE', `${users} end user(s) belong to this company; move or delete them first.`);
    }
    await super.remove(id);
  }

  /** The ids among `ids` that name no company. */
  async missing(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await this.companies.find({ _id: { $in: [...new Set(ids)] } }, { _id: 1 }).lean();
    const known = new Set(found.map((doc) => doc._id));
    return ids.filter((id) => !known.has(id));
  }

  async requireAll(ids: readonly string[], field: string): Promise<void> {
    const missing = await this.missing(ids);
    if (missing.length > 0) {
      throw new AdminApiError(HttpStatus.BAD_REQUEST, 'UNKNOWN_COMPANY', `Company ${missing.map((id) => `"${id}"`).join(', ')} does not exist.`, {
        field,
      });
    }
  }
}
