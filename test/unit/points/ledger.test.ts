import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { adjustIn, earn, earnIn, holdIn, postIn, voidIn, type EarnInput } from '../../../cloudfunctions/lib/points/ledger'
import type { AccountDoc, EntryDoc } from '../../../cloudfunctions/lib/points/model'
import { withTransaction } from '../../../cloudfunctions/lib/shared/transaction'

const now = new Date('2026-03-01T02:00:00Z')
const earnInput = (over: Partial<EarnInput> = {}): EarnInput => ({
  communityId: 'c-1',
  userId: 'u-1',
  points: 20,
  hours: 2.5,
  refType: 'enrollment',
  refId: 'e-1',
  actorId: 'u-staff',
  reason: '参加活动',
  now,
  ...over,
})

describe('points ledger', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(() => db.close())

  const account = async () => (await db.collection<AccountDoc>('accounts').doc('c-1:u-1').get()).data[0]
  const entries = async () => (await db.collection<EntryDoc>('entries').where({ accountId: 'c-1:u-1' }).limit(100).get()).data

  it('should create the account on the first earn and credit points and hours', async () => {
    expect(await earn(db, earnInput())).toEqual({ applied: true })
    expect(await account()).toMatchObject({ available: 20, held: 0, totalEarned: 20, totalSpent: 0, hoursTotal: 2.5, hoursByYear: { '2026': 2.5 } })
    const [entry] = await entries()
    expect(entry).toMatchObject({ _id: 'earn:enrollment:e-1', kind: 'earn', amount: 20, heldChange: 0, hours: 2.5, availableAfter: 20, heldAfter: 0 })
  })

  it('should apply the same earn only once', async () => {
    await earn(db, earnInput())
    expect(await earn(db, earnInput({ points: 99 }))).toEqual({ applied: false })
    expect((await account()).available).toBe(20)
    expect(await entries()).toHaveLength(1)
  })

  it('should count hours in the China-time year and round them to two decimals', async () => {
    await earn(db, earnInput({ refId: 'a', hours: 0.1, now: new Date('2025-12-31T16:30:00Z') }))
    await earn(db, earnInput({ refId: 'b', hours: 0.2, now: new Date('2025-12-31T15:30:00Z') }))
    expect(await account()).toMatchObject({ hoursTotal: 0.3, hoursByYear: { '2026': 0.1, '2025': 0.2 } })
  })

  it('should refuse a malformed earn as a bug, writing nothing', async () => {
    await expect(earn(db, earnInput({ points: 1.5 }))).rejects.toThrow(/integer/)
    await expect(earn(db, earnInput({ points: -1 }))).rejects.toThrow(/integer/)
    await expect(earn(db, earnInput({ hours: -1 }))).rejects.toThrow(/hours/)
    expect(await entries()).toHaveLength(0)
  })

  it('should move points through hold, post and void and keep totals', async () => {
    await earn(db, earnInput({ points: 100 }))
    const move = { communityId: 'c-1', userId: 'u-1', points: 30, actorId: 'u-1', reason: '兑换', now }
    await withTransaction(db, (tx) => holdIn(tx, { ...move, redemptionId: 'r-1' }))
    await withTransaction(db, (tx) => holdIn(tx, { ...move, redemptionId: 'r-2' }))
    expect(await account()).toMatchObject({ available: 40, held: 60 })
    await withTransaction(db, (tx) => postIn(tx, { ...move, redemptionId: 'r-1' }))
    await withTransaction(db, (tx) => voidIn(tx, { ...move, redemptionId: 'r-2' }))
    expect(await account()).toMatchObject({ available: 70, held: 0, totalEarned: 100, totalSpent: 30 })
    const all = await entries()
    expect(all.reduce((sum, entry) => sum + entry.amount, 0)).toBe(70)
    expect(all.reduce((sum, entry) => sum + entry.heldChange, 0)).toBe(0)
  })

  it('should refuse a hold or a debit beyond available with INSUFFICIENT_POINTS and write nothing', async () => {
    await earn(db, earnInput({ points: 10 }))
    const hold = withTransaction(db, (tx) =>
      holdIn(tx, { communityId: 'c-1', userId: 'u-1', redemptionId: 'r-1', points: 11, actorId: 'u-1', reason: '兑换', now }),
    )
    await expect(hold).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    const debit = withTransaction(db, (tx) => adjustIn(tx, { communityId: 'c-1', userId: 'u-1', amount: -11, actorId: 'u-s', requestId: 'q', reason: '更正', now }))
    await expect(debit).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect(await entries()).toHaveLength(1)
    expect((await account()).available).toBe(10)
  })

  it('should let earnIn share a transaction that rolls back with its caller', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await earnIn(tx, earnInput())
        throw new Error('caller failed')
      }),
    ).rejects.toThrow('caller failed')
    expect(await account()).toBeUndefined()
    expect(await entries()).toHaveLength(0)
  })
})
