/**
 * `runTransaction`, with CloudBase's semantics: snapshot isolation.
 *
 * `fn` is async, and between its awaits other requests of this process run
 * on the same SQLite connection, so no SQLite transaction can stay open
 * across it. Instead the transaction opens a snapshot of the store (the last
 * commit) when it begins, and reads every document as of that snapshot
 * (Store.versionAt): it never sees another request's later commit, and never
 * two documents from different moments. Writes are buffered on its copy.
 *
 * Commit is one immediate SQLite transaction that checks only the documents
 * it WRITES: if any of them changed since the snapshot (another commit
 * wrote it first), that is DATABASE_TRANSACTION_CONFLICT and `fn` runs again.
 * A document it only read is not checked, exactly as in CloudBase, where
 * only write-write conflicts abort: a guard that merely reads a document
 * does not protect against a concurrent change to it (write skew). Domain
 * code that relies on a read must write the guarded document (bump a rev).
 *
 * The check compares the stored text as well as `rev`: a deleted `_id`
 * created again starts over at rev 1, so rev alone could match a different
 * document.
 *
 * A transaction lives at most `lifetimeMs` (CloudBase: 30 s); an operation or
 * commit after that fails with DATABASE_TRANSACTION_FAIL, which is not
 * retried.
 */
import {
  type AddResult,
  type BaseDoc,
  isDbError,
  type RemoveResult,
  type Transaction,
  type TxCollection,
  type TxDocumentRef,
  type UpdateData,
  type UpdateResult,
} from '../types'
import { duplicateWrite, invalidParam, LocalErrorCode, requestFailed, transactionConflict, transactionFailed } from './errors'
import { assertIdMatches, assertNoId, checkId, documentBody } from './operations'
import type { Snapshot, Store, Table, Version } from './store'
import { applyUpdate, parseUpdate } from './update'
import { type Doc, decodeDoc, newId } from './values'

/** CloudBase ends a transaction that is still open after 30 s. */
export const TRANSACTION_LIFETIME_MS = 30_000

export interface TransactionOptions {
  /** The engine's clock (tests move it to pass the lifetime without waiting). */
  now: () => number
  lifetimeMs: number
}

interface Entry {
  table: Table
  id: string
  /** The document as of the snapshot, or null when it did not exist then. */
  base: Version | null
  /** The stored form of the document as this transaction sees it: read, then changed by its writes. */
  text: string | null
  dirty: boolean
}

class LocalTransaction implements Transaction {
  private readonly entries = new Map<string, Entry>()
  private state: 'open' | 'rolledBack' | 'finished' = 'open'
  private readonly snapshot: Snapshot
  private readonly startedAt: number
  rollbackReason: unknown

  constructor(
    readonly store: Store,
    private readonly options: TransactionOptions,
  ) {
    this.snapshot = store.snapshot()
    this.startedAt = options.now()
  }

  get rolledBack(): boolean {
    return this.state === 'rolledBack'
  }

  collection<T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): TxCollection<T> {
    return {
      doc: (id: string) => new LocalTxDocumentRef<T>(this, name, checkId(id, 'doc()')),
      add: async (data) => {
        const given = (data as { _id?: unknown })?._id
        const id = given === undefined ? newId() : checkId(given, 'add()')
        return new LocalTxDocumentRef<T>(this, name, id).create(data)
      },
    }
  }

  async rollback(reason?: unknown): Promise<void> {
    this.assertOpen()
    this.state = 'rolledBack'
    this.rollbackReason = reason
    this.entries.clear()
  }

  assertOpen(): void {
    if (this.state === 'rolledBack') throw requestFailed('the transaction is rolled back')
    if (this.state === 'finished') throw requestFailed('the transaction is finished')
    if (this.options.now() - this.startedAt > this.options.lifetimeMs) {
      throw transactionFailed(`the transaction outlived its ${this.options.lifetimeMs} ms`)
    }
  }

  /** The transaction's view of a document: as of its snapshot, then its own writes. */
  entry(collection: string, id: string): Entry {
    this.assertOpen()
    const table = this.store.table(collection)
    const key = `${table.name}\u0000${id}`
    const known = this.entries.get(key)
    if (known) return known
    const base = this.store.versionAt(table, id, this.snapshot.seq)
    const entry: Entry = { table, id, base, text: base && base.doc, dirty: false }
    this.entries.set(key, entry)
    return entry
  }

  /** First committer wins: a written document that changed since the snapshot aborts this one. */
  commit(): void {
    this.assertOpen()
    this.store.write(() => {
      for (const entry of this.entries.values()) {
        if (!entry.dirty) continue
        const row = this.store.getRow(entry.table, entry.id)
        if (row?.rev !== entry.base?.rev || row?.doc !== entry.base?.doc) {
          throw transactionConflict(`${entry.table.name}/${entry.id} was written by another request since this transaction began`)
        }
      }
      for (const entry of this.entries.values()) {
        if (!entry.dirty) continue
        if (entry.text === null) {
          if (entry.base !== null) this.store.delete(entry.table, entry.id)
        } else if (entry.base === null) {
          this.store.insert(entry.table, entry.id, entry.text)
        } else {
          this.store.replace(entry.table, entry.id, entry.text)
        }
      }
    })
  }

  finish(): void {
    if (this.state === 'open') this.state = 'finished'
    this.snapshot.release()
  }
}

