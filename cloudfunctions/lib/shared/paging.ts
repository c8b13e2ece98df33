import type { BaseDoc, Query, SortDirection } from '../db/types'
import { AppError } from '../runtime/errors'
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

/** CloudBase returns at most 1000 documents a read. */
const READ_BATCH = 1000

/**
 * Every document of a query, read in batches by `_id`. A figure or an export
 * built from a truncated read would be silently wrong, so past `cap` rows it
 * refuses with `message` (VALIDATION_FAILED: the caller should ask for less).
 */
export async function readAll<T extends BaseDoc>(query: Query<T>, limits: { cap: number; message: string }): Promise<T[]> {
  const rows: T[] = []
  for (let skip = 0; ; skip += READ_BATCH) {
    const batch = await query.orderBy('_id', 'asc').skip(skip).limit(READ_BATCH).get()
    rows.push(...batch.data)
    if (batch.data.length < READ_BATCH) return rows
    if (rows.length >= limits.cap) throw new AppError('VALIDATION_FAILED', limits.message)
  }
}
