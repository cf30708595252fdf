import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { KnowledgeArticle, Resources } from '@switchboard/contracts';
import type { Connection } from 'mongoose';

const LIMIT = 20;

interface OutageDoc {
  _id: string;
  title: string;
  startsAt?: Date | string;
  endsAt?: Date | string;
  companies?: string[];
}

interface ArticleDoc {
  _id: string;
  title: string;
  body: string;
  tags?: string[];
}

/**
 * R15 Resources: outages, response templates and knowledge articles, read
 * from their collections (maintained by administrators; seeded for the demo).
 * Knowledge search is a case-insensitive text match on title, body and tags.
 */
@Injectable()
export class ResourcesRepository {
  constructor(@InjectConnection() private readonly db: Connection) {}

  /** What the Resources tab shows for a session of `companyId`: its current outages (and everyone's), templates, articles. */
  async resources(companyId: string, now = new Date()): Promise<Resources> {
    const [outages, templates, articles] = await Promise.all([
      this.db
        .collection<OutageDoc>('outages')
        .find({ $or: [{ companies: { $size: 0 } }, { companies: companyId }, { companies: { $exists: false } }] })
        .limit(LIMIT)
        .toArray(),
      this.db.collection<{ _id: string; title: string; text: string }>('response_templates').find().limit(LIMIT).toArray(),
      this.db.collection<ArticleDoc>('knowledge_articles').find().limit(LIMIT).toArray(),
    ]);
    return {
      outages: outages
        .filter((o) => !o.endsAt || new Date(o.endsAt) > now)
        .map((o) => ({
          id: String(o._id),
          title: o.title,
          status: o.startsAt && new Date(o.startsAt) > now ? 'planned' : 'ongoing',
          ...(o.startsAt ? { startedAt: new Date(o.startsAt).toISOString() } : {}),
        })),
      responseTemplates: templates.map((t) => ({ id: String(t._id), title: t.title, text: t.text })),
      knowledgeArticles: articles.map(toArticle),
    };
  }

  async search(query: string): Promise<KnowledgeArticle[]> {
    const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    const docs = await this.db
      .collection<ArticleDoc>('knowledge_articles')
      .find({ $or: [{ title: pattern }, { body: pattern }, { tags: pattern }] })
      .limit(LIMIT)
      .toArray();
    return docs.map(toArticle);
  }
}

function toArticle(doc: ArticleDoc): KnowledgeArticle {
  return { id: String(doc._id), title: doc.title, body: doc.body, tags: doc.tags ?? [] };
}
