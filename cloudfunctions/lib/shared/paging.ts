import type { BaseDoc, Query, SortDirection } from '../db/types'
import type { Page } from './schemas'

/**
 * One page of a query and the total it pages through: the count and the page
 * run side by side, ordered newest (or soonest) first as the caller says.
 */
export async function pageOf<T extends BaseDoc, V>(
  query: Query<T>,
  order: [field: string, direction: SortDirection],
  input: { page: number; pageSize: number },
  view: (doc: T) => V,
): Promise<Page<V>> {
  const [total, page] = await Promise.all([
    query.count(),
    query
      .orderBy(...order)
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return { items: page.data.map(view), total: total.total, page: input.page, pageSize: input.pageSize }
}
