import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import type { EntryDoc } from '../../cloudfunctions/lib/points/model'
import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import type { RedemptionDoc } from '../../cloudfunctions/lib/shop/model'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { accountOf, addPerson, createItem, errorCode, itemDoc, makeOverdue, redemptionDoc, tally } from './points-fixtures'

/** Races over real HTTP: every request below is in flight at once against one local server. */
describe('shop: concurrent redemptions', () => {
  let server: TestServer
  let staff: Client
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
  })
  afterAll(() => server.stop())

  const expectAuditPasses = async () => {
    const report = await auditLedger(server.db)
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
  }

  it('should hold exactly 3 of 30 concurrent redemptions when the points cover exactly 3', async () => {
    const member = await addPerson(server, 'u-race-points', { points: 90 })
    const itemId = await createItem(staff, { pricePoints: 30, stock: 100 })
    const responses = await Promise.all(Array.from({ length: 30 }, () => member.call('shop', 'redeem', { itemId })))
    const counts = tally(responses.map(errorCode))
    console.log('30 concurrent redemptions, points for 3:', counts)
    expect(counts).toEqual({ ok: 3, INSUFFICIENT_POINTS: 27 })
    expect(await accountOf(server, 'u-race-points')).toMatchObject({ available: 0, held: 90 })
    expect((await itemDoc(server, itemId)).stock).toBe(97)
    const holds = await server.db.collection<EntryDoc>('entries').where({ accountId: 'c-xingfu:u-race-points', kind: 'hold' }).count()
    expect(holds.total).toBe(3)
    await expectAuditPasses()
  })

  it('should hold exactly 5 of 40 concurrent buyers of 5 units and never take stock below 0', async () => {
    const itemId = await createItem(staff, { pricePoints: 10, stock: 5, perPersonLimit: 1 })
    const buyers = await Promise.all(Array.from({ length: 40 }, (_, i) => addPerson(server, `u-buyer-${i}`, { points: 50 })))
    const responses = await Promise.all(buyers.map((buyer) => buyer.call('shop', 'redeem', { itemId })))
    const counts = tally(responses.map(errorCode))
    console.log('40 concurrent buyers, stock 5:', counts)
    expect(counts).toEqual({ ok: 5, OUT_OF_STOCK: 35 })
    expect((await itemDoc(server, itemId)).stock).toBe(0)
    const held = await server.db.collection<RedemptionDoc>('redemptions').where({ itemId, status: 'held' }).count()
    expect(held.total).toBe(5)
    const winners = responses.flatMap((response, i) => (response.ok ? [i] : []))
    for (let i = 0; i < 40; i += 1) {
      expect(await accountOf(server, `u-buyer-${i}`)).toMatchObject(winners.includes(i) ? { available: 40, held: 10 } : { available: 50, held: 0 })
    }
    await expectAuditPasses()
  })

  it('should let one member hold only 2 of 20 concurrent redemptions when the limit is 2', async () => {
    const member = await addPerson(server, 'u-race-limit', { points: 1000 })
    const itemId = await createItem(staff, { pricePoints: 5, stock: 100, perPersonLimit: 2 })
    const responses = await Promise.all(Array.from({ length: 20 }, () => member.call('shop', 'redeem', { itemId })))
    const counts = tally(responses.map(errorCode))
    console.log('20 concurrent redemptions, limit 2:', counts)
    expect(counts).toEqual({ ok: 2, LIMIT_EXCEEDED: 18 })
    expect(await accountOf(server, 'u-race-limit')).toMatchObject({ available: 990, held: 10 })
    expect((await itemDoc(server, itemId)).stock).toBe(98)
    await expectAuditPasses()
  })

  it('should redeem once when the same request is retried concurrently', async () => {
    const member = await addPerson(server, 'u-race-retry', { points: 100 })
    const itemId = await createItem(staff, { pricePoints: 10, stock: 10 })
    const responses = await Promise.all(Array.from({ length: 10 }, () => member.call('shop', 'redeem', { itemId }, { requestId: 'same-tap' })))
    expect(responses.every((response) => response.ok)).toBe(true)
    expect(new Set(responses.map((response) => response.ok && (response.data as { id: string }).id)).size).toBe(1)
    expect(await accountOf(server, 'u-race-retry')).toMatchObject({ available: 90, held: 10 })
    expect((await itemDoc(server, itemId)).stock).toBe(9)
  })

  it('should let exactly one of pick-up, cancel and expiry win each round, with points and stock right', async () => {
    const rounds = 24
    const price = 10
    const member = await addPerson(server, 'u-race-close', { points: price * rounds })
    const itemId = await createItem(staff, { pricePoints: price, stock: rounds })
    const winners: Record<string, number> = {}
    let spent = 0
    for (let round = 0; round < rounds; round += 1) {
      const redemption = await member.ok<{ id: string; pickupCode: string }>('shop', 'redeem', { itemId })
      // A third of the rounds are overdue, a third not, a third run out while the requests are in flight.
      if (round % 3 === 1) await makeOverdue(server, redemption.id)
      if (round % 3 === 2) await server.db.collection('redemptions').doc(redemption.id).update({ expiresAt: new Date(Date.now() + (round % 5) * 3) })
      let pickup!: ApiResponse<unknown>
      let cancel!: ApiResponse<unknown>
      let sweep!: ApiResponse<{ expired: number }>
      const contenders = [
        async () => (pickup = await staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: redemption.pickupCode })),
        async () => (cancel = await member.call('shop', 'cancel', { redemptionId: redemption.id })),
        async () => (sweep = await staff.call<{ expired: number }>('shop', 'expireDue', { communityId: 'c-xingfu' })),
      ]
      // Whoever is sent first has a head start; rotate it so each contender gets to lead.
      const lead = Math.floor(round / 3) % 3
      await Promise.all(contenders.map((_, i) => contenders[(i + lead) % 3]()))
      const closed = await redemptionDoc(server, redemption.id)
      winners[closed.status] = (winners[closed.status] ?? 0) + 1
      const settled = await server.db.collection<EntryDoc>('entries').where({ refId: redemption.id }).limit(10).get()
      const kinds = settled.data.map((entry) => entry.kind).sort()
      expect(sweep.ok).toBe(true)
      if (closed.status === 'picked') {
        spent += price
        expect([errorCode(pickup), errorCode(cancel)]).toEqual([null, 'INVALID_STATE'])
        expect(kinds).toEqual(['hold', 'post'])
      } else if (closed.status === 'cancelled') {
        expect([errorCode(pickup), errorCode(cancel)]).toEqual(['CODE_INVALID', null])
        expect(kinds).toEqual(['hold', 'void'])
      } else {
        expect(closed.status).toBe('expired')
        expect([errorCode(pickup), errorCode(cancel)]).toEqual(['CODE_INVALID', 'INVALID_STATE'])
        expect(kinds).toEqual(['hold', 'void'])
      }
      // The sweep wins only an expiry, and only when no lazy expiry inside the other two calls came first.
      const swept = sweep.ok ? sweep.data.expired : -1
      expect(closed.status === 'expired' ? [0, 1] : [0]).toContain(swept)
    }
    console.log(`${rounds} rounds of pick-up vs cancel vs expiry, winners:`, winners)
    expect(Object.keys(winners).length).toBeGreaterThanOrEqual(2)
    expect(await accountOf(server, 'u-race-close')).toMatchObject({ available: price * rounds - spent, held: 0, totalSpent: spent })
    expect((await itemDoc(server, itemId)).stock).toBe(rounds - spent / price)
    expect((await server.db.collection('redemptions').where({ userId: 'u-race-close', status: 'held' }).count()).total).toBe(0)
    await expectAuditPasses()
  })

  it('should sell exactly the stock to 32 concurrent redeemers of one item, with no CONFLICT and no unit lost', async () => {
    const itemId = await createItem(staff, { pricePoints: 10, stock: 20, perPersonLimit: 1 })
    const buyers = await Promise.all(Array.from({ length: 32 }, (_, i) => addPerson(server, `u-hot-${i}`, { points: 10 })))
    const responses = await Promise.all(buyers.map((buyer) => buyer.call('shop', 'redeem', { itemId })))
    const counts = tally(responses.map(errorCode))
    console.log('32 concurrent redeemers of one item, stock 20:', counts)
    expect(counts).toEqual({ ok: 20, OUT_OF_STOCK: 12 })
    expect((await itemDoc(server, itemId)).stock).toBe(0)
    expect((await server.db.collection<RedemptionDoc>('redemptions').where({ itemId, status: 'held' }).count()).total).toBe(20)
    // The sweep removes the reservation marks of the 20 made redemptions and gives nothing back.
    await staff.ok('shop', 'expireDue', { communityId: 'c-xingfu' })
    expect(await itemDoc(server, itemId)).toMatchObject({ stock: 0, reservations: [] })
    await expectAuditPasses()
  })

  it('should give back exactly once a unit reserved by a redemption that never got made', async () => {
    const itemId = await createItem(staff, { pricePoints: 10, stock: 3 })
    // A function stopped between the reservation and its transaction: the unit is taken, the mark stays, no redemption.
    const _ = server.db.command
    const longAgo = new Date(Date.now() - 2 * 3600_000)
    await server.db.collection('items').doc(itemId).update({ stock: _.inc(-1), reservations: _.push(['r-lost']), 'reservedAt.r-lost': longAgo })
    const before = await auditLedger(server.db)
    expect(before.problems).toEqual([`item ${itemId}: a unit reserved for redemption r-lost was never redeemed nor given back (run shop.expireDue)`])
    await Promise.all([1, 2, 3].map(() => staff.ok('shop', 'expireDue', { communityId: 'c-xingfu' })))
    expect(await itemDoc(server, itemId)).toMatchObject({ stock: 3, reservations: [] })
    await expectAuditPasses()
  })
})
