import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { KnowledgeArticleView } from '@switchboard/contracts';
import { KnowledgeArticleRecord } from '@switchboard/reference-data';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { RecordCollection } from '../shared/record-collection';

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
export class KnowledgeArticlesService extends RecordCollection<KnowledgeArticleRecord, KnowledgeArticleView> {
  constructor(@InjectModel(KnowledgeArticleRecord.name) articles: Model<KnowledgeArticleRecord>) {
    super(articles, { name: 'Knowledge article', toView, search: ['title', 'body', 'tags'], sort: { title: 1 } });
  }

  create(input: Input): Promise<KnowledgeArticleView> {
    return this.insert({ _id: randomUUID(), ...input, updatedAt: new Date() });
  }

  update(id: string, input: Partial<Input>): Promise<KnowledgeArticleView> {
    return this.change(id, { $set: { ...input, updatedAt: new Date() } });
  }
}
