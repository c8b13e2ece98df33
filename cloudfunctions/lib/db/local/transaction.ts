/**
 * `runTransaction`: optimistic concurrency over the rows' `rev`.
 *
 * `fn` is async, and between its awaits other requests of this process run
 * on the same SQLite connection, so no SQLite transaction can stay open
 * across it. Instead every document the transaction touches is read once,
 * with its `rev` (or its absence); writes are buffered on that copy. Commit
 * is one immediate SQLite transaction that re-checks every document read and
 * applies the buffer, so it is atomic within this process and across
 * processes. A changed document is DATABASE_TRANSACTION_CONFLICT and `fn`
 * runs again.
 *
 * The check compares the stored text as well as `rev`: a deleted `_id`
 * created again starts over at rev 1, so rev alone could match a different
 * document.
 *
 * Every first read of a document also re-checks the revs read before it, so
 * `fn` never sees two documents from different moments (a transfer
 * half-applied) and cannot throw a business error based on such a view.
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
import { duplicateWrite, invalidParam, LocalErrorCode, requestFailed, transactionConflict } from './errors'
import { assertIdMatches, assertNoId, checkId, documentBody } from './operations'
import type { Store, Table } from './store'
import { applyUpdate, parseUpdate } from './update'
import { type Doc, decodeDoc, newId } from './values'

interface Entry {
  table: Table
  id: string
  /** The row as read, or null when the document did not exist. */
  base: { rev: number; doc: string } | null
  /** The stored form of the document as this transaction sees it: read, then changed by its writes. */
  text: string | null
  dirty: boolean
}

class LocalTransaction implements Transaction {
  private readonly entries = new Map<string, Entry>()
  private state: 'open' | 'rolledBack' | 'finished' = 'open'
  rollbackReason: unknown

  constructor(readonly store: Store) {}

  get rolledBack(): boolean {
    return this.state === 'rolledBack'
  }

  collection<T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): TxCollection<T> {
    const table = this.store.table(name)
    return {
      doc: (id: string) => new LocalTxDocumentRef<T>(this, table, checkId(id, 'doc()')),
      add: async (data) => {
        const given = (data as { _id?: unknown })?._id
        const id = given === undefined ? newId() : checkId(given, 'add()')
        return new LocalTxDocumentRef<T>(this, table, id).create(data)
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
  }

  /** The transaction's view of a document, read from the database on first use. */
  entry(table: Table, id: string): Entry {
    this.assertOpen()
    const key = `${table.name}\u0000${id}`
    const known = this.entries.get(key)
    if (known) return known
    return this.store.read(() => {
      this.assertUnchanged()
      const row = this.store.getRow(table, id)
      const base = row ? { rev: row.rev, doc: row.doc } : null
      const entry: Entry = { table, id, base, text: base && base.doc, dirty: false }
      this.entries.set(key, entry)
      return entry
    })
  }

  private assertUnchanged(): void {
    for (const entry of this.entries.values()) {
      const row = this.store.getRow(entry.table, entry.id)
      if (row?.rev !== entry.base?.rev || row?.doc !== entry.base?.doc) {
        throw transactionConflict(`${entry.table.name}/${entry.id} changed during the transaction`)
      }
    }
  }

  commit(): void {
    this.store.write(() => {
      this.assertUnchanged()
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
  }
}

class LocalTxDocumentRef<T extends BaseDoc> implements TxDocumentRef<T> {
  constructor(
    private readonly tx: LocalTransaction,
    private readonly table: Table,
    readonly id: string,
  ) {}

  async get(): Promise<{ data: T | null }> {
    const { text } = this.tx.entry(this.table, this.id)
    return { data: text === null ? null : (decodeDoc(text) as unknown as T) }
  }

  async create(data: Omit<T, '_id'> | Record<string, unknown>): Promise<AddResult> {
    assertIdMatches(data, this.id, 'create()')
    const entry = this.tx.entry(this.table, this.id)
    if (entry.text !== null) throw duplicateWrite(`${this.table.name}/${this.id} already exists`)
    this.write(entry, { _id: this.id, ...documentBody(data, Date.now(), 'create()') })
    return { id: this.id }
  }

  /** Inside a transaction the SDK reports no upserted id, so neither does this. */
  async set(data: Omit<T, '_id'> | Record<string, unknown>): Promise<UpdateResult> {
    assertNoId(data, 'set()')
    const entry = this.tx.entry(this.table, this.id)
    const existed = entry.text !== null
    const changed = this.write(entry, { _id: this.id, ...documentBody(data, Date.now(), 'set()') })
    return { updated: existed && changed ? 1 : 0 }
  }

  async update(data: UpdateData): Promise<UpdateResult> {
    const entry = this.tx.entry(this.table, this.id)
    const update = parseUpdate(data, Date.now())
    if (entry.text === null) return { updated: 0 }
    const next = decodeDoc(entry.text)
    applyUpdate(next, update)
    return { updated: this.write(entry, next) ? 1 : 0 }
  }

  async delete(): Promise<RemoveResult> {
    const entry = this.tx.entry(this.table, this.id)
    if (entry.text === null) return { deleted: 0 }
    entry.text = null
    entry.dirty = true
    return { deleted: 1 }
  }

  /** Buffers `doc` as the document's new state; false when it equals the current one. */
  private write(entry: Entry, doc: Doc): boolean {
    const text = this.tx.store.encode(this.table, doc)
    if (entry.text === text) return false
    entry.text = text
    entry.dirty = true
    return true
  }
}

/**
 * Runs `fn` up to `times` times in all while commits conflict. A rollback
 * rejects with its reason, even if `fn` then threw something else, as the SDK
 * does; any other error rejects at once.
 */
export async function runTransaction<R>(store: Store, fn: (tx: Transaction) => Promise<R>, times = 3): Promise<R> {
  if (!Number.isInteger(times) || times < 1) throw invalidParam('runTransaction() times must be a positive integer')
  for (let attempt = 1; ; attempt++) {
    const tx = new LocalTransaction(store)
    try {
      const result = await fn(tx)
      if (!tx.rolledBack) {
        tx.commit()
        return result
      }
    } catch (error) {
      if (!tx.rolledBack) {
        if (attempt < times && isDbError(error, LocalErrorCode.TRANSACTION_CONFLICT)) continue
        throw error
      }
    } finally {
      tx.finish()
    }
    throw tx.rollbackReason
  }
}
