/**
 * Collection operations outside transactions: SQL narrows the rows through
 * the indexes, mingo decides (Mongo semantics), every write happens inside
 * one SQLite write transaction that re-reads what it changes.
 */
import type { AnyObject } from 'mingo/types'
import { invalidParam } from './errors'
import { compileFilter, mingoFind } from './mingo'
import { orderBySql, type OrderKey, quoteIdent, translate } from './sql'
import type { Row, Store, Table } from './store'
import { parseUpdate, applyUpdate } from './update'
import { type Doc, decodeDoc, isPlainObject, resolveValue } from './values'
import { type Cond, toMongo } from './where'

export interface FindOptions {
  order: readonly OrderKey[]
  limit: number
  skip: number
  projection?: Record<string, 0 | 1>
}

/** Mongo semantics decide, whatever SQL preselected. */
function filtered(rows: Row[], cond: Cond): Array<{ row: Row; doc: Doc }> {
  const test = compileFilter(toMongo(cond))
  const matched: Array<{ row: Row; doc: Doc }> = []
  for (const row of rows) {
    const doc = decodeDoc(row.doc)
    if (test(doc)) matched.push({ row, doc })
  }
  return matched
}

function matching(store: Store, table: Table, cond: Cond): Array<{ row: Row; doc: Doc }> {
  const where = translate(cond, table.indexed)
  return filtered(store.select(table, where.sql, where.params), cond)
}

export function find(store: Store, collection: string, cond: Cond, options: FindOptions): Doc[] {
  const table = store.table(collection)
  const where = translate(cond, table.indexed)
  const orderSql = orderBySql(options.order, table.indexed)
  let docs: Doc[]
  if (where.exact && orderSql !== null) {
    // SQL selects exactly the matches in Mongo order: it can page too.
    const params = [...where.params, options.limit, options.skip]
    const rows = store.select(table, where.sql, params, ` ORDER BY ${orderSql} LIMIT ? OFFSET ?`)
    docs = filtered(rows, cond).map((m) => m.doc)
  } else {
    docs = sortAndPage(filtered(store.select(table, where.sql, where.params), cond), options)
  }
  return options.projection ? project(docs, options.projection) : docs
}

/** Mongo's sort order via mingo; rowid as the last key, as in the SQL ORDER BY. */
function sortAndPage(matched: Array<{ row: Row; doc: Doc }>, options: FindOptions): Doc[] {
  const wrapped = matched.map(({ row, doc }) => ({ d: doc, r: row.rowid }))
  const sort: Record<string, 1 | -1> = {}
  for (const [field, direction] of options.order) sort[`d.${field}`] = direction
  sort.r = 1
  return (mingoFind(wrapped, {}).sort(sort).skip(options.skip).limit(options.limit).all() as typeof wrapped).map(
    (w) => w.d,
  )
}

function project(docs: Doc[], projection: Record<string, 0 | 1>): Doc[] {
  try {
    return mingoFind(docs, {}, projection as AnyObject).all() as Doc[]
  } catch (error) {
    throw invalidParam(`field(): ${(error as Error).message}`)
  }
}

export function count(store: Store, collection: string, cond: Cond): number {
  const table = store.table(collection)
  const where = translate(cond, table.indexed)
  if (where.exact) {
    const sql = `SELECT count(*) AS total FROM ${quoteIdent(table.name)} WHERE ${where.sql}`
    return (store.prepare(sql).get(...where.params) as { total: number }).total
  }
  return matching(store, table, cond).length
}

export function updateWhere(store: Store, collection: string, cond: Cond, data: unknown): number {
  const table = store.table(collection)
  return store.write(() => {
    const update = parseUpdate(data, Date.now())
    let updated = 0
    for (const { row, doc } of matching(store, table, cond)) {
      applyUpdate(doc, update)
      const text = store.encode(table, doc)
      // Mongo's nModified: a document the update leaves as it was is not counted.
      if (text === row.doc) continue
      store.replace(table, row._id, text)
      updated++
    }
    return updated
  })
}

export function removeWhere(store: Store, collection: string, cond: Cond): number {
  const table = store.table(collection)
  return store.write(() => {
    const matched = matching(store, table, cond)
    for (const { row } of matched) store.delete(table, row._id)
    return matched.length
  })
}

/** A document's body as given to add/create/set: plain data, serverDate resolved, no `_id`. */
export function documentBody(data: unknown, now: number, what: string): Record<string, unknown> {
  if (!isPlainObject(data)) throw invalidParam(`${what} takes an object`)
  const { _id, ...rest } = data
  return resolveValue(rest, now, what) as Record<string, unknown>
}

export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id === '') throw invalidParam(`${what}: _id must be a non-empty string`)
  return id
}

/** The SDK refuses `_id` in set() and update() bodies: the id is the reference's. */
export function assertNoId(data: unknown, what: string): void {
  if (isPlainObject(data) && '_id' in data) throw invalidParam(`${what}: _id cannot be changed`)
}

/** create() takes its id from the reference; a different `_id` in the body would be ambiguous. */
export function assertIdMatches(data: unknown, id: string, what: string): void {
  if (isPlainObject(data) && '_id' in data && data._id !== id) throw invalidParam(`${what}: _id differs from doc(id)`)
}

export function insert(store: Store, collection: string, id: string, data: unknown, what: string): void {
  const table = store.table(collection)
  store.write(() => {
    const doc: Doc = { _id: id, ...documentBody(data, Date.now(), what) }
    store.insert(table, id, store.encode(table, doc))
  })
}

/**
 * Inserts many documents in one SQLite write transaction, each checked and
 * encoded exactly as `add()` does; a duplicate `_id` or unique key rolls the
 * whole batch back (DATABASE_DUPLICATE_WRITE). For seeds and restores, not
 * for product code: CloudBase has no such call.
 */
export function insertMany(store: Store, collection: string, docs: ReadonlyArray<{ _id: string }>): void {
  const table = store.table(collection)
  const at = Date.now()
  store.write(() => {
    for (const { _id, ...data } of docs) {
      const doc: Doc = { _id, ...documentBody(data, at, 'insertMany()') }
      store.insert(table, _id, store.encode(table, doc))
    }
  })
}

/** Replaces or inserts; returns whether a document existed and whether it changed. */
export function replaceDoc(
  store: Store,
  collection: string,
  id: string,
  data: unknown,
): { existed: boolean; changed: boolean } {
  const table = store.table(collection)
  return store.write(() => {
    const doc: Doc = { _id: id, ...documentBody(data, Date.now(), 'set()') }
    const text = store.encode(table, doc)
    const row = store.getRow(table, id)
    if (!row) {
      store.insert(table, id, text)
      return { existed: false, changed: true }
    }
    if (row.doc === text) return { existed: true, changed: false }
    store.replace(table, id, text)
    return { existed: true, changed: true }
  })
}
