import type { BaseDoc, Database, Projection, Query, QueryCommand, SortDirection, Where } from '../db/types'
import { AppError } from '../runtime/errors'
import { DB_PARALLEL, mapBounded } from './parallel'
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

/** `where` and "`_id` after `after`", merged into one condition (CloudBase keeps only the last where()). */
function afterId(db: Pick<Database, 'command'>, where: Where, after: string | null): Where {
  if (after === null) return where
  const _ = db.command
  const own = where._id
  if (own === undefined) return { ...where, _id: _.gt(after) }
  // A condition on _id already (an `in` list, an equality): both must hold.
  return { ...where, _id: _.and(typeof own === 'object' && own !== null && !(own instanceof Date) && !Array.isArray(own) ? (own as QueryCommand) : _.eq(own), _.gt(after)) }
}

/**
 * Every document of `collection` matching `where`, read in batches by `_id`
 * with a cursor (`_id` greater than the last one seen), so each batch costs
 * the same as the first; `skip` would make the server walk past every earlier
 * row again. `projection` picks fields (`_id` always comes). A figure or an
 * export built from a truncated read would be silently wrong, so past `cap`
 * rows it refuses with `message` (VALIDATION_FAILED: the caller should ask
 * for less).
 */
export async function readAll<T extends BaseDoc>(
  db: Pick<Database, 'collection' | 'command'>,
  collection: string,
  where: Where,
  limits: { cap: number; message: string },
  projection?: Projection,
): Promise<T[]> {
  const rows: T[] = []
  for (let after: string | null = null; ; ) {
    let query = db.collection<T>(collection).where(afterId(db, where, after)).orderBy('_id', 'asc').limit(READ_BATCH)
    if (projection) query = query.field({ ...projection, _id: true })
    const batch = await query.get()
    rows.push(...batch.data)
    if (batch.data.length < READ_BATCH) return rows
    if (rows.length >= limits.cap) throw new AppError('VALIDATION_FAILED', limits.message)
    after = batch.data[batch.data.length - 1]._id
  }
}

/** How many values one `in` lists: short lists keep each query (CloudBase's and the local SQL) small. */
const IN_BATCH = 100

/**
 * Every document of `collection` whose `field` is one of `values` (and that
 * matches `extra`), under readAll's limits for each batch of values. The
 * batches go out a few at a time (shared/parallel), not all at once.
 */
export async function readWhereIn<T extends BaseDoc>(
  db: Database,
  collection: string,
  field: string,
  values: string[],
  limits: { cap: number; message: string },
  extra: Where = {},
  projection?: Projection,
): Promise<T[]> {
  const batches: string[][] = []
  for (let start = 0; start < values.length; start += IN_BATCH) batches.push(values.slice(start, start + IN_BATCH))
  const read = await mapBounded(batches, DB_PARALLEL, (batch) => readAll<T>(db, collection, { ...extra, [field]: db.command.in(batch) }, limits, projection))
  return read.flat()
}
