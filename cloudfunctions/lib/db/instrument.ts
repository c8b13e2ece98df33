/**
 * The database port as production sees it: every call is a network round
 * trip. `instrumentDatabase` wraps any implementation of the port so that
 * each call (a read, a write, a count, and every step of a transaction: its
 * start, each operation, its commit) can
 *   - wait `latencyMs`, half on the way there and half on the way back, as a
 *     request to CloudBase's database does (≈ 15–30 ms in region), and
 *   - be counted in a `DbMeter`: calls, and waves — steps on the critical
 *     path, where calls started while another is in flight share one wave.
 *
 * The local server, the test servers and the bench use it with
 * TONGXIN_DB_LATENCY_MS; the round-trip budgets are read from the meter.
 * Builders (where, orderBy, limit, skip, field, doc) send nothing and are
 * not counted, as in the SDK.
 */
import type {
  BaseDoc,
  Collection,
  Database,
  DocumentRef,
  Query,
  Transaction,
  TxCollection,
  TxDocumentRef,
} from './types'

export interface DbMeter {
  /** Every round trip. */
  calls: number
  /** Round trips on the critical path: a call that starts while none is in flight opens a new wave. */
  waves: number
  /** Calls by kind (`get`, `update`, `tx.begin` …), for reading a profile. */
  byKind: Record<string, number>
  inFlight: number
  /** The most calls in flight at once: what a request asks of CloudBase's connection limit (20 on the basic tier). */
  peakInFlight?: number
}

export const newMeter = (): DbMeter => ({ calls: 0, waves: 0, byKind: {}, inFlight: 0 })

export interface InstrumentOptions {
  /** Round-trip time of one call, in ms; 0 counts without waiting. */
  latencyMs?: number
  meter?: DbMeter
  /**
   * Aborted when the function's time is up: CloudBase stops the function
   * there, so no call may start or finish after it (a call in flight fails
   * instead of answering).
   */
  signal?: AbortSignal
}

/** What a call of a function past its timeout gets: it never reaches the caller, who is answered TIMEOUT. */
export class FunctionStoppedError extends Error {
  constructor() {
    super('the function was stopped at its timeout')
    this.name = 'FunctionStoppedError'
  }
}

/** Reads TONGXIN_DB_LATENCY_MS: a non-negative number of milliseconds, or 0 when unset. */
export function latencyFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.TONGXIN_DB_LATENCY_MS
  if (raw === undefined || raw.trim() === '') return 0
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0 || value > 10_000) {
    throw new Error(`TONGXIN_DB_LATENCY_MS must be a number of milliseconds between 0 and 10000, got "${raw}"`)
  }
  return value
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve())

export function instrumentDatabase(db: Database, options: InstrumentOptions = {}): Database {
  const latency = options.latencyMs ?? 0
  const { meter, signal } = options
  const alive = () => {
    if (signal?.aborted) throw new FunctionStoppedError()
  }
  const call = async <R>(kind: string, run: () => Promise<R>): Promise<R> => {
    alive()
    if (meter) {
      if (meter.inFlight === 0) meter.waves += 1
      meter.calls += 1
      meter.byKind[kind] = (meter.byKind[kind] ?? 0) + 1
      meter.inFlight += 1
      if (meter.inFlight > (meter.peakInFlight ?? 0)) meter.peakInFlight = meter.inFlight
    }
    try {
      await sleep(latency / 2)
      alive()
      const result = await run()
      await sleep(latency / 2)
      alive()
      return result
    } finally {
      if (meter) meter.inFlight -= 1
    }
  }

  const query = <T extends BaseDoc>(inner: Query<T>): Query<T> => ({
    where: (condition) => query(inner.where(condition)),
    orderBy: (field, direction) => query(inner.orderBy(field, direction)),
    limit: (n) => query(inner.limit(n)),
    skip: (n) => query(inner.skip(n)),
    field: (projection) => query(inner.field(projection)),
    get: () => call('get', () => inner.get()),
    count: () => call('count', () => inner.count()),
    update: (data) => call('update', () => inner.update(data)),
    remove: () => call('remove', () => inner.remove()),
  })

  const docRef = <T extends BaseDoc>(inner: DocumentRef<T>): DocumentRef<T> => ({
    get id() {
      return inner.id
    },
    get: () => call('doc.get', () => inner.get()),
    field: (projection) => docRef(inner.field(projection)),
    create: (data) => call('doc.create', () => inner.create(data)),
    set: (data) => call('doc.set', () => inner.set(data)),
    update: (data) => call('doc.update', () => inner.update(data)),
    remove: () => call('doc.remove', () => inner.remove()),
  })

  const collection = <T extends BaseDoc>(inner: Collection<T>): Collection<T> => ({
    ...query(inner),
    get name() {
      return inner.name
    },
    doc: (id) => docRef(inner.doc(id)),
    add: (data) => call('add', () => inner.add(data)),
  })

  const txDoc = <T extends BaseDoc>(inner: TxDocumentRef<T>): TxDocumentRef<T> => ({
    get id() {
      return inner.id
    },
    get: () => call('tx.get', () => inner.get()),
    create: (data) => call('tx.create', () => inner.create(data)),
    set: (data) => call('tx.set', () => inner.set(data)),
    update: (data) => call('tx.update', () => inner.update(data)),
    delete: () => call('tx.delete', () => inner.delete()),
  })

  const tx = (inner: Transaction): Transaction => ({
    collection: <T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string): TxCollection<T> => {
      const txCollection = inner.collection<T>(name)
      return { doc: (id) => txDoc(txCollection.doc(id)), add: (data) => call('tx.add', () => txCollection.add(data)) }
    },
    rollback: (reason) => call('tx.rollback', () => inner.rollback(reason)),
  })

  return {
    collection: <T extends BaseDoc = BaseDoc & Record<string, unknown>>(name: string) => collection(db.collection<T>(name)),
    command: db.command,
    serverDate: (serverOptions) => db.serverDate(serverOptions),
    RegExp: (regExpOptions) => db.RegExp(regExpOptions),
    // The SDK's transaction is a start request, one request per operation and a commit request.
    runTransaction: (fn, times) =>
      db.runTransaction(async (inner) => {
        await call('tx.begin', async () => undefined)
        const result = await fn(tx(inner))
        await call('tx.commit', async () => undefined)
        return result
      }, times),
  }
}
