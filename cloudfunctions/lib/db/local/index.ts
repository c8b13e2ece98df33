/**
 * The local database engine: the port in ../types over an SQLite file.
 * Only local tooling imports this (server, scripts, tests); production
 * bundles use the CloudBase SDK and must not pull in better-sqlite3.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { schema as defaultSchema, type CollectionSpec } from '../schema'
import type { BaseDoc, Collection, Database } from '../types'
import { LocalCollection } from './api'
import { createCommand, regExp, serverDate } from './command'
import { insertMany } from './operations'
import { Store } from './store'
import { runTransaction, TRANSACTION_LIFETIME_MS } from './transaction'

export interface OpenLocalDatabaseOptions {
  /** A file path, or ':memory:' for a private in-process database. */
  file: string
  /** Collections and indexes to create; defaults to the product's schema. */
  schema?: Record<string, CollectionSpec>
  /** The clock transactions measure their lifetime by; tests move it instead of waiting. */
  now?: () => number
  /** How long a transaction may stay open (CloudBase: 30 s). */
  transactionLifetimeMs?: number
}

export type LocalDatabase = Database & {
  close(): void
  /** Local tooling only (seeds): many documents in one write, as `add()` would store each. */
  insertMany(collection: string, docs: ReadonlyArray<{ _id: string }>): void
  readonly sqlite: BetterSqlite3.Database
}

export function openLocalDatabase(options: OpenLocalDatabaseOptions): LocalDatabase {
  const store = new Store(options.file, options.schema ?? defaultSchema)
  const transactionOptions = { now: options.now ?? Date.now, lifetimeMs: options.transactionLifetimeMs ?? TRANSACTION_LIFETIME_MS }
  return {
    collection: <T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): Collection<T> =>
      new LocalCollection<T>(store, name),
    command: createCommand(),
    serverDate,
    RegExp: regExp,
    runTransaction: (fn, times) => runTransaction(store, fn, times, transactionOptions),
    close: () => store.close(),
    insertMany: (collection, docs) => insertMany(store, collection, docs),
    sqlite: store.sqlite,
  }
}
