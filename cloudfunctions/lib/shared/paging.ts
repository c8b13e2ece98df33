import type { BaseDoc, Database, Query, SortDirection, Where } from '../db/types'
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

/** How many values one `in` lists: short lists keep each query (CloudBase's and the local SQL) small. */
const IN_BATCH = 100

/** Every document of `collection` whose `field` is one of `values` (and that matches `extra`), under readAll's limits for each batch of values. */
export async function readWhereIn<T extends BaseDoc>(
  db: Database,
  collection: string,
  field: string,
  values: string[],
  limits: { cap: number; message: string },
  extra: Where = {},
): Promise<T[]> {
  const rows: T[] = []
  for (let start = 0; start < values.length; start += IN_BATCH) {
    rows.push(...(await readAll(db.collection<T>(collection).where({ ...extra, [field]: db.command.in(values.slice(start, start + IN_BATCH)) }), limits)))
  }
  return rows
}
