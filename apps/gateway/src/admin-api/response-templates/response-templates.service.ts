import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ResponseTemplateView, ListQuery, Page } from '@switchboard/contracts';
import { ResponseTemplateRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';

type Input = Omit<ResponseTemplateView, 'id' | 'updatedAt'>;

const toView = (doc: ResponseTemplateRecord): ResponseTemplateView => ({
  id: doc._id,
  title: doc.title,
  text: doc.text,
  // Seeded records may have no time yet.
  updatedAt: new Date(doc.updatedAt ?? 0).toISOString(),
});

@Injectable()
export class ResponseTemplatesService {
  constructor(@InjectModel(ResponseTemplateRecord.name) private readonly templates: Model<ResponseTemplateRecord>) {}

  list(query: ListQuery): Promise<Page<ResponseTemplateView>> {
    return listPage(this.templates, searchFilter<ResponseTemplateRecord>(query.q, ['title', 'text']), query, { title: 1 }, toView);
  }

  async get(id: string): Promise<ResponseTemplateView> {
    const doc = await this.templates.findById(id).lean();
    if (!doc) throw AdminApiError.notFound('Response template', id);
    return toView(doc);
  }

  async create(input: Input): Promise<ResponseTemplateView> {
    const doc = await this.templates.create({ _id: randomUUID(), ...input, updatedAt: new Date() });
    return toView(doc.toObject());
  }

  async update(id: string, input: Partial<Input>): Promise<ResponseTemplateView> {
    const doc = await this.templates.findByIdAndUpdate(id, { $set: { ...input, updatedAt: new Date() } }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('Response template', id);
    return toView(doc);
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.templates.deleteOne({ _id: id });
    if (deletedCount === 0) throw AdminApiError.notFound('Response template', id);
  }
}
