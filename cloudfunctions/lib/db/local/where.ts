/**
 * `where()` conditions: CloudBase's shape → a small condition tree, from
 * which both the Mongo query (run by mingo) and the SQL prefilter are made.
 *
 * CloudBase's rules, kept: nested plain objects are dotted paths
 * (`{ a: { b: 1 } }` ≡ `{ 'a.b': 1 }`); a value is an equality unless it is a
 * command; `_.and` / `_.or` combine whole conditions at the top level, or
 * commands on one field as a field's value.
 *
 * Stricter than CloudBase, because each of these silently widens a query
 * there: an `undefined` value (the SDK drops the key), an empty object (the
 * SDK drops it too), and a field-level `_.and/_.or` over plain objects (the
 * SDK loses the field name).
 */
import type { AnyObject } from 'mingo/types'
import { invalidParam } from './errors'
import { type ComparisonOp, isPlainObject, LogicOp, QueryOp, RegExpValue, resolveValue } from './values'

export type Cond =
  | { kind: 'and'; items: Cond[] }
  | { kind: 'or'; items: Cond[] }
  | { kind: 'field'; path: string; op: ComparisonOp | 'regex'; value: unknown }

export const MATCH_ALL: Cond = { kind: 'and', items: [] }

export function parseWhere(condition: unknown): Cond {
  if (condition instanceof LogicOp) return topLevelLogic(condition)
  if (!isPlainObject(condition)) throw invalidParam('where() takes an object or db.command.and/or(...)')
  return objectCond(condition, '')
}

function topLevelLogic(cmd: LogicOp): Cond {
  const items = cmd.operands.map((operand) => {
    if (operand instanceof LogicOp) return topLevelLogic(operand)
    if (isPlainObject(operand)) return objectCond(operand, '')
    throw invalidParam(`command.${cmd.op}() at the top level takes condition objects`)
  })
  return { kind: cmd.op, items }
}

function objectCond(object: Record<string, unknown>, prefix: string): Cond {
  const items: Cond[] = []
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (key === '' || key.startsWith('$')) throw invalidParam(`where(): "${path}" is not a field path`)
    if (value === undefined) throw invalidParam(`where(): "${path}" is undefined`)
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) throw invalidParam(`where(): "${path}" is an empty object`)
      items.push(objectCond(value, path))
    } else {
      items.push(fieldCond(path, value))
    }
  }
  return items.length === 1 ? items[0] : { kind: 'and', items }
}

function fieldCond(path: string, value: unknown): Cond {
  if (value instanceof QueryOp) return { kind: 'field', path, op: value.op, value: operand(path, value) }
  if (value instanceof LogicOp) {
    const items = value.operands.map((inner) => {
      if (inner instanceof QueryOp || inner instanceof LogicOp) return fieldCond(path, inner)
      throw invalidParam(`where(): "${path}": command.${value.op}() on a field takes commands`)
    })
    return { kind: value.op, items }
  }
  if (value instanceof RegExpValue) return { kind: 'field', path, op: 'regex', value: value.regexp }
  if (value instanceof RegExp) return { kind: 'field', path, op: 'regex', value: new RegExp(value.source, value.flags) }
  return { kind: 'field', path, op: 'eq', value: data(path, value) }
}

function operand(path: string, cmd: QueryOp): unknown {
  if (cmd.op === 'in' || cmd.op === 'nin') return (cmd.operand as unknown[]).map((v) => data(path, v))
  return data(path, cmd.operand)
}

/** A value compared against stored data: plain data only, copied. */
function data(path: string, value: unknown): unknown {
  return resolveValue(value, null, `where(): "${path}"`)
}

export const MONGO_OP: Record<ComparisonOp, string> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  exists: '$exists',
}

export function toMongo(cond: Cond): AnyObject {
  switch (cond.kind) {
    case 'and':
      return cond.items.length === 0 ? {} : { $and: cond.items.map(toMongo) }
    case 'or':
      return { $or: cond.items.map(toMongo) }
    case 'field':
      return { [cond.path]: cond.op === 'regex' ? { $regex: cond.value } : { [MONGO_OP[cond.op]]: cond.value } }
  }
}
