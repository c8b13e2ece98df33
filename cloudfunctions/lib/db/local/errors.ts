import { DbErrorCode } from '../types'

/**
 * Errors carry a string `code` like the SDK's. DATABASE_REQUEST_FAILED is the
 * SDK's code for a request the server refuses (e.g. `$inc` on a string); it
 * is not in the port because domain code has no reason to branch on it.
 */
export const LocalErrorCode = { ...DbErrorCode, REQUEST_FAILED: 'DATABASE_REQUEST_FAILED' } as const

export type LocalErrorCodeValue = (typeof LocalErrorCode)[keyof typeof LocalErrorCode]

export class DbError extends Error {
  readonly code: LocalErrorCodeValue

  constructor(code: LocalErrorCodeValue, message: string) {
    super(message)
    this.name = 'DbError'
    this.code = code
  }
}

export const invalidParam = (message: string): DbError => new DbError(LocalErrorCode.INVALID_PARAM, message)

export const duplicateWrite = (message: string): DbError => new DbError(LocalErrorCode.DUPLICATE_WRITE, message)

export const transactionConflict = (message: string): DbError =>
  new DbError(LocalErrorCode.TRANSACTION_CONFLICT, message)

export const collectionNotExist = (message: string): DbError => new DbError(LocalErrorCode.COLLECTION_NOT_EXIST, message)

export const transactionFailed = (message: string): DbError => new DbError(LocalErrorCode.TRANSACTION_FAIL, message)

export const requestFailed = (message: string): DbError => new DbError(LocalErrorCode.REQUEST_FAILED, message)

/** better-sqlite3 reports a violated primary key or unique index with these codes. */
export function isSqliteUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