class LocalTxDocumentRef<T extends BaseDoc> implements TxDocumentRef<T> {
  constructor(
    private readonly tx: LocalTransaction,
    private readonly collection: string,
    readonly id: string,
  ) {}

  async get(): Promise<{ data: T | null }> {
    const { text } = this.tx.entry(this.collection, this.id)
    return { data: text === null ? null : (decodeDoc(text) as unknown as T) }
  }

  async create(data: Omit<T, '_id'> | Record<string, unknown>): Promise<AddResult> {
    assertIdMatches(data, this.id, 'create()')
    const entry = this.tx.entry(this.collection, this.id)
    if (entry.text !== null) throw duplicateWrite(`${this.collection}/${this.id} already exists`)
    this.write(entry, { _id: this.id, ...documentBody(data, Date.now(), 'create()') })
    return { id: this.id }
  }

  /** Inside a transaction the SDK reports no upserted id, so neither does this. */
  async set(data: Omit<T, '_id'> | Record<string, unknown>): Promise<UpdateResult> {
    assertNoId(data, 'set()')
    const entry = this.tx.entry(this.collection, this.id)
    const existed = entry.text !== null
    const changed = this.write(entry, { _id: this.id, ...documentBody(data, Date.now(), 'set()') })
    return { updated: existed && changed ? 1 : 0 }
  }

  async update(data: UpdateData): Promise<UpdateResult> {
    const entry = this.tx.entry(this.collection, this.id)
    const update = parseUpdate(data, Date.now())
    if (entry.text === null) return { updated: 0 }
    const next = decodeDoc(entry.text)
    applyUpdate(next, update)
    return { updated: this.write(entry, next) ? 1 : 0 }
  }

  async delete(): Promise<RemoveResult> {
    const entry = this.tx.entry(this.collection, this.id)
    if (entry.text === null) return { deleted: 0 }
    entry.text = null
    entry.dirty = true
    return { deleted: 1 }
  }

  /** Buffers `doc` as the document's new state; false when it equals the current one. */
  private write(entry: Entry, doc: Doc): boolean {
    const text = this.tx.store.encode(entry.table, doc)
    if (entry.text === text) return false
    entry.text = text
    entry.dirty = true
    return true
  }
}

/**
 * Like the SDK's: runs `fn`, and again on DATABASE_TRANSACTION_CONFLICT while
 * retries are left — `times + 1` runs in all (times = 0: one run). A rollback
 * rejects with its reason, even if `fn` then threw something else; any other
 * error rejects at once.
 */
export async function runTransaction<R>(
  store: Store,
  fn: (tx: Transaction) => Promise<R>,
  times = 3,
  options: TransactionOptions = { now: Date.now, lifetimeMs: TRANSACTION_LIFETIME_MS },
): Promise<R> {
  if (!Number.isInteger(times) || times < 0) throw invalidParam('runTransaction() times must be a non-negative integer')
  for (let retriesLeft = times; ; retriesLeft--) {
    const tx = new LocalTransaction(store, options)
    try {
      const result = await fn(tx)
      if (!tx.rolledBack) {
        tx.commit()
        return result
      }
    } catch (error) {
      if (!tx.rolledBack) {
        if (retriesLeft > 0 && isDbError(error, LocalErrorCode.TRANSACTION_CONFLICT)) continue
        throw error
      }
    } finally {
      tx.finish()
    }
    throw tx.rollbackReason
  }
}
