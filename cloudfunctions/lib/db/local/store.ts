/**
 * The SQLite side: one connection, one table per collection, the declared
 * indexes, cached statements, and the row primitives every operation uses.
 */
import BetterSqlite3 from 'better-sqlite3'
import type { CollectionSpec } from '../schema'
import { collectionNotExist, duplicateWrite, invalidParam, isSqliteUniqueViolation } from './errors'
import { assertIndexablePath, indexDdl, indexName, quoteIdent } from './sql'
import { type Doc, decodeDoc, encodeDoc, isDate, isPlainObject } from './values'

export interface Row {
  rowid: number
  _id: string
  rev: number
  doc: string
}

/** A document as stored at some moment: its rev and text, or null when it did not exist. */
export interface Version {
  rev: number
  doc: string
}

/**
 * A transaction's snapshot: the commit sequence number it reads at. Release
 * it when the transaction ends so the versions it pinned can be dropped.
 */
export interface Snapshot {
  readonly seq: number
  release(): void
}

export interface Table {
  name: string
  /** Field paths that some index of this collection covers. */
  indexed: ReadonlySet<string>
}

/** Letters, digits, `_`, `-` — what CloudBase accepts, and safe to quote. */
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/

/** How long a writer waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000

const STATEMENT_CACHE_SIZE = 500

export class Store {
  readonly sqlite: BetterSqlite3.Database
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  private readonly tables = new Map<string, Table>()
  private readonly inImmediate: (fn: () => unknown) => unknown
  private readonly inDeferred: (fn: () => unknown) => unknown

  /**
   * Snapshot isolation, as CloudBase gives transactions: every successful
   * write() is one commit with the next sequence number; while any snapshot
   * is open, the version each commit replaced is kept in `history`, tagged
   * with the commit that ended it, so a transaction reads every document as
   * of its snapshot. Only this process's commits are seen this way (a second
   * process sharing the file is read as of now).
   */
  private commitSeq = 0
  private readonly openSnapshots = new Map<number, number>()
  private nextSnapshotId = 1
  private readonly history = new Map<string, Array<{ until: number; version: Version | null }>>()
  /** The pre-images of the write() in progress, when some snapshot needs them. */
  private preImages: Map<string, Version | null> | null = null

  constructor(file: string, schema: Record<string, CollectionSpec>) {
    this.sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS })
    // WAL lets the server and a test process read while one of them writes.
    this.sqlite.pragma('journal_mode = WAL')
    // Durable against crashes of the process; a power cut may lose the last
    // commits, which is fine for a development database and much faster.
    this.sqlite.pragma('synchronous = NORMAL')
    const run = this.sqlite.transaction((fn: () => unknown) => fn())
    this.inImmediate = (fn) => run.immediate(fn)
    this.inDeferred = (fn) => run.deferred(fn)
    for (const [name, spec] of Object.entries(schema)) this.createTable(name, spec)
  }

  close(): void {
    this.sqlite.close()
  }

  /**
   * Statements are cached per SQL text. The text varies with the shape of a
   * query (e.g. the length of an in() list), so the cache is bounded and
   * drops the least recently used.
   */
  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql)
    if (statement) {
      this.statements.delete(sql)
    } else {
      statement = this.sqlite.prepare(sql)
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!)
    }
    this.statements.set(sql, statement)
    return statement
  }

  /**
   * The table of a declared collection. CloudBase answers
   * DATABASE_COLLECTION_NOT_EXIST for a collection nobody created, and so
   * does this: every collection is declared in schema.ts, which the deploy
   * creates.
   */
  table(name: string): Table {
    const table = this.tables.get(name)
    if (!table) throw collectionNotExist(`collection "${name}" does not exist: declare it in cloudfunctions/lib/db/schema.ts`)
    return table
  }

  /** Opens a snapshot at the last commit. */
  snapshot(): Snapshot {
    const id = this.nextSnapshotId++
    const seq = this.commitSeq
    this.openSnapshots.set(id, seq)
    return {
      seq,
      release: () => {
        if (!this.openSnapshots.delete(id)) return
        this.pruneHistory()
      },
    }
  }

  /** The document as a snapshot at `seq` sees it. */
  versionAt(table: Table, id: string, seq: number): Version | null {
    const versions = this.history.get(historyKey(table, id))
    const older = versions?.find((entry) => entry.until > seq)
    if (older) return older.version
    const row = this.getRow(table, id)
    return row ? { rev: row.rev, doc: row.doc } : null
  }

  /** Versions no open snapshot can ask for any more are dropped. */
  private pruneHistory(): void {
    if (this.openSnapshots.size === 0) {
      this.history.clear()
      return
    }
    const oldest = Math.min(...this.openSnapshots.values())
    for (const [key, versions] of this.history) {
      const kept = versions.filter((entry) => entry.until > oldest)
      if (kept.length === 0) this.history.delete(key)
      else if (kept.length !== versions.length) this.history.set(key, kept)
    }
  }

  /** Records what a write is about to replace, once per document and commit. */
  private remember(table: Table, id: string, before: () => Version | null): void {
    if (!this.preImages) return
    const key = historyKey(table, id)
    if (!this.preImages.has(key)) this.preImages.set(key, before())
  }

  /**
   * Runs `fn` in one SQLite write transaction (BEGIN IMMEDIATE: the write
   * lock is taken before anything is read, so what `fn` reads cannot change
   * before it writes). A violated primary key or unique index rolls it back
   * and becomes DATABASE_DUPLICATE_WRITE.
   */
  write<T>(fn: () => T): T {
    const preImages = this.openSnapshots.size > 0 ? new Map<string, Version | null>() : null
    this.preImages = preImages
    let result: T
    try {
      result = this.inImmediate(fn) as T
    } catch (error) {
      if (isSqliteUniqueViolation(error)) throw duplicateWrite((error as Error).message)
      throw error
    } finally {
      this.preImages = null
    }
    this.commitSeq += 1
    if (preImages) {
      for (const [key, version] of preImages) {
        const versions = this.history.get(key) ?? []
        versions.push({ until: this.commitSeq, version })
        this.history.set(key, versions)
      }
    }
    return result
  }

  /** Runs several reads on one snapshot. */
  read<T>(fn: () => T): T {
    return this.inDeferred(fn) as T
  }

  select(table: Table, where: string, params: unknown[], tail = ''): Row[] {
    const sql = `SELECT rowid, _id, rev, doc FROM ${quoteIdent(table.name)} WHERE ${where}${tail}`
    return this.prepare(sql).all(...params) as Row[]
  }

  getRow(table: Table, id: string): Row | undefined {
    return this.select(table, '_id = ?', [id])[0]
  }

  /** Encodes `doc` after checking the indexed-field invariant. */
  encode(table: Table, doc: Doc): string {
    assertIndexedScalars(table, doc)
    return encodeDoc(doc)
  }

  insert(table: Table, id: string, text: string): void {
    this.remember(table, id, () => null)
    this.prepare(`INSERT INTO ${quoteIdent(table.name)} (_id, rev, doc) VALUES (?, 1, ?)`).run(id, text)
  }

  replace(table: Table, id: string, text: string): void {
    this.remember(table, id, () => this.currentVersion(table, id))
    this.prepare(`UPDATE ${quoteIdent(table.name)} SET doc = ?, rev = rev + 1 WHERE _id = ?`).run(text, id)
  }

  delete(table: Table, id: string): void {
    this.remember(table, id, () => this.currentVersion(table, id))
    this.prepare(`DELETE FROM ${quoteIdent(table.name)} WHERE _id = ?`).run(id)
  }

  private currentVersion(table: Table, id: string): Version | null {
    const row = this.getRow(table, id)
    return row ? { rev: row.rev, doc: row.doc } : null
  }

  private createTable(name: string, spec: CollectionSpec): Table {
    if (!COLLECTION_NAME.test(name)) throw invalidParam(`"${name}" is not a valid collection name`)
    const paths = spec.indexes.flatMap((index) => index.keys.map(([field]) => field))
    paths.forEach(assertIndexablePath)
    const table: Table = { name, indexed: new Set(paths) }
    this.write(() => {
      const columns = '_id TEXT PRIMARY KEY, rev INTEGER NOT NULL, doc TEXT NOT NULL'
      this.sqlite.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (${columns})`)
      const existing = new Map(
        (
          this.sqlite
            .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
            .all(name) as Array<{ name: string; sql: string }>
        ).map((index) => [index.name, index.sql]),
      )
      const wanted = new Set<string>()
      for (const index of spec.indexes) {
        const ddl = indexDdl(name, index)
        const indexId = indexName(name, index)
        wanted.add(indexId)
        if (existing.get(indexId) === ddl) continue
        // New or changed in the schema: the rows already stored must satisfy
        // the invariant the query translation relies on.
        if (existing.has(indexId)) this.sqlite.exec(`DROP INDEX ${quoteIdent(indexId)}`)
        for (const row of this.sqlite.prepare(`SELECT doc FROM ${quoteIdent(name)}`).all() as Array<{ doc: string }>) {
          assertIndexedScalars(table, decodeDoc(row.doc))
        }
        this.sqlite.exec(ddl)
      }
      for (const indexId of existing.keys()) {
        if (indexId.startsWith(`${name}__`) && !wanted.has(indexId)) {
          this.sqlite.exec(`DROP INDEX ${quoteIdent(indexId)}`)
        }
      }
    })
    this.tables.set(name, table)
    return table
  }
}

const historyKey = (table: Table, id: string): string => `${table.name}\u0000${id}`

/**
 * Indexed fields hold scalars (string, number, boolean, Date, null) or are
 * missing, reached through plain objects only. This is what makes the SQL
 * translation of conditions on them exact, so a write that breaks it fails.
 */
function assertIndexedScalars(table: Table, doc: Doc): void {
  for (const path of table.indexed) {
    let value: unknown = doc
    for (const segment of path.split('.')) {
      if (Array.isArray(value)) throw invalidParam(`${table.name}: indexed field "${path}" may not go through an array`)
      value = isPlainObject(value) ? value[segment] : undefined
    }
    if (Array.isArray(value) || (typeof value === 'object' && value !== null && !isDate(value))) {
      throw invalidParam(`${table.name}: indexed field "${path}" must hold a string, number, boolean, Date or null`)
    }
  }
}
