/**
 * The database port: the strict subset of `@cloudbase/node-sdk`'s
 * `app.database()` that our functions may use.
 *
 * In production the object behind this type is the real SDK, unchanged
 * (see ../runtime/cloudbase.ts). Locally and in tests it is the engine in
 * ./local over SQLite. Anything not declared here must not be used by domain
 * code, so that both sides stay interchangeable; the contract suite in
 * test/contract pins the behaviour both must share.
 *
 * Shapes follow the SDK (checked against @cloudbase/database 1.4.x):
 * - outside a transaction `doc(id).get()` resolves `{ data: T[] }`;
 *   inside one it resolves `{ data: T | null }`;
 * - failures are thrown as errors carrying a string `code`
 *   (`DATABASE_DUPLICATE_WRITE`, `DATABASE_TRANSACTION_CONFLICT`, …).
 */

/** Every stored document has a string `_id`. */
export interface BaseDoc {
  _id: string
}

/** A value produced by `db.command.<query operator>()`. Opaque on purpose. */
export interface QueryCommand {
  readonly __queryCommand: true
}

/** A value produced by `db.command.<update operator>()`. Opaque on purpose. */
export interface UpdateCommand {
  readonly __updateCommand: true
}

/** `db.serverDate()`: replaced by the database's clock when written. */
export interface ServerDate {
  readonly __serverDate: true
}

/** `db.RegExp({ regexp, options })`. */
export interface DbRegExp {
  readonly __regexp: true
}

type Scalar = string | number | boolean | null | Date

/** A `where()` condition: field (or dotted path) → value or query command. */
export type Where = { [field: string]: Scalar | QueryCommand | DbRegExp | Where | Scalar[] }

/** An `update()` body: fields set directly, or update commands. */
export type UpdateData = { [field: string]: unknown | UpdateCommand | ServerDate }

export interface Command {
  eq(value: unknown): QueryCommand
  neq(value: unknown): QueryCommand
  gt(value: number | string | Date): QueryCommand
  gte(value: number | string | Date): QueryCommand
  lt(value: number | string | Date): QueryCommand
  lte(value: number | string | Date): QueryCommand
  in(values: unknown[]): QueryCommand
  nin(values: unknown[]): QueryCommand
  exists(present: boolean): QueryCommand
  and(...conditions: Array<Where | QueryCommand> | [Array<Where | QueryCommand>]): QueryCommand
  or(...conditions: Array<Where | QueryCommand> | [Array<Where | QueryCommand>]): QueryCommand

  set(value: unknown): UpdateCommand
  remove(): UpdateCommand
  inc(by: number): UpdateCommand
  mul(by: number): UpdateCommand
  push(values: unknown | unknown[]): UpdateCommand
  pull(value: unknown): UpdateCommand
  addToSet(value: unknown): UpdateCommand
}

export interface GetResult<T> {
  data: T[]
}
export interface CountResult {
  total: number
}
export interface UpdateResult {
  updated: number
}
export interface SetResult {
  updated: number
  upsertedId?: string
}
export interface RemoveResult {
  deleted: number
}
export interface AddResult {
  id: string
}

export type SortDirection = 'asc' | 'desc'
export type Projection = { [field: string]: boolean }

export interface Query<T extends BaseDoc> {
  /** A condition object, or `db.command.and/or([...conditions])` combining whole conditions. */
  where(condition: Where | QueryCommand): Query<T>
  orderBy(field: string, direction: SortDirection): Query<T>
  /** Required before `get()` on a query; at most 1000 (CloudBase's maximum). */
  limit(n: number): Query<T>
  skip(n: number): Query<T>
  field(projection: Projection): Query<T>
  get(): Promise<GetResult<T>>
  count(): Promise<CountResult>
  /** Updates every matching document; `updated` is how many changed. */
  update(data: UpdateData): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface DocumentRef<T extends BaseDoc> {
  readonly id: string
  get(): Promise<GetResult<T>>
  field(projection: Projection): DocumentRef<T>
  /** Inserts with this `_id`; a duplicate `_id` throws DATABASE_DUPLICATE_WRITE. */
  create(data: Omit<T, '_id'> | Record<string, unknown>): Promise<AddResult>
  /** Replaces the whole document (upsert). */
  set(data: Omit<T, '_id'> | Record<string, unknown>): Promise<SetResult>
  /** Partial update; `updated` is 0 when the document does not exist. */
  update(data: UpdateData): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface Collection<T extends BaseDoc> extends Query<T> {
  readonly name: string
  doc(id: string): DocumentRef<T>
  /** Inserts; `_id` may be given. A duplicate `_id` or unique key throws DATABASE_DUPLICATE_WRITE. */
  add(data: Omit<T, '_id'> | T | Record<string, unknown>): Promise<AddResult>
}

export interface TxDocumentRef<T extends BaseDoc> {
  readonly id: string
  get(): Promise<{ data: T | null }>
  create(data: Omit<T, '_id'> | Record<string, unknown>): Promise<AddResult>
  /** Replaces the whole document (upsert). Inside a transaction the SDK returns no `upsertedId`. */
  set(data: Omit<T, '_id'> | Record<string, unknown>): Promise<UpdateResult>
  update(data: UpdateData): Promise<UpdateResult>
  delete(): Promise<RemoveResult>
}

export interface TxCollection<T extends BaseDoc> {
  doc(id: string): TxDocumentRef<T>
  add(data: Omit<T, '_id'> | T | Record<string, unknown>): Promise<AddResult>
}

export interface Transaction {
  collection<T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): TxCollection<T>
  /** Aborts: nothing written in this transaction is kept; `runTransaction` rejects with `reason`. */
  rollback(reason?: unknown): Promise<void>
}

export interface Database {
  collection<T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): Collection<T>
  readonly command: Command
  serverDate(options?: { offset?: number }): ServerDate
  RegExp(options: { regexp: string; options?: string }): DbRegExp
  /**
   * Runs `fn` in a transaction on `doc()` operations. On
   * DATABASE_TRANSACTION_CONFLICT it runs `fn` again, up to `times` in all;
   * any other throw rolls back and rejects with that error.
   */
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, times?: number): Promise<R>
}

/** Error codes shared by CloudBase and the local engine. */
export const DbErrorCode = {
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  INVALID_PARAM: 'INVALID_PARAM',
  /** A collection nobody created (CloudBase never creates one on first use). */
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  /** A transaction past its lifetime (30 s in CloudBase) or otherwise unable to commit; not retried. */
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
} as const

export function isDbError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}
