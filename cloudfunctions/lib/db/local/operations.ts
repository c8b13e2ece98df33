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

/** The rows a condition selects, filtered by mingo; `exact` says whether SQL alone already selected exactly them. */
function matching(store: Store, table: Table, cond: Cond, tail?: (exact: boolean) => { sql: string; params: unknown[] }) {
  const where = translate(cond, table.indexed)
  const extra = tail?.(where.exact) ?? { sql: '', params: [] }
  const rows = store.select(table, where.sql, [...where.params, ...extra.params], extra.sql)
  const test = compileFilter(toMongo(cond))
  const matched: Array<{ row: Row; doc: Doc }> = []
  for (const row of rows) {
    const doc = decodeDoc(row.doc)
    if (test(doc)) matched.push({ row, doc })
  }
  return { matched, exact: where.exact }
}

export function find(store: Store, collection: string, cond: Cond, options: FindOptions): Doc[] {
  const table = store.table(collection)
  const orderSql = orderBySql(options.order, table.indexed)
  let pushedDown = false
  const { matched } = matching(store, table, cond, (exact) => {
    if (!exact || orderSql === null) return { sql: '', params: [] }
    pushedDown = true
    return { sql: ` ORDER BY ${orderSql} LIMIT ? OFFSET ?`, params: [options.limit, options.skip] }
  })
  const docs = pushedDown ? matched.map((m) => m.doc) : sortAndPage(matched, options)
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
  return matching(store, table, cond).matched.length
}

export function updateWhere(store: Store, collection: string, cond: Cond, data: unknown): number {
  const table = store.table(collection)
  return store.write(() => {
    const update = parseUpdate(data, Date.now())
    let updated = 0
    for (const { row, doc } of matching(store, table, cond).matched) {
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
    const { matched } = matching(store, table, cond)
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

export function insert(store: Store, collection: string, id: string, data: unknown, what: string): void {
  const table = store.table(collection)
  store.write(() => {
    const doc: Doc = { _id: id, ...documentBody(data, Date.now(), what) }
    store.insert(table, id, store.encode(table, doc))
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
