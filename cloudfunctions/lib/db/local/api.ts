/**
 * The port's query builders over the operations. Builders are immutable, as
 * in the SDK: each call returns a new query.
 */
import type {
  AddResult,
  BaseDoc,
  Collection,
  CountResult,
  DocumentRef,
  GetResult,
  Projection,
  Query,
  QueryCommand,
  RemoveResult,
  SetResult,
  SortDirection,
  UpdateData,
  UpdateResult,
  Where,
} from '../types'
import { invalidParam } from './errors'
import * as ops from './operations'
import type { OrderKey } from './sql'
import type { Store } from './store'
import { isPlainObject, newId } from './values'
import { type Cond, MATCH_ALL, parseWhere } from './where'

/** CloudBase's maximum page size. */
export const MAX_LIMIT = 1000

interface QueryState {
  where?: Cond
  order: OrderKey[]
  limit?: number
  skip?: number
  projection?: Record<string, 0 | 1>
}

function projectionOf(projection: Projection): Record<string, 0 | 1> {
  if (!isPlainObject(projection)) throw invalidParam('field() takes an object of booleans')
  const result: Record<string, 0 | 1> = {}
  for (const [field, include] of Object.entries(projection)) {
    if (typeof include !== 'boolean') throw invalidParam(`field(): "${field}" must be true or false`)
    result[field] = include ? 1 : 0
  }
  return result
}

const idCond = (id: string): Cond => ({ kind: 'field', path: '_id', op: 'eq', value: id })

export class LocalQuery<T extends BaseDoc> implements Query<T> {
  constructor(
    protected readonly store: Store,
    protected readonly collectionName: string,
    private readonly state: QueryState,
  ) {}

  private with(change: Partial<QueryState>): LocalQuery<T> {
    return new LocalQuery<T>(this.store, this.collectionName, { ...this.state, ...change })
  }

  /** The SDK keeps only the last where(); refusing a second call keeps a dropped condition from going unnoticed. */
  where(condition: Where | QueryCommand): Query<T> {
    if (this.state.where) {
      throw invalidParam('where() was already called on this query; CloudBase keeps only the last one')
    }
    return this.with({ where: parseWhere(condition) })
  }

  orderBy(field: string, direction: SortDirection): Query<T> {
    if (typeof field !== 'string' || field === '') throw invalidParam('orderBy() needs a field path')
    if (direction !== 'asc' && direction !== 'desc') throw invalidParam('orderBy() direction is "asc" or "desc"')
    const key: OrderKey = [field, direction === 'desc' ? -1 : 1]
    // Like the SDK (an object of field → direction): ordering by a field again changes its direction in place.
    const order = this.state.order.some(([f]) => f === field)
      ? this.state.order.map((existing) => (existing[0] === field ? key : existing))
      : [...this.state.order, key]
    return this.with({ order })
  }

  limit(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 1) throw invalidParam('limit() takes a positive integer')
    return this.with({ limit: Math.min(n, MAX_LIMIT) })
  }

  skip(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 0) throw invalidParam('skip() takes a non-negative integer')
    return this.with({ skip: n })
  }

  field(projection: Projection): Query<T> {
    return this.with({ projection: projectionOf(projection) })
  }

  /**
   * Stricter than CloudBase, which silently returns its default page (100):
   * a query without limit() is a programming error here, so code never
   * truncates a result without saying so.
   */
  async get(): Promise<GetResult<T>> {
    if (this.state.limit === undefined) {
      throw invalidParam('limit() is required before get() on a query (at most 1000); paginate with skip()')
    }
    const data = ops.find(this.store, this.collectionName, this.state.where ?? MATCH_ALL, {
      order: this.state.order,
      limit: this.state.limit,
      skip: this.state.skip ?? 0,
      projection: this.state.projection,
    })
    return { data: data as unknown as T[] }
  }

  /** Like CloudBase, counts every match: orderBy/skip/limit do not apply. */
  async count(): Promise<CountResult> {
    return { total: ops.count(this.store, this.collectionName, this.state.where ?? MATCH_ALL) }
  }

  async update(data: UpdateData): Promise<UpdateResult> {
    this.assertWholeSet('update')
    return { updated: ops.updateWhere(this.store, this.collectionName, this.state.where ?? MATCH_ALL, data) }
  }

  async remove(): Promise<RemoveResult> {
    this.assertWholeSet('remove')
    return { deleted: ops.removeWhere(this.store, this.collectionName, this.state.where ?? MATCH_ALL) }
  }

  /** CloudBase applies update/remove to every match whatever the paging, so paging here would mislead. */
  private assertWholeSet(what: string): void {
    const { order, limit, skip, projection } = this.state
    if (order.length || limit !== undefined || skip !== undefined || projection) {
      throw invalidParam(`${what}() applies to every matching document; remove orderBy/limit/skip/field`)
    }
  }
}

export class LocalCollection<T extends BaseDoc> extends LocalQuery<T> implements Collection<T> {
  constructor(store: Store, name: string) {
    super(store, name, { order: [] })
    // Like the SDK, naming a collection sends nothing: an undeclared one fails on its first request.
  }

  get name(): string {
    return this.collectionName
  }

  doc(id: string): DocumentRef<T> {
    return new LocalDocumentRef<T>(this.store, this.collectionName, ops.checkId(id, 'doc()'))
  }

  async add(data: Omit<T, '_id'> | T | Record<string, unknown>): Promise<AddResult> {
    const given = (data as { _id?: unknown })?._id
    const id = given === undefined ? newId() : ops.checkId(given, 'add()')
    ops.insert(this.store, this.collectionName, id, data, 'add()')
    return { id }
  }
}

export class LocalDocumentRef<T extends BaseDoc> implements DocumentRef<T> {
  constructor(
    private readonly store: Store,
    private readonly collectionName: string,
    readonly id: string,
    private readonly projection?: Record<string, 0 | 1>,
  ) {}

  async get(): Promise<GetResult<T>> {
    const data = ops.find(this.store, this.collectionName, idCond(this.id), {
      order: [],
      limit: 1,
      skip: 0,
      projection: this.projection,
    })
    return { data: data as unknown as T[] }
  }

  field(projection: Projection): DocumentRef<T> {
    return new LocalDocumentRef<T>(this.store, this.collectionName, this.id, projectionOf(projection))
  }

  async create(data: Omit<T, '_id'> | Record<string, unknown>): Promise<AddResult> {
    ops.assertIdMatches(data, this.id, 'create()')
    ops.insert(this.store, this.collectionName, this.id, data, 'create()')
    return { id: this.id }
  }

  async set(data: Omit<T, '_id'> | Record<string, unknown>): Promise<SetResult> {
    ops.assertNoId(data, 'set()')
    const { existed, changed } = ops.replaceDoc(this.store, this.collectionName, this.id, data)
    return existed ? { updated: changed ? 1 : 0 } : { updated: 0, upsertedId: this.id }
  }

  async update(data: UpdateData): Promise<UpdateResult> {
    return { updated: ops.updateWhere(this.store, this.collectionName, idCond(this.id), data) }
  }

  async remove(): Promise<RemoveResult> {
    return { deleted: ops.removeWhere(this.store, this.collectionName, idCond(this.id)) }
  }
}
