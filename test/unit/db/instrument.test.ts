import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { FunctionStoppedError, instrumentDatabase, latencyFromEnv, newMeter } from '../../../cloudfunctions/lib/db/instrument'

describe('instrumentDatabase', () => {
  let db: LocalDatabase
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:', schema: { items: { indexes: [{ name: 'group', keys: [['group', 1]] }] } } })
    await db.collection('items').add({ _id: 'a', group: 'g', n: 1 })
    await db.collection('items').add({ _id: 'b', group: 'g', n: 2 })
  })
  afterEach(() => {
    jest.useRealTimers()
    db.close()
  })

  it('should count one wave per call made in sequence and one wave for calls made together', async () => {
    const meter = newMeter()
    const measured = instrumentDatabase(db, { meter })
    await measured.collection('items').doc('a').get()
    await measured.collection('items').where({ group: 'g' }).limit(10).get()
    expect(meter).toMatchObject({ calls: 2, waves: 2 })
    await Promise.all([measured.collection('items').doc('a').get(), measured.collection('items').doc('b').get(), measured.collection('items').count()])
    expect(meter).toMatchObject({ calls: 5, waves: 3, inFlight: 0 })
    expect(meter.byKind).toEqual({ 'doc.get': 3, get: 1, count: 1 })
  })

  it('should not count builders, which send nothing', async () => {
    const meter = newMeter()
    const measured = instrumentDatabase(db, { meter })
    measured.collection('items').where({ group: 'g' }).orderBy('n', 'asc').skip(1).limit(1).field({ n: true })
    measured.collection('items').doc('a')
    expect(meter.calls).toBe(0)
  })

  it('should count a transaction as its start, each operation and its commit, and keep its result', async () => {
    const meter = newMeter()
    const measured = instrumentDatabase(db, { meter })
    const result = await measured.runTransaction(async (tx) => {
      const [a, b] = await Promise.all([tx.collection('items').doc('a').get(), tx.collection('items').doc('b').get()])
      await tx.collection('items').doc('a').update({ n: (a.data!.n as number) + (b.data!.n as number) })
      return 'done'
    }, 0)
    expect(result).toBe('done')
    expect(meter.byKind).toEqual({ 'tx.begin': 1, 'tx.get': 2, 'tx.update': 1, 'tx.commit': 1 })
    expect(meter).toMatchObject({ calls: 5, waves: 4 })
    expect((await db.collection('items').doc('a').get()).data[0]).toMatchObject({ n: 3 })
  })

  it('should make every call wait its round trip', async () => {
    jest.useFakeTimers()
    const measured = instrumentDatabase(db, { latencyMs: 20 })
    let answered = false
    const read = measured.collection('items').doc('a').get().then(() => (answered = true))
    await jest.advanceTimersByTimeAsync(19)
    expect(answered).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    await read
    expect(answered).toBe(true)
  })

  it('should refuse every call once the function is stopped, and write nothing', async () => {
    const controller = new AbortController()
    const measured = instrumentDatabase(db, { signal: controller.signal })
    controller.abort()
    await expect(measured.collection('items').doc('a').update({ n: 99 })).rejects.toBeInstanceOf(FunctionStoppedError)
    await expect(measured.collection('items').add({ group: 'late' })).rejects.toBeInstanceOf(FunctionStoppedError)
    expect((await db.collection('items').doc('a').get()).data[0]).toMatchObject({ n: 1 })
    expect((await db.collection('items').count()).total).toBe(2)
  })

  it('should read TONGXIN_DB_LATENCY_MS as milliseconds and refuse nonsense', () => {
    expect(latencyFromEnv({})).toBe(0)
    expect(latencyFromEnv({ TONGXIN_DB_LATENCY_MS: '15' })).toBe(15)
    expect(() => latencyFromEnv({ TONGXIN_DB_LATENCY_MS: 'fast' })).toThrow(/TONGXIN_DB_LATENCY_MS/)
    expect(() => latencyFromEnv({ TONGXIN_DB_LATENCY_MS: '-5' })).toThrow(/TONGXIN_DB_LATENCY_MS/)
  })
})
