/**
 * The tagged values behind `db.command`, `db.serverDate()` and `db.RegExp()`,
 * and the conversion of documents to and from their stored JSON.
 */
import { randomBytes } from 'node:crypto'
import type { DbRegExp, QueryCommand, ServerDate, UpdateCommand } from '../types'
import { invalidParam } from './errors'

export type ComparisonOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists'
export type LogicOpName = 'and' | 'or'
export type UpdateOpName = 'set' | 'remove' | 'inc' | 'mul' | 'push' | 'pull' | 'addToSet'

export class QueryOp implements QueryCommand {
  readonly __queryCommand = true as const
  constructor(
    readonly op: ComparisonOp,
    readonly operand: unknown,
  ) {}
}

export class LogicOp implements QueryCommand {
  readonly __queryCommand = true as const
  constructor(
    readonly op: LogicOpName,
    readonly operands: readonly unknown[],
  ) {}
}

export class UpdateOp implements UpdateCommand {
  readonly __updateCommand = true as const
  constructor(
    readonly op: UpdateOpName,
    readonly operand: unknown,
  ) {}
}

export class ServerDateValue implements ServerDate {
  readonly __serverDate = true as const
  constructor(readonly offset: number) {}
}

export class RegExpValue implements DbRegExp {
  readonly __regexp = true as const
  constructor(readonly regexp: RegExp) {}
}

export type Doc = Record<string, unknown> & { _id: string }

/**
 * Realm-independent checks: jest runs tests in a VM context, so objects and
 * Dates made by Node's own APIs come from another realm than the test's.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]'

export function isTagged(value: unknown): boolean {
  return (
    value instanceof QueryOp ||
    value instanceof LogicOp ||
    value instanceof UpdateOp ||
    value instanceof ServerDateValue ||
    value instanceof RegExpValue
  )
}

/** 32 hex characters, the shape of the ids CloudBase generates. */
export const newId = (): string => randomBytes(16).toString('hex')

/**
 * Copies a caller's value into plain data: `serverDate()` becomes the write's
 * clock, `undefined` object members are dropped (as the SDK's serializer
 * does), anything that cannot be stored is refused. Copying also means the
 * caller's objects never alias what we store or return.
 */
export function resolveValue(value: unknown, now: number | null, where: string, ancestors: object[] = []): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidParam(`${where}: ${value} cannot be stored`)
    return value
  }
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw invalidParam(`${where}: invalid Date`)
    return new Date(value.getTime())
  }
  if (value instanceof ServerDateValue) {
    // `now` is null where there is no write to take the time of (a query).
    if (now === null) throw invalidParam(`${where}: serverDate() is only for written values`)
    return new Date(now + value.offset)
  }
  if (typeof value !== 'object') throw invalidParam(`${where}: a ${typeof value} cannot be stored`)
  if (ancestors.includes(value)) throw invalidParam(`${where}: circular structure`)
  const inner = [...ancestors, value]
  if (Array.isArray(value)) {
    return value.map((item, i) => (item === undefined ? null : resolveValue(item, now, `${where}.${i}`, inner)))
  }
  if (!isPlainObject(value)) {
    const kind = isTagged(value) ? 'a db.command / db.RegExp value' : `a ${value.constructor?.name ?? 'non-plain'} object`
    throw invalidParam(`${where}: ${kind} cannot be stored here`)
  }
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) out[key] = resolveValue(member, now, `${where}.${key}`, inner)
  }
  return out
}

/** The stored form of a Date, marked so the encoder can tell it from user data. */
class StoredDate {
  constructor(readonly $date: number) {}
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (this instanceof StoredDate) return value
  // `this[key]` is the value before Date.prototype.toJSON turned it into a string.
  const raw = (this as Record<string, unknown>)[key]
  if (isDate(raw)) return new StoredDate(raw.getTime())
  if (!Array.isArray(this) && (key.startsWith('$') || key.includes('.'))) {
    // `$`-keys would be ambiguous with the stored Date form and with operators;
    // dotted keys could not be addressed by a where() or update() path.
    throw invalidParam(`field name "${key}" may not start with "$" or contain "."`)
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw invalidParam(`field "${key}": ${value} cannot be stored`)
  }
  return value
}

export function encodeDoc(doc: Doc): string {
  return JSON.stringify(doc, replacer)
}

function reviver(_key: string, value: unknown): unknown {
  if (isPlainObject(value) && typeof value.$date === 'number' && Object.keys(value).length === 1) {
    return new Date(value.$date)
  }
  return value
}

export function decodeDoc(text: string): Doc {
  // A reviver costs a call per value; most documents have no Date to revive.
  return (text.includes('{"$date":') ? JSON.parse(text, reviver) : JSON.parse(text)) as Doc
}
