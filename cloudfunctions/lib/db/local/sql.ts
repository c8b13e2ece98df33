/**
 * SQL for one collection table: index definitions, and the translation of
 * conditions on indexed fields into a WHERE that SQLite answers from those
 * indexes.
 *
 * Each indexed field becomes two index columns, a type rank and a key:
 *   rank(f) = the BSON type order of the value (null and missing 5,
 *             numbers 10, strings 15, booleans 40, Dates 45)
 *   key(f)  = the value itself (a Date as its ms, a boolean as 1/0, null 0)
 * Indexed fields hold scalars only (enforced on every write), so
 * (rank, key) orders values exactly as Mongo sorts them, and a condition
 * becomes `rank = r AND key <op> ?`, which is Mongo's type bracketing (a
 * numeric range never matches text, `true` is not the number 1) and is still
 * an index range scan. One difference remains: SQLite compares text by UTF-8
 * bytes, as Mongo does; mingo compares JavaScript UTF-16 units. They differ
 * only between characters above U+FFFF and U+E000–U+FFFF.
 *
 * `key` of null/missing is 0, not NULL, so a unique index treats a missing
 * field as null and two such documents collide, as in CloudBase/Mongo.
 */
import type { IndexSpec } from '../schema'
import { isDate } from './values'
import type { Cond } from './where'

const RANK = { null: 5, number: 10, string: 15, boolean: 40, date: 45 } as const

const SEGMENT = /^[^"'.\\$][^"'.\\]*$/

/** Field paths become JSON paths with quoted labels; refuse what could not be quoted or means an array index. */
export function assertIndexablePath(path: string): void {
  for (const segment of path.split('.')) {
    if (!SEGMENT.test(segment) || /^\d+$/.test(segment)) throw new Error(`index field "${path}" cannot be indexed`)
  }
}

export const quoteIdent = (name: string): string => `"${name}"`

export function jsonPath(path: string): string {
  return `$${path
    .split('.')
    .map((segment) => `."${segment}"`)
    .join('')}`
}

export function rankExpr(path: string): string {
  return (
    `CASE json_type(doc,'${jsonPath(path)}') WHEN 'integer' THEN ${RANK.number} WHEN 'real' THEN ${RANK.number} ` +
    `WHEN 'text' THEN ${RANK.string} WHEN 'true' THEN ${RANK.boolean} WHEN 'false' THEN ${RANK.boolean} ` +
    `WHEN 'object' THEN ${RANK.date} ELSE ${RANK.null} END`
  )
}

export function keyExpr(path: string): string {
  const p = jsonPath(path)
  return `coalesce(json_extract(doc,'${p}."$date"'),json_extract(doc,'${p}'),0)`
}

export const indexName = (collection: string, index: IndexSpec): string => `${collection}__${index.name}`

/** The statement as SQLite keeps it in sqlite_master, so a changed index can be detected. */
export function indexDdl(collection: string, index: IndexSpec): string {
  const columns = index.keys.flatMap(([field, direction]) => {
    const dir = direction === -1 ? ' DESC' : ''
    return [`${rankExpr(field)}${dir}`, `${keyExpr(field)}${dir}`]
  })
  const unique = index.unique ? 'UNIQUE ' : ''
  const name = quoteIdent(indexName(collection, index))
  return `CREATE ${unique}INDEX ${name} ON ${quoteIdent(collection)}(${columns.join(', ')})`
}

type FieldOp = Extract<Cond, { kind: 'field' }>['op']

type Scalar = { rank: number; key: string | number }

/** The (rank, key) of a value an indexed field may hold; undefined for arrays and objects. */
function scalar(value: unknown): Scalar | undefined {
  if (value === null) return { rank: RANK.null, key: 0 }
  if (typeof value === 'number') return { rank: RANK.number, key: value }
  if (typeof value === 'string') return { rank: RANK.string, key: value }
  if (typeof value === 'boolean') return { rank: RANK.boolean, key: value ? 1 : 0 }
  if (isDate(value)) return { rank: RANK.date, key: value.getTime() }
  return undefined
}

export interface SqlWhere {
  sql: string
  params: Array<string | number>
  /** True when the SQL selects exactly what the Mongo condition does; otherwise it is a superset. */
  exact: boolean
}

const TRUE: SqlWhere = { sql: '1', params: [], exact: true }
const FALSE: SqlWhere = { sql: '0', params: [], exact: true }
const SUPERSET: SqlWhere = { sql: '1', params: [], exact: false }

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

export function translate(cond: Cond, indexed: ReadonlySet<string>): SqlWhere {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.items.map((item) => translate(item, indexed))
      const kept = parts.filter((part) => part.sql !== '1')
      return {
        sql: kept.length === 0 ? '1' : kept.map((part) => `(${part.sql})`).join(' AND '),
        params: kept.flatMap((part) => part.params),
        exact: parts.every((part) => part.exact),
      }
    }
    case 'or': {
      const parts = cond.items.map((item) => translate(item, indexed))
      // A branch that is only a superset makes the whole OR one: all rows.
      if (!parts.every((part) => part.exact)) return SUPERSET
      return {
        sql: parts.map((part) => `(${part.sql})`).join(' OR '),
        params: parts.flatMap((part) => part.params),
        exact: true,
      }
    }
    case 'field':
      if (cond.path === '_id') return translateId(cond.op, cond.value)
      if (!indexed.has(cond.path)) return SUPERSET
      return translateIndexed(cond.path, cond.op, cond.value)
  }
}

