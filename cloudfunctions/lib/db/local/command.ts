/**
 * `db.command`, `db.serverDate()` and `db.RegExp()`: validate the arguments
 * the way a typed caller expects and tag them for the translators.
 */
import type { Command, DbRegExp, ServerDate } from '../types'
import { invalidParam } from './errors'
import { isDate, isPlainObject, LogicOp, QueryOp, RegExpValue, ServerDateValue, UpdateOp } from './values'

function rangeOperand(op: string, value: unknown): unknown {
  const ok =
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'string' ||
    (isDate(value) && !Number.isNaN(value.getTime()))
  if (!ok) throw invalidParam(`command.${op}() takes a number, string or Date`)
  return value
}

function listOperand(op: string, values: unknown): unknown[] {
  if (!Array.isArray(values)) throw invalidParam(`command.${op}() takes an array`)
  return values
}

/** Both call styles of the SDK: `and(a, b)` and `and([a, b])`. */
function logic(op: 'and' | 'or', args: unknown[]): LogicOp {
  const operands = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args
  if (operands.length === 0) throw invalidParam(`command.${op}() needs at least one condition`)
  return new LogicOp(op, operands)
}

/**
 * The SDK reads `{ each, position, … }` given to push/addToSet as modifiers;
 * such a value would mean one thing here and another there, so it is refused.
 */
function arrayValue(op: string, value: unknown): unknown {
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, 'each')) {
    throw invalidParam(`command.${op}(): an object with an "each" key is an SDK modifier, not supported here`)
  }
  return value
}

function number(op: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParam(`command.${op}() takes a finite number`)
  return value
}

export function createCommand(): Command {
  return {
    eq: (value) => new QueryOp('eq', value),
    neq: (value) => new QueryOp('neq', value),
    gt: (value) => new QueryOp('gt', rangeOperand('gt', value)),
    gte: (value) => new QueryOp('gte', rangeOperand('gte', value)),
    lt: (value) => new QueryOp('lt', rangeOperand('lt', value)),
    lte: (value) => new QueryOp('lte', rangeOperand('lte', value)),
    in: (values) => new QueryOp('in', listOperand('in', values)),
    nin: (values) => new QueryOp('nin', listOperand('nin', values)),
    exists: (present) => {
      if (typeof present !== 'boolean') throw invalidParam('command.exists() takes a boolean')
      return new QueryOp('exists', present)
    },
    and: (...conditions: unknown[]) => logic('and', conditions),
    or: (...conditions: unknown[]) => logic('or', conditions),

    set: (value) => new UpdateOp('set', value),
    remove: () => new UpdateOp('remove', undefined),
    inc: (by) => new UpdateOp('inc', number('inc', by)),
    mul: (by) => new UpdateOp('mul', number('mul', by)),
    push: (values) => new UpdateOp('push', Array.isArray(values) ? values : [arrayValue('push', values)]),
    pull: (value) => new UpdateOp('pull', value),
    addToSet: (value) => new UpdateOp('addToSet', arrayValue('addToSet', value)),
  }
}

export function serverDate(options?: { offset?: number }): ServerDate {
  const offset = options?.offset ?? 0
  if (typeof offset !== 'number' || !Number.isFinite(offset)) {
    throw invalidParam('serverDate({ offset }) takes a number of ms')
  }
  return new ServerDateValue(offset)
}

/** Mongo's regex options that JavaScript shares; `x` has no JS equivalent. */
const REGEXP_OPTIONS = /^[ims]*$/

export function regExp(options: { regexp: string; options?: string }): DbRegExp {
  const flags = options?.options ?? ''
  if (typeof options?.regexp !== 'string' || options.regexp === '') throw invalidParam('RegExp() needs a regexp string')
  if (typeof flags !== 'string' || !REGEXP_OPTIONS.test(flags)) {
    throw invalidParam('RegExp() options may only be i, m, s')
  }
  try {
    return new RegExpValue(new RegExp(options.regexp, flags))
  } catch (error) {
    throw invalidParam(`RegExp(): ${(error as Error).message}`)
  }
}
