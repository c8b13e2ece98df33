import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { auditLedger, formatAuditReport } from '../../../cloudfunctions/lib/points/audit'
import { earn } from '../../../cloudfunctions/lib/points/ledger'
import { DEFAULT_REDEMPTION_DAYS } from '../../../cloudfunctions/lib/shop/model'
import { closeRedemption, expiryFrom, redeemItem, redemptionDays, redemptionIdFor } from '../../../cloudfunctions/lib/shop/redemptions'

const now = new Date('2026-05-01T00:00:00Z')

describe('ledger audit', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(() => db.close())

  const addItem = (stock: number) =>
    db.collection('items').add({ _id: 'i-1', communityId: 'c-1', name: '毛巾', photoUrl: null, pricePoints: 10, stock, perPersonLimit: 5, onShelf: true, createdAt: now, updatedAt: now })
  const redeem = (userId: string, requestId: string) =>
    redeemItem(db, { itemId: 'i-1', communityId: 'c-1', userId, redemptionId: redemptionIdFor(userId, requestId), expiresAt: expiryFrom(now, 14), now })

  it('should read past the 1000-document page limit and pass on consistent data', async () => {
    for (let i = 0; i < 2100; i += 1) {
      await earn(db, { communityId: 'c-1', userId: `u-${i % 3}`, points: 1, hours: 0, refType: 'enrollment', refId: `e-${i}`, actorId: 's', reason: '测试', now })
    }
    const report = await auditLedger(db)
    expect(report).toMatchObject({ ok: true, problems: [], checked: { accounts: 3, entries: 2100 } })
    expect(formatAuditReport(report)).toContain('checked 3 accounts against 2100 entries')
  })

  it('should pass through a redemption lifecycle and flag each kind of drift', async () => {
    await earn(db, { communityId: 'c-1', userId: 'u-1', points: 50, hours: 0, refType: 'wish', refId: 'w-1', actorId: 's', reason: '圆梦', now })
    await addItem(3)
    const picked = await redeem('u-1', 'q-1')
    const held = await redeem('u-1', 'q-2')
    await closeRedemption(db, picked._id, 'picked', 's', '', now)
    expect((await auditLedger(db)).problems).toEqual([])

    await db.collection('purchases').doc(`i-1:u-1`).update({ count: 5 })
    await db.collection('pickupCodes').doc(`c-1:${held.pickupCode}`).remove()
    await db.collection('entries').add({ _id: 'stray', accountId: 'c-1:u-9', communityId: 'c-1', userId: 'u-9', kind: 'adjust', amount: 5, heldChange: 0 })
    await db.collection('accounts').doc('c-1:u-1').update({ totalSpent: 0 })
    const { ok, problems } = await auditLedger(db)
    expect(ok).toBe(false)
    expect(problems).toEqual(
      expect.arrayContaining([
        'purchase i-1:u-1: count 5 ≠ held and picked redemptions 2',
        `held redemption ${held._id} has no pick-up code c-1:${held.pickupCode}`,
        'entries of c-1:u-9 have no account',
        'account c-1:u-1: totalEarned − totalSpent 50 ≠ available + held 40',
      ]),
    )
  })

  it('should flag a wish with two active claims, a claimed wish without one and an open wish holding one', async () => {
    const wish = (_id: string, status: string, claimId: string | null) => db.collection('wishes').add({ _id, communityId: 'c-1', status, claimId })
    const claim = (_id: string, wishId: string, status: string) => db.collection('claims').add({ _id, wishId, communityId: 'c-1', claimerId: 'u-1', status, createdAt: now })
    await wish('w-ok', 'claimed', 'w-ok:2')
    await claim('w-ok:1', 'w-ok', 'released')
    await claim('w-ok:2', 'w-ok', 'active')
    await wish('w-done', 'confirmed', 'w-done:1')
    await claim('w-done:1', 'w-done', 'confirmed')
    const clean = await auditLedger(db)
    expect(clean.problems).toEqual([])
    expect(clean.checked).toMatchObject({ claims: 3, wishes: 2 })
    expect(formatAuditReport(clean)).toContain('checked 3 claims against 2 wishes')

    await wish('w-two', 'claimed', 'w-two:1')
    await claim('w-two:1', 'w-two', 'active')
    await claim('w-two:2', 'w-two', 'active')
    await wish('w-none', 'claimed', 'w-none:1')
    await claim('w-none:1', 'w-none', 'expired')
    await wish('w-open', 'open', null)
    await claim('w-open:1', 'w-open', 'active')
    const { ok, problems } = await auditLedger(db)
    expect(ok).toBe(false)
    expect(problems).toEqual([
      'wish w-none is claimed but has 0 active claims',
      'wish w-open is open but has an active claim w-open:1',
      'wish w-two has 2 active claims: w-two:1, w-two:2',
      'wish w-two is claimed but has 2 active claims',
    ])
  })
})

describe('redemption days', () => {
  it.each([
    [undefined, DEFAULT_REDEMPTION_DAYS],
    [{ redemptionDays: 7 }, 7],
    [{ redemptionDays: 0 }, DEFAULT_REDEMPTION_DAYS],
    [{ redemptionDays: 2.5 }, DEFAULT_REDEMPTION_DAYS],
    [{ redemptionDays: '7' }, DEFAULT_REDEMPTION_DAYS],
  ])('should read settings %j as %i days', (settings, days) => {
    expect(redemptionDays({ _id: 'c', districtId: 'd', name: '社区', address: '', createdAt: now, ...(settings ? { settings } : {}) } as never)).toBe(days)
  })
})