function not(where: SqlWhere): SqlWhere {
  if (where === TRUE) return FALSE
  if (where === FALSE) return TRUE
  return { sql: `NOT (${where.sql})`, params: where.params, exact: where.exact }
}

function translateIndexed(path: string, op: FieldOp, value: unknown): SqlWhere {
  const rank = rankExpr(path)
  const key = keyExpr(path)
  const equals = (s: Scalar): SqlWhere =>
    s.rank === RANK.null
      ? { sql: `${rank} = ${RANK.null}`, params: [], exact: true }
      : { sql: `${rank} = ${s.rank} AND ${key} = ?`, params: [s.key], exact: true }
  const among = (values: unknown[]): SqlWhere => {
    const scalars = values.map(scalar)
    if (scalars.some((s) => s === undefined)) return SUPERSET
    if (scalars.length === 0) return FALSE
    const byRank = new Map<number, Array<string | number>>()
    for (const s of scalars as Scalar[]) byRank.set(s.rank, [...(byRank.get(s.rank) ?? []), s.key])
    const branches = [...byRank].map(([r, keys]) =>
      r === RANK.null
        ? `${rank} = ${RANK.null}`
        : `${rank} = ${r} AND ${key} IN (${keys.map(() => '?').join(',')})`,
    )
    return {
      sql: branches.map((b) => `(${b})`).join(' OR '),
      params: [...byRank].flatMap(([r, keys]) => (r === RANK.null ? [] : keys)),
      exact: true,
    }
  }
  switch (op) {
    case 'eq': {
      const s = scalar(value)
      return s ? equals(s) : SUPERSET
    }
    case 'neq': {
      const s = scalar(value)
      return s ? not(equals(s)) : SUPERSET
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const s = scalar(value) as Scalar
      return { sql: `${rank} = ${s.rank} AND ${key} ${RANGE_SQL[op]} ?`, params: [s.key], exact: true }
    }
    case 'in':
      return among(value as unknown[])
    case 'nin': {
      const inner = among(value as unknown[])
      return inner.exact ? not(inner) : SUPERSET
    }
    case 'exists':
      return { sql: `json_type(doc,'${jsonPath(path)}') IS ${value ? 'NOT ' : ''}NULL`, params: [], exact: true }
    case 'regex':
      return SUPERSET
  }
}

/** `_id` is the primary key column and always a string, so other types never match it. */
function translateId(op: FieldOp, value: unknown): SqlWhere {
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string')
  switch (op) {
    case 'eq':
      return typeof value === 'string' ? { sql: '_id = ?', params: [value], exact: true } : FALSE
    case 'neq':
      return typeof value === 'string' ? { sql: '_id <> ?', params: [value], exact: true } : TRUE
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'string' ? { sql: `_id ${RANGE_SQL[op]} ?`, params: [value], exact: true } : FALSE
    case 'in': {
      const ids = strings(value as unknown[])
      return ids.length ? { sql: `_id IN (${ids.map(() => '?').join(',')})`, params: ids, exact: true } : FALSE
    }
    case 'nin': {
      const ids = strings(value as unknown[])
      return ids.length ? { sql: `_id NOT IN (${ids.map(() => '?').join(',')})`, params: ids, exact: true } : TRUE
    }
    case 'exists':
      return value ? TRUE : FALSE
    case 'regex':
      return SUPERSET
  }
}

export type OrderKey = [field: string, direction: 1 | -1]

/** ORDER BY for the given keys, or null when one of them has no index to sort by. */
export function orderBySql(keys: readonly OrderKey[], indexed: ReadonlySet<string>): string | null {
  const parts: string[] = []
  for (const [field, direction] of keys) {
    const dir = direction === -1 ? ' DESC' : ''
    if (field === '_id') parts.push(`_id${dir}`)
    else if (indexed.has(field)) parts.push(`${rankExpr(field)}${dir}`, `${keyExpr(field)}${dir}`)
    else return null
  }
  // rowid breaks ties, so pages are stable and match the in-memory sort.
  return [...parts, 'rowid'].join(', ')
}
