import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { KnowledgeArticleView, ListQuery, Page } from '@switchboard/contracts';
import { KnowledgeArticleRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { AdminApiError } from '../shared/admin-api.error';
import { listPage, searchFilter } from '../shared/paging';

type Input = Omit<KnowledgeArticleView, 'id' | 'updatedAt'>;

const toView = (doc: KnowledgeArticleRecord): KnowledgeArticleView => ({
  id: doc._id,
  title: doc.title,
  body: doc.body,
  tags: doc.tags ?? [],
  // Seeded records may have no time yet.
  updatedAt: new Date(doc.updatedAt ?? 0).toISOString(),
});

@Injectable()
export class KnowledgeArticlesService {
  constructor(@InjectModel(KnowledgeArticleRecord.name) private readonly articles: Model<KnowledgeArticleRecord>) {}

  list(query: ListQuery): Promise<Page<KnowledgeArticleView>> {
    return listPage(this.articles, searchFilter<KnowledgeArticleRecord>(query.q, ['title', 'body', 'tags']), query, { title: 1 }, toView);
  }

  async get(id: string): Promise<KnowledgeArticleView> {
    const doc = await this.articles.findById(id).lean();
    if (!doc) throw AdminApiError.notFound('Knowledge article', id);
    return toView(doc);
  }

  async create(input: Input): Promise<KnowledgeArticleView> {
    const doc = await this.articles.create({ _id: randomUUID(), ...input, updatedAt: new Date() });
    return toView(doc.toObject());
  }

  async update(id: string, input: Partial<Input>): Promise<KnowledgeArticleView> {
    const doc = await this.articles.findByIdAndUpdate(id, { $set: { ...input, updatedAt: new Date() } }, { returnDocument: 'after' }).lean();
    if (!doc) throw AdminApiError.notFound('Knowledge article', id);
    return toView(doc);
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.articles.deleteOne({ _id: id });
    if (deletedCount === 0) throw AdminApiError.notFound('Knowledge article', id);
  }
}
