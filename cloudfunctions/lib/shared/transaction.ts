import { DbErrorCode, isDbError, type Database, type Transaction } from '../db/types'
import { AppError } from '../runtime/errors'

const DEFAULT_ATTEMPTS = 12

/**
 * Runs `fn` in a database transaction, again on a write conflict, with a
 * random pause that grows with each attempt so racing callers spread out.
 * Money-like changes (points, stock, quotas) go through here: a conflict is
 * the expected outcome of a race, and every attempt re-reads the state, so no
 * caller ever acts on a stale balance. When the attempts run out the caller
 * gets CONFLICT, never a half-applied change.
 */
export async function withTransaction<R>(db: Database, fn: (tx: Transaction) => Promise<R>, attempts = DEFAULT_ATTEMPTS): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.runTransaction(fn, 1)
    } catch (error) {
      if (!isDbError(error, DbErrorCode.TRANSACTION_CONFLICT)) throw error
      if (attempt >= attempts) throw new AppError('CONFLICT', '操作的人太多了，请稍后再试')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(64, 2 ** attempt)))
    }
  }
}
