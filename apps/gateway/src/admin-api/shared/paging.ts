import type { ListQuery, Page } from '@switchboard/contracts';
import type { Model, QueryFilter, SortOrder } from 'mongoose';

/** Case-insensitive "contains" over some fields; the text is escaped, never a pattern. */
export function searchFilter<T>(q: string, fields: readonly string[]): QueryFilter<T> {
  if (!q) return {} as QueryFilter<T>;
  const pattern = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { $or: fields.map((field) => ({ [field]: { $regex: pattern, $options: 'i' } })) } as QueryFilter<T>;
}

/** One page of a collection, with the total count for the pager. */
export async function listPage<T, V>(
  model: Model<T>,
  filter: QueryFilter<T>,
  query: ListQuery,
  sort: Record<string, SortOrder>,
  toView: (doc: T) => V,
): Promise<Page<V>> {
  const [docs, total] = await Promise.all([
    model
      .find(filter)
      .sort(sort)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<T[]>(),
    model.countDocuments(filter),
  ]);
  return { items: docs.map(toView), total, page: query.page, pageSize: query.pageSize };
}
