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
    redeemItem(db, { itemId: 'i-1', userId, redemptionId: redemptionIdFor(userId, requestId), expiresAt: expiryFrom(now, 14), now })

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

  it('should note that the claim check is skipped while there is no claims collection', async () => {
    const report = await auditLedger(db)
    expect(report.checked.claims).toBeNull()
    expect(formatAuditReport(report)).toMatch(/claims: skipped/)
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
