/**
 * mingo, set up once. `new Query()` from the package root copies every
 * operator mingo has into a fresh context per query (≈45 µs, the largest
 * cost of a single-document operation); a context holding only the
 * operators `toMongo` can produce is cheap to copy.
 */
import { Context, find } from 'mingo'
import {
  $and,
  $eq,
  $exists,
  $gt,
  $gte,
  $in,
  $lt,
  $lte,
  $ne,
  $nin,
  $or,
  $regex,
} from 'mingo/operators/query'
import { Query } from 'mingo/query'
import type { AnyObject } from 'mingo/types'

const QUERY_CONTEXT = Context.init({
  query: { $and, $eq, $exists, $gt, $gte, $in, $lt, $lte, $ne, $nin, $or, $regex },
})

export function compileFilter(criteria: AnyObject): (doc: AnyObject) => boolean {
  const query = new Query(criteria, { context: QUERY_CONTEXT })
  return (doc) => query.test(doc)
}

/** Sorting, paging and projection are rarer and use mingo's full operator set. */
export { find as mingoFind }
