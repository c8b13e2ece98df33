import { DbErrorCode, isDbError, type BaseDoc, type Database } from '../db/types'
import { AppError } from '../runtime/errors'

/**
 * A limit on wrong guesses of a short code. A 6-digit code that rotates every
 * 30 s cannot be guessed by hand, but a script could try thousands a second;
 * after `max` wrong tries in the window the subject must wait. The counter is
 * approximate under races (a few extra tries may slip through), which is fine
 * for odds of one in a million per try.
 */
export interface AttemptDoc extends BaseDoc {
  count: number
  since: Date
}

const WINDOW_MS = 10 * 60 * 1000

export async function assertNotLockedOut(db: Database, key: string, now: Date, max: number): Promise<void> {
  const doc = (await db.collection<AttemptDoc>('attempts').doc(key).get()).data[0]
  if (doc && now.getTime() - doc.since.getTime() < WINDOW_MS && doc.count >= max) {
    throw new AppError('RATE_LIMITED', '错误次数过多，请 10 分钟后再试')
  }
}

export async function recordFailedAttempt(db: Database, key: string, now: Date): Promise<void> {
  const attempts = db.collection<AttemptDoc>('attempts')
  const doc = (await attempts.doc(key).get()).data[0]
  if (!doc) {
    try {
      await attempts.doc(key).create({ count: 1, since: now })
      return
    } catch (error) {
      // Another wrong try created it first: count this one on top.
      if (!isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw error
    }
  } else if (now.getTime() - doc.since.getTime() >= WINDOW_MS) {
    // Only one of several racing tries restarts the window; the rest count in it.
    const restarted = await attempts.where({ _id: key, since: doc.since }).update({ count: 1, since: now })
    if (restarted.updated === 1) return
  }
  await attempts.doc(key).update({ count: db.command.inc(1) })
}
