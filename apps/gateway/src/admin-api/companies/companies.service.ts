import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CompanyView, ListQuery, Page } from '@switchboard/contracts';
import { CompanyRecord, EndUserRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';

const toView = (doc: CompanyRecord): CompanyView => ({
  id: doc._id,
  name: doc.name,
  emailDomains: doc.emailDomains ?? [],
  notes: doc.notes ?? '',
});

@Injectable()
export class CompaniesService {
  constructor(
    @InjectModel(CompanyRecord.name) private readonly companies: Model<CompanyRecord>,
    @InjectModel(EndUserRecord.name) private readonly endUsers: Model<EndUserRecord>,
  ) {}

  list(query: ListQuery): Promise<Page<CompanyView>> {
    return listPage(this.companies, searchFilter<CompanyRecord>(query.q, ['_id', 'name', 'emailDomains']), query, { name: 1 }, toView);
  }

  async get(id: string): Promise<CompanyView> {
    const doc = await this.companies.findById(id).lean();
    if (!doc) throw AdminApiError.notFound('Company', id);
    return toView(doc);
  }

  async create(input: CompanyView): Promise<CompanyView> {
    if (await this.companies.exists({ _id: input.id })) throw AdminApiError.alreadyExists('Company', input.id);
    const { id, ...rest } = input;
    const doc = await this.companies.create({ _id: id, ...rest });
    return toView(doc.toObject());
  }

  async update(id: string, input: Partial<Omit<CompanyView, 'id'>>): Promise<CompanyView> {
    const doc = await this.companies.findByIdAndUpdate(id, { $set: input }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('Company', id);
    return toView(doc);
  }

  /** End users belong to exactly one company: it cannot go while it has any. */
  async remove(id: string): Promise<void> {
    const users = await this.endUsers.countDocuments({ companyId: id });
    if (users > 0) {
      throw new AdminApiError(HttpStatus.CONFLICT, 'COMPANY_IN_USE', `${users} end user(s) belong to this company; move or delete them first.`);
    }
    const { deletedCount } = await this.companies.deleteOne({ _id: id });
    if (deletedCount === 0) throw AdminApiError.notFound('Company', id);
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
