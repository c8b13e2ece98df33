/**
 * Fan-out with a ceiling. In CloudBase every database call is a round trip
 * over one of a few connections (basic tier: 20 for the whole environment),
 * so `Promise.all` over a data-sized list would open hundreds at once and
 * queue behind every other function. These helpers keep at most `limit` in
 * flight, and the budgeted one stops starting new work once its deadline has
 * passed so a job or bulk action can answer before the function's timeout.
 */

/** Calls in flight at once for one request: half the basic tier's connections. */
export const DB_PARALLEL = 10

/** Like `Promise.all(items.map(fn))`, results in input order, with at most `limit` calls in flight. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const { results } = await mapWithin(items, limit, Number.POSITIVE_INFINITY, fn)
  return results as R[]
}

export interface Within<T, R> {
  /** Results of the items that were started, in input order (a prefix of `items`). */
  results: R[]
  /** Items never started because the deadline passed, in input order. */
  remaining: T[]
}

/**
 * Runs `fn` over `items` with at most `limit` in flight, starting items only
 * while `Date.now() < deadline` (wall clock: the function's timeout counts
 * real time, not the injected business clock). Every started item is awaited,
 * so the results are a prefix of the input and `remaining` the rest: a caller
 * records where it stopped and continues there. The first failure rejects,
 * after the calls already in flight have settled.
 */
export async function mapWithin<T, R>(items: readonly T[], limit: number, deadline: number, fn: (item: T, index: number) => Promise<R>): Promise<Within<T, R>> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`mapWithin: limit must be a positive integer, got ${limit}`)
  const results: R[] = []
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure && Date.now() < deadline) {
      const index = next
      next += 1
      try {
        results[index] = await fn(items[index], index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw (failure as { error: unknown }).error
  return { results: results.slice(0, next), remaining: items.slice(next) }
}

/** A wall-clock deadline `budgetMs` from now. */
export const deadlineIn = (budgetMs: number): number => Date.now() + budgetMs
