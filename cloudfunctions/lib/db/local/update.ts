/**
 * `update()` bodies: CloudBase's shape → a Mongo update, applied by mingo.
 *
 * As in the SDK, plain objects are flattened into dotted `$set` paths, so
 * `update({ a: { b: 1 } })` keeps `a.c`; `_.set(v)` sets a whole value;
 * `undefined` members are dropped. Stricter than the SDK: an empty object
 * (the SDK silently drops it; use `_.set({})`), an empty body and
 * overlapping paths are refused.
 */
import { $addToSet, $inc, $mul, $pull, $push, $set, $unset } from 'mingo/operators/update'
import type { AnyObject } from 'mingo/types'
import { invalidParam, requestFailed } from './errors'
import { type Doc, isPlainObject, LogicOp, QueryOp, RegExpValue, resolveValue, UpdateOp } from './values'
import { MONGO_OP } from './where'

/**
 * mingo's update operators, applied one by one: `mingo/updater` builds a
 * fresh operator context on every call, which cost more than the rest of a
 * write. Paths never overlap (checked in parseUpdate), so applying the
 * operators in turn is the same as Mongo applying them together.
 */
const OPERATORS = { $set, $unset, $inc, $mul, $push, $pull, $addToSet } as const satisfies Record<
  string,
  (expr: never) => (obj: AnyObject) => string[]
>

type MongoOp = keyof typeof OPERATORS
export type MongoUpdate = Partial<Record<MongoOp, Record<string, unknown>>>

function flatten(object: Record<string, unknown>, prefix: string, out: Array<[string, unknown]>): void {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (key === '' || key.startsWith('$')) throw invalidParam(`update(): "${path}" is not a field path`)
    if (value === undefined) continue
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) {
        throw invalidParam(`update(): "${path}" is an empty object, which CloudBase ignores; use command.set({})`)
      }
      flatten(value, path, out)
    } else {
      out.push([path, value])
    }
  }
}

/** `now` is the write's clock, for `serverDate()`. */
export function parseUpdate(data: unknown, now: number): MongoUpdate {
  if (!isPlainObject(data)) throw invalidParam('update() takes an object')
  const fields: Array<[string, unknown]> = []
  flatten(data, '', fields)
  if (fields.length === 0) throw invalidParam('update() needs at least one field')

  const paths = fields.map(([path]) => path).sort()
  for (let i = 1; i < paths.length; i++) {
    if (paths[i].startsWith(`${paths[i - 1]}.`)) {
      throw invalidParam(`update(): "${paths[i - 1]}" and "${paths[i]}" overlap`)
    }
  }

  const result: MongoUpdate = {}
  const put = (op: MongoOp, path: string, value: unknown) => {
    result[op] = { ...result[op], [path]: value }
  }
  for (const [path, value] of fields) {
    if (path === '_id' || path.startsWith('_id.')) throw invalidParam('update(): _id cannot be changed')
    const where = `update(): "${path}"`
    if (value instanceof UpdateOp) {
      switch (value.op) {
        case 'set':
          put('$set', path, resolveValue(value.operand, now, where))
          break
        case 'remove':
          put('$unset', path, '')
          break
        case 'inc':
          put('$inc', path, value.operand)
          break
        case 'mul':
          put('$mul', path, value.operand)
          break
        case 'push':
          put('$push', path, { $each: resolveValue(value.operand, now, where) })
          break
        case 'addToSet':
          put('$addToSet', path, resolveValue(value.operand, now, where))
          break
        case 'pull':
          put('$pull', path, pullCondition(value.operand, now, where))
          break
      }
    } else if (value instanceof QueryOp || value instanceof LogicOp || value instanceof RegExpValue) {
      throw invalidParam(`${where}: a query command is not an update`)
    } else {
      put('$set', path, resolveValue(value, now, where))
    }
  }
  return result
}

/** `_.pull(value)` removes equal elements; `_.pull(_.gt(3))` those matching, as the SDK encodes it. */
function pullCondition(operand: unknown, now: number, where: string): unknown {
  if (operand instanceof QueryOp) return { [MONGO_OP[operand.op]]: resolveValue(operand.operand, now, where) }
  if (operand instanceof LogicOp) throw invalidParam(`${where}: command.pull() takes a value or one comparison`)
  return resolveValue(operand, now, where)
}

const isIndex = (segment: string) => /^\d+$/.test(segment)

/**
 * Mongo refuses these updates with an error; mingo would silently skip them.
 * An update that cannot apply must fail here too, or code that passes
 * locally would fail in CloudBase.
 */
function assertApplicable(doc: Doc, op: MongoOp, path: string): void {
  const segments = path.split('.')
  let parent: unknown = doc
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    const isLast = i === segments.length - 1
    if (Array.isArray(parent) ? !isIndex(segment) : !isPlainObject(parent)) {
      throw requestFailed(`update(): cannot create field "${segment}" of "${path}" in a non-object value`)
    }
    const value = (parent as Record<string, unknown>)[segment]
    if (value === undefined) return
    if (isLast) {
      if ((op === '$inc' || op === '$mul') && typeof value !== 'number') {
        throw requestFailed(`update(): cannot apply ${op} to the non-numeric field "${path}"`)
      }
      if ((op === '$push' || op === '$addToSet' || op === '$pull') && !Array.isArray(value)) {
        throw requestFailed(`update(): cannot apply ${op} to the non-array field "${path}"`)
      }
      return
    }
    parent = value
  }
}

/** Applies `update` to `doc` in place. */
export function applyUpdate(doc: Doc, update: MongoUpdate): void {
  const entries = Object.entries(update) as Array<[MongoOp, Record<string, unknown>]>
  for (const [op, fields] of entries) {
    // Unsetting a path that cannot exist is a no-op in Mongo too.
    if (op !== '$unset') for (const path of Object.keys(fields)) assertApplicable(doc, op, path)
  }
  for (const [op, fields] of entries) (OPERATORS[op] as (expr: AnyObject) => (obj: AnyObject) => string[])(fields)(doc)
}
