import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { AppError } from '../../../cloudfunctions/lib/runtime/errors'
import { withTransaction } from '../../../cloudfunctions/lib/shared/transaction'

describe('withTransaction', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:', schema: { counters: { indexes: [] } } })
  })
  afterEach(() => db.close())

  /** A body that always loses: another request writes the same document between its read and its commit. */
  const alwaysLoses = (runs: { count: number }) => async (tx: Parameters<Parameters<typeof db.runTransaction>[0]>[0]) => {
    runs.count += 1
    const n = ((await tx.collection('counters').doc('c').get()).data?.n as number) ?? 0
    await db.collection('counters').doc('c').update({ n: db.command.inc(1) })
    await tx.collection('counters').doc('c').update({ n: n + 100 })
  }

  beforeEach(async () => {
    await db.collection('counters').add({ _id: 'c', n: 0 })
  })

  it('should run the body once per attempt and answer CONFLICT when the attempts run out', async () => {
    const runs = { count: 0 }
    const outcome = withTransaction(db, alwaysLoses(runs), { attempts: 3, budgetMs: 60_000 })
    await expect(outcome).rejects.toBeInstanceOf(AppError)
    await expect(outcome).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(runs.count).toBe(3)
    expect((await db.collection('counters').doc('c').get()).data[0]).toMatchObject({ n: 3 })
  })

  it('should stop retrying once its time budget is spent, well before the function timeout', async () => {
    const runs = { count: 0 }
    await expect(withTransaction(db, alwaysLoses(runs), { attempts: 1000, budgetMs: 0 })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(runs.count).toBe(1)
  })

  it('should pass other errors through at once, without retrying', async () => {
    const runs = { count: 0 }
    const boom = new AppError('NOT_FOUND')
    await expect(
      withTransaction(db, async () => {
        runs.count += 1
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(runs.count).toBe(1)
  })
})
