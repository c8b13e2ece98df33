import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { auditLedger } from '../../../cloudfunctions/lib/points/audit'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import { isTimerEvent, runTimer } from '../../../cloudfunctions/lib/runtime/timers'
import { shopFunction } from '../../../cloudfunctions/shop'
import { wishesFunction } from '../../../cloudfunctions/wishes'

describe('timers', () => {
  let db: LocalDatabase
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db)
  })
  afterEach(() => db.close())

  it('should tell a CloudBase timer event from an action request', () => {
    expect(isTimerEvent({ Type: 'Timer', TriggerName: 'expire', Time: '2026-11-23T10:00:00Z', Message: '' })).toBe(true)
    expect(isTimerEvent({ action: 'expireDue', data: {} })).toBe(false)
    expect(isTimerEvent({ Type: 'Timer' })).toBe(false)
    expect(isTimerEvent(null)).toBe(false)
  })

  it('should expire every overdue redemption in every community, giving points and stock back once', async () => {
    const held = await db.collection<{ _id: string; itemId: string; userId: string; points: number }>('redemptions').where({ status: 'held' }).limit(10).get()
    expect(held.data).toHaveLength(1)
    const redemption = held.data[0]
    const account = async () => (await db.collection<{ _id: string; available: number; held: number }>('accounts').doc(`c-xingfu:${redemption.userId}`).get()).data[0]
    const stock = async () => (await db.collection<{ _id: string; stock: number }>('items').doc(redemption.itemId).get()).data[0].stock
    const [before, stockBefore] = [await account(), await stock()]
    await db.collection('redemptions').doc(redemption._id).update({ expiresAt: new Date(Date.now() - 1000) })

    expect(await runTimer(shopFunction, 'expire', { db, log: silentLogger })).toEqual({ ok: true, data: { expired: 1 } })
    expect(await runTimer(shopFunction, 'expire', { db, log: silentLogger })).toEqual({ ok: true, data: { expired: 0 } })

    expect((await db.collection('redemptions').doc(redemption._id).get()).data[0]).toMatchObject({ status: 'expired' })
    expect(await account()).toMatchObject({ available: before.available + redemption.points, held: before.held - redemption.points })
    expect(await stock()).toBe(stockBefore + 1)
    expect((await auditLedger(db)).problems).toEqual([])
  })

  it('should release overdue claims back to the wall and leave claims in time alone', async () => {
    expect(await runTimer(wishesFunction, 'releaseOverdueClaims', { db, log: silentLogger })).toEqual({ ok: true, data: { released: 0 } })
    await db.collection('wishes').doc('w-visit').update({ claimDueAt: new Date(Date.now() - 1000) })
    expect(await runTimer(wishesFunction, 'releaseOverdueClaims', { db, log: silentLogger })).toEqual({ ok: true, data: { released: 1 } })
    expect((await db.collection('wishes').doc('w-visit').get()).data[0]).toMatchObject({ status: 'open' })
    expect((await auditLedger(db)).problems).toEqual([])
  })

  it('should answer an unknown timer with UNKNOWN_ACTION and run nothing', async () => {
    const response = await runTimer(shopFunction, 'dropTables', { db, log: silentLogger })
    expect(!response.ok && response.error.code).toBe('UNKNOWN_ACTION')
  })
})
