import { DbErrorCode, isDbError, type Database, type Transaction } from '../db/types'
import { AppError } from '../runtime/errors'

const DEFAULT_ATTEMPTS = 12

/**
 * How long one call may keep retrying. A function stops at its timeout (10 s
 * deployed) and a CloudBase transaction dies at 30 s; a caller that is still
 * losing races after this long gets CONFLICT with time left to answer.
 */
export const TRANSACTION_BUDGET_MS = 4_000

export interface TransactionOptions {
  attempts?: number
  budgetMs?: number
}

/**
 * Runs `fn` in a database transaction, again on a write conflict, with a
 * random pause that grows with each attempt so racing callers spread out.
 * Money-like changes (points, stock, quotas) go through here: a conflict is
 * the expected outcome of a race, and every attempt re-reads the state, so no
 * caller ever acts on a stale balance. When the attempts or the time budget
 * run out the caller gets CONFLICT, never a half-applied change.
 */
export async function withTransaction<R>(db: Database, fn: (tx: Transaction) => Promise<R>, options: TransactionOptions = {}): Promise<R> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS
  const deadline = Date.now() + (options.budgetMs ?? TRANSACTION_BUDGET_MS)
  for (let attempt = 1; ; attempt += 1) {
    try {
      // times = 0: one run per attempt (the SDK runs times + 1); the retries, their pauses and the budget are ours.
      return await db.runTransaction(fn, 0)
    } catch (error) {
      if (!isDbError(error, DbErrorCode.TRANSACTION_CONFLICT)) throw error
      const pause = Math.random() * Math.min(64, 2 ** attempt)
      if (attempt >= attempts || Date.now() + pause >= deadline) throw new AppError('CONFLICT', '操作的人太多了，请稍后再试')
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}
