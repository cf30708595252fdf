import type { ListQuery, Page } from '@switchboard/contracts';
import type { AnyKeys, Model, ProjectionType, QueryFilter, SortOrder, UpdateQuery } from 'mongoose';
import { AdminApiError } from './admin-api.error';
import { listPage, searchFilter } from './paging';

/** The fields of a record to insert, its id among them. */
export type NewRecord<R> = AnyKeys<R> & { _id: string };

/** What the admin API says of one kind of record, and what follows a change. */
export interface RecordKind<R, V> {
  /** Its name in NOT_FOUND and ALREADY_EXISTS ("Topic"). */
  name: string;
  toView: (doc: R) => V;
  /** The fields a list searches, and its order. */
  search: readonly string[];
  sort: Record<string, SortOrder>;
  /** After every insert, change and delete, before the answer (caches elsewhere drop their copies). */
  changed?: () => Promise<void>;
}

/**
 * The base of an admin service over one collection of records kept by id:
 * a page of views, one view and a delete as they are; the subclass adds
 * create and update (its checks first) on `insertNew`, `insert` and `change`.
 * A missing or taken id is refused in the words of the kind.
 */
export abstract class RecordCollection<R extends { _id: string }, V> {
  constructor(
    protected readonly model: Model<R>,
    private readonly kind: RecordKind<R, V>,
  ) {}

  list(query: ListQuery): Promise<Page<V>> {
    return listPage(this.model, searchFilter<R>(query.q, this.kind.search), query, this.kind.sort, this.kind.toView);
  }

  async get(id: string, projection?: ProjectionType<R>): Promise<V> {
    const doc = await this.model.findById(id, projection).lean<R>();
    if (!doc) throw AdminApiError.notFound(this.kind.name, id);
    return this.kind.toView(doc);
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.model.deleteOne(byId<R>(id));
    if (deletedCount === 0) throw AdminApiError.notFound(this.kind.name, id);
    await this.kind.changed?.();
  }

  /** Inserts a record under the id the administrator chose: refused while a record has it. */
  protected async insertNew(doc: NewRecord<R>): Promise<V> {
    if (await this.model.exists(byId<R>(doc._id))) throw AdminApiError.alreadyExists(this.kind.name, doc._id);
    return this.insert(doc);
  }

  protected async insert(doc: NewRecord<R>): Promise<V> {
    const created = await this.model.create(doc);
    await this.kind.changed?.();
    return this.kind.toView(created.toObject() as R);
  }

  protected async change(id: string, update: UpdateQuery<R>): Promise<V> {
    const doc = await this.model.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean<R>();
    if (!doc) throw AdminApiError.notFound(this.kind.name, id);
    await this.kind.changed?.();
    return this.kind.toView(doc);
  }
}

const byId = <R>(id: string) => ({ _id: id }) as QueryFilter<R>;
