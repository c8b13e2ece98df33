import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import type { EntryDoc } from '../../cloudfunctions/lib/points/model'
import type { RedemptionDoc } from '../../cloudfunctions/lib/shop/model'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'
import { accountOf, addPerson, createItem, errorCode, itemDoc, makeOverdue, redemptionDoc } from './points-fixtures'

const DAY = 24 * 3600 * 1000
const shopCollections = ['items', 'redemptions', 'purchases', 'pickupCodes', 'entries', 'accounts', 'audit']

interface Redemption {
  id: string
  itemId: string
  itemName: string
  points: number
  status: string
  pickupCode: string | null
  qrPayload: string | null
  expiresAt: string
  createdAt: string
  closedAt: string | null
}

describe('shop: items, redemption, pick-up', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let resident: Client
  let member: Client
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
    staffHexie = await server.as('demo-staff-hexie')
    resident = await server.as('demo-resident')
    member = await server.as('demo-member')
  })
  afterAll(async () => {
    const report = await auditLedger(server.db)
    await server.stop()
    expect(report.problems).toEqual([])
  })

  describe('items', () => {
    it('should show anyone the items on shelf, and staff the ones off shelf too', async () => {
      const hidden = await createItem(staff, { pricePoints: 5, stock: 1, onShelf: false, name: '下架的商品' })
      const publicView = await server.anonymous.ok('shop', 'items', { communityId: 'c-xingfu' })
      expect(publicView.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining(['i-soap', 'i-oil', 'i-towel', 'i-haircut']))
      expect(publicView.items.map((item: { id: string }) => item.id)).not.toContain(hidden)
      expect(publicView.items.find((item: { id: string }) => item.id === 'i-oil')).toEqual({
        id: 'i-oil',
        name: '食用油 1.8L',
        photoUrl: null,
        pricePoints: 120,
        stock: 10,
        perPersonLimit: 1,
        onShelf: true,
      })
      const staffView = await staff.ok('shop', 'items', { includeOffShelf: true })
      expect(staffView.items.map((item: { id: string }) => item.id)).toContain(hidden)
      expect(errorCode(await resident.call('shop', 'items', { includeOffShelf: true }))).toBe('FORBIDDEN')
      expect(errorCode(await server.anonymous.call('shop', 'items', {}))).toBe('VALIDATION_FAILED')
      expect((await resident.ok('shop', 'items', {})).items.length).toBe(publicView.items.length)
    })

    it('should create an item once per request and edit it without touching stock', async () => {
      const data = { communityId: 'c-xingfu', name: '环保袋', pricePoints: 15, perPersonLimit: 3, onShelf: true, stock: 12 }
      const [first, again] = await Promise.all([
        staff.call<{ id: string }>('shop', 'saveItem', data, { requestId: 'create-bag' }),
        staff.call<{ id: string }>('shop', 'saveItem', data, { requestId: 'create-bag' }),
      ])
      expect(first.ok && again.ok && first.data.id === again.data.id).toBe(true)
      const itemId = first.ok ? first.data.id : ''
      expect((await server.db.collection('items').where({ name: '环保袋' }).count()).total).toBe(1)
      const edited = await staff.ok('shop', 'saveItem', { communityId: 'c-xingfu', itemId, name: '帆布环保袋', photoUrl: 'cloud://env/bag.png', pricePoints: 18, perPersonLimit: 2, onShelf: false })
      expect(edited).toEqual({ id: itemId, name: '帆布环保袋', photoUrl: 'cloud://env/bag.png', pricePoints: 18, stock: 12, perPersonLimit: 2, onShelf: false })
      const stockOnEdit = await staff.call('shop', 'saveItem', { communityId: 'c-xingfu', itemId, name: '帆布环保袋', pricePoints: 18, perPersonLimit: 2, onShelf: true, stock: 999 })
      expect(errorCode(stockOnEdit)).toBe('VALIDATION_FAILED')
      expect((await itemDoc(server, itemId)).stock).toBe(12)
    })

    it('should restock by a delta with a reason in the audit trail, and never below zero', async () => {
      const itemId = await createItem(staff, { pricePoints: 5, stock: 3 })
      expect(await staff.ok('shop', 'restock', { itemId, delta: 7, reason: '新到货' })).toMatchObject({ stock: 10 })
      expect(await staff.ok('shop', 'restock', { itemId, delta: -4, reason: '破损报废' })).toMatchObject({ stock: 6 })
      const before = await countAll(server, shopCollections)
      expect(errorCode(await staff.call('shop', 'restock', { itemId, delta: -7, reason: '盘点' }))).toBe('OUT_OF_STOCK')
      expect(await countAll(server, shopCollections)).toEqual(before)
      expect((await itemDoc(server, itemId)).stock).toBe(6)
      const trail = await server.db.collection('audit').where({ targetId: itemId, kind: 'item.restock' }).limit(10).get()
      expect(trail.data.map((row) => [(row.detail as { delta: number }).delta, row.reason]).sort()).toEqual([
        [-4, '破损报废'],
        [7, '新到货'],
      ])
    })
  })

  describe('redemption', () => {
    it('should hold points and a unit, give a 6-digit code and QR payload, and expire after 14 days by default', async () => {
      const buyer = await addPerson(server, 'u-shop-buyer', { points: 100 })
      const itemId = await createItem(staff, { pricePoints: 30, stock: 4, perPersonLimit: 2 })
      const before = Date.now()
      const redemption = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      expect(redemption).toMatchObject({ itemId, points: 30, status: 'held', closedAt: null })
      expect(redemption.pickupCode).toMatch(/^\d{6}$/)
      expect(redemption.qrPayload).toBe(`tongxin:pickup:c-xingfu:${redemption.pickupCode}`)
      expect(new Date(redemption.expiresAt).getTime() - before).toBeGreaterThanOrEqual(14 * DAY - 1000)
      expect(new Date(redemption.expiresAt).getTime() - before).toBeLessThanOrEqual(14 * DAY + 5000)
      expect(await accountOf(server, 'u-shop-buyer')).toMatchObject({ available: 70, held: 30 })
      expect((await itemDoc(server, itemId)).stock).toBe(3)
      expect((await server.db.collection<EntryDoc>('entries').doc(`hold:${redemption.id}`).get()).data[0]).toMatchObject({ amount: -30, heldChange: 30 })
      const mine = await buyer.ok('shop', 'myRedemptions', {})
      expect(mine.items).toEqual([redemption])
    })

    it("should use the community's own number of redemption days", async () => {
      await server.db.collection('communities').doc('c-hexie').update({ settings: { redemptionDays: 3 } })
      const buyer = await addPerson(server, 'u-shop-hexie', { communityId: 'c-hexie', points: 10 })
      const itemId = await createItem(staffHexie, { communityId: 'c-hexie', pricePoints: 10, stock: 1 })
      const redemption = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      expect(Math.round((new Date(redemption.expiresAt).getTime() - new Date(redemption.createdAt).getTime()) / DAY)).toBe(3)
    })

    it('should fail in the agreed order: not found, off shelf, out of stock, over the limit, short of points', async () => {
      const buyer = await addPerson(server, 'u-shop-order', { points: 10 })
      const offShelfEmpty = await createItem(staff, { pricePoints: 5, stock: 0, onShelf: false })
      const emptyAtLimit = await createItem(staff, { pricePoints: 5, stock: 1, perPersonLimit: 1 })
      await buyer.ok('shop', 'redeem', { itemId: emptyAtLimit })
      const atLimitTooDear = await createItem(staff, { pricePoints: 6, stock: 5, perPersonLimit: 1 })
      await server.db.collection('purchases').doc(`${atLimitTooDear}:u-shop-order`).set({ communityId: 'c-xingfu', itemId: atLimitTooDear, userId: 'u-shop-order', count: 1, updatedAt: new Date() })
      const tooDear = await createItem(staff, { pricePoints: 6, stock: 5 })
      const before = await countAll(server, shopCollections)
      expect(errorCode(await buyer.call('shop', 'redeem', { itemId: 'i-nothing' }))).toBe('NOT_FOUND')
      expect(errorCode(await buyer.call('shop', 'redeem', { itemId: offShelfEmpty }))).toBe('INVALID_STATE')
      expect(errorCode(await buyer.call('shop', 'redeem', { itemId: emptyAtLimit }))).toBe('OUT_OF_STOCK')
      expect(errorCode(await buyer.call('shop', 'redeem', { itemId: atLimitTooDear }))).toBe('LIMIT_EXCEEDED')
      expect(errorCode(await buyer.call('shop', 'redeem', { itemId: tooDear }))).toBe('INSUFFICIENT_POINTS')
      expect(await countAll(server, shopCollections)).toEqual(before)
      await server.db.collection('purchases').doc(`${atLimitTooDear}:u-shop-order`).remove()
    })

    it('should let the owner cancel once: points, stock and the per-person limit come back', async () => {
      const buyer = await addPerson(server, 'u-shop-cancel', { points: 50 })
      const itemId = await createItem(staff, { pricePoints: 50, stock: 1, perPersonLimit: 1 })
      const redemption = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      const cancelled = await buyer.ok<Redemption>('shop', 'cancel', { redemptionId: redemption.id, reason: '不需要了' })
      expect(cancelled).toMatchObject({ id: redemption.id, status: 'cancelled', pickupCode: null, qrPayload: null })
      expect(cancelled.closedAt).not.toBeNull()
      expect(await accountOf(server, 'u-shop-cancel')).toMatchObject({ available: 50, held: 0, totalSpent: 0 })
      expect((await itemDoc(server, itemId)).stock).toBe(1)
      expect((await server.db.collection('pickupCodes').doc(`c-xingfu:${redemption.pickupCode}`).get()).data).toHaveLength(0)
      expect(errorCode(await buyer.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('INVALID_STATE')
      expect(await accountOf(server, 'u-shop-cancel')).toMatchObject({ available: 50, held: 0 })
      // The limit of 1 counted the cancelled unit back: the same person may redeem again.
      expect((await buyer.ok<Redemption>('shop', 'redeem', { itemId })).status).toBe('held')
    })

    it('should let staff pick up by code once, posting the points and showing the name in full as the waiting list does', async () => {
      const buyer = await addPerson(server, 'u-shop-pickup', { points: 40, name: '欧阳小华' })
      const itemId = await createItem(staff, { pricePoints: 40, stock: 2 })
      const redemption = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      const picked = await staff.ok('shop', 'pickup', { communityId: 'c-xingfu', code: redemption.pickupCode })
      expect(picked).toMatchObject({ id: redemption.id, status: 'picked', pickupCode: null, qrPayload: null, memberName: '欧阳小华' })
      expect(await accountOf(server, 'u-shop-pickup')).toMatchObject({ available: 0, held: 0, totalSpent: 40 })
      expect((await itemDoc(server, itemId)).stock).toBe(1)
      expect(errorCode(await staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: redemption.pickupCode }))).toBe('CODE_INVALID')
      expect(errorCode(await buyer.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('INVALID_STATE')
      const listed = await staff.ok('shop', 'redemptions', { communityId: 'c-xingfu', status: 'picked' })
      expect(listed.items.find((row: { id: string }) => row.id === redemption.id)).toMatchObject({ memberName: '欧阳小华', status: 'picked' })
    })

    it("should let staff pick up the demo member's redemption from the seed", async () => {
      const held = await member.ok('shop', 'myRedemptions', { status: 'held' })
      const picked = await staff.ok('shop', 'pickup', { communityId: 'c-xingfu', code: held.items[0].pickupCode })
      expect(picked).toMatchObject({ itemName: '洗衣皂（2 块装）', status: 'picked', memberName: '张伟' })
    })

    it('should refuse a wrong code, and a code typed in another community', async () => {
      const buyer = await addPerson(server, 'u-shop-wrongcode', { points: 10 })
      const itemId = await createItem(staff, { pricePoints: 10, stock: 1 })
      const redemption = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      const wrong = redemption.pickupCode === '000000' ? '000001' : '000000'
      expect(errorCode(await staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: wrong }))).toBe('CODE_INVALID')
      expect(errorCode(await staffHexie.call('shop', 'pickup', { communityId: 'c-hexie', code: redemption.pickupCode }))).toBe('CODE_INVALID')
      expect((await redemptionDoc(server, redemption.id)).status).toBe('held')
    })

    it('should expire an overdue redemption on the next read, and on a pick-up attempt', async () => {
      const buyer = await addPerson(server, 'u-shop-expire', { points: 60 })
      const itemId = await createItem(staff, { pricePoints: 20, stock: 5 })
      const first = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      const second = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      await makeOverdue(server, first.id)
      await makeOverdue(server, second.id)
      const mine = await buyer.ok('shop', 'myRedemptions', {})
      expect(mine.items.map((row: Redemption) => [row.id, row.status, row.pickupCode])).toEqual(
        expect.arrayContaining([
          [first.id, 'expired', null],
          [second.id, 'expired', null],
        ]),
      )
      expect(await accountOf(server, 'u-shop-expire')).toMatchObject({ available: 60, held: 0 })
      expect((await itemDoc(server, itemId)).stock).toBe(5)

      const third = await buyer.ok<Redemption>('shop', 'redeem', { itemId })
      await makeOverdue(server, third.id)
      expect(errorCode(await staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: third.pickupCode }))).toBe('CODE_INVALID')
      expect(await redemptionDoc(server, third.id)).toMatchObject({ status: 'expired', closedBy: 'system' })
      expect(await accountOf(server, 'u-shop-expire')).toMatchObject({ available: 60, held: 0, totalSpent: 0 })
    })

    it('should sweep overdue redemptions with expireDue and report how many', async () => {
      const buyer = await addPerson(server, 'u-shop-sweep', { points: 30 })
      const itemId = await createItem(staff, { pricePoints: 10, stock: 3 })
      const ids: string[] = []
      for (let i = 0; i < 3; i += 1) ids.push((await buyer.ok<Redemption>('shop', 'redeem', { itemId })).id)
      await makeOverdue(server, ids[0])
      await makeOverdue(server, ids[1])
      expect(await staff.ok('shop', 'expireDue', { communityId: 'c-xingfu' })).toEqual({ expired: 2 })
      expect(await staff.ok('shop', 'expireDue', { communityId: 'c-xingfu' })).toEqual({ expired: 0 })
      expect((await redemptionDoc(server, ids[2])).status).toBe('held')
      expect(await accountOf(server, 'u-shop-sweep')).toMatchObject({ available: 20, held: 10 })
      expect((await itemDoc(server, itemId)).stock).toBe(2)
    })
  })

  describe('authorization', () => {
    let itemId: string
    let redemption: Redemption
    beforeAll(async () => {
      itemId = await createItem(staff, { pricePoints: 1, stock: 50 })
      const owner = await addPerson(server, 'u-shop-owner', { points: 10 })
      redemption = await owner.ok<Redemption>('shop', 'redeem', { itemId })
    })
    const itemData = () => ({ communityId: 'c-xingfu', itemId, name: '改名', pricePoints: 1, perPersonLimit: 1, onShelf: true })

    it.each([
      ['a resident', 'demo-resident'],
      ['a member', 'demo-member'],
      ['staff of another community', 'demo-staff-hexie'],
    ])('should forbid %s to manage items or pick up', async (_who, openid) => {
      const caller = await server.as(openid)
      const before = await countAll(server, shopCollections)
      const itemBefore = await itemDoc(server, itemId)
      expect(errorCode(await caller.call('shop', 'saveItem', itemData()))).toBe('FORBIDDEN')
      expect(errorCode(await caller.call('shop', 'saveItem', { ...itemData(), itemId: undefined, stock: 5 }))).toBe('FORBIDDEN')
      expect(errorCode(await caller.call('shop', 'restock', { itemId, delta: 5, reason: '越权补货' }))).toBe('FORBIDDEN')
      expect(errorCode(await caller.call('shop', 'pickup', { communityId: 'c-xingfu', code: redemption.pickupCode }))).toBe('FORBIDDEN')
      expect(errorCode(await caller.call('shop', 'redemptions', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(errorCode(await caller.call('shop', 'expireDue', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(await countAll(server, shopCollections)).toEqual(before)
      expect(await itemDoc(server, itemId)).toEqual(itemBefore)
      expect((await redemptionDoc(server, redemption.id)).status).toBe('held')
    })

    it("should forbid staff of c-hexie to redeem or cancel in c-xingfu, and staff of c-xingfu to move an item into c-hexie's shop", async () => {
      expect(errorCode(await staffHexie.call('shop', 'redeem', { itemId }))).toBe('FORBIDDEN')
      expect(errorCode(await staffHexie.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('FORBIDDEN')
      expect(errorCode(await staff.call('shop', 'saveItem', { ...itemData(), communityId: 'c-hexie' }))).toBe('NOT_FOUND')
      expect((await itemDoc(server, itemId)).communityId).toBe('c-xingfu')
    })

    it('should let only the owner or staff of its community cancel a redemption', async () => {
      expect(errorCode(await resident.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('FORBIDDEN')
      expect(errorCode(await member.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('FORBIDDEN')
      expect((await redemptionDoc(server, redemption.id)).status).toBe('held')
      expect(await staff.ok('shop', 'cancel', { redemptionId: redemption.id, reason: '居民电话要求取消' })).toMatchObject({ status: 'cancelled' })
      expect(await redemptionDoc(server, redemption.id)).toMatchObject({ closedBy: 'u-staff', closeReason: '居民电话要求取消' })
    })

    it('should forbid a member to pick up their own redemption, even as staff', async () => {
      const own = await staff.ok<Redemption>('shop', 'redeem', { itemId })
      const response = await staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: own.pickupCode })
      expect(errorCode(response)).toBe('FORBIDDEN')
      expect((await redemptionDoc(server, own.id)).status).toBe('held')
      const memberOwn = await member.ok<Redemption>('shop', 'redeem', { itemId })
      expect(errorCode(await member.call('shop', 'pickup', { communityId: 'c-xingfu', code: memberOwn.pickupCode }))).toBe('FORBIDDEN')
      const admin = await server.as('demo-district-admin')
      expect(await admin.ok('shop', 'pickup', { communityId: 'c-xingfu', code: own.pickupCode })).toMatchObject({ status: 'picked', memberName: '王丽' })
    })

    it('should ask a newcomer to register before redeeming, and an anonymous caller to sign in', async () => {
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await newcomer.call('shop', 'redeem', { itemId }))).toBe('NOT_REGISTERED')
      expect(errorCode(await newcomer.call('shop', 'cancel', { redemptionId: redemption.id }))).toBe('NOT_REGISTERED')
      expect(errorCode(await server.anonymous.call('shop', 'redeem', { itemId }))).toBe('UNAUTHENTICATED')
    })

    it("should show a person only their own redemptions", async () => {
      const page = await member.ok('shop', 'myRedemptions', { pageSize: 50 })
      const owners = await Promise.all(page.items.map(async (row: Redemption) => (await redemptionDoc(server, row.id)).userId))
      expect(new Set(owners)).toEqual(new Set(['u-member']))
      expect(errorCode(await member.call('shop', 'myRedemptions', { userId: 'u-shop-owner' }))).toBe('VALIDATION_FAILED')
    })
  })

  describe('bad input', () => {
    const item = { communityId: 'c-xingfu', name: '好商品', pricePoints: 10, perPersonLimit: 1, onShelf: true, stock: 5 }
    it.each([
      ['a zero price', { ...item, pricePoints: 0 }],
      ['a negative price', { ...item, pricePoints: -5 }],
      ['a fractional price', { ...item, pricePoints: 2.5 }],
      ['a price as text', { ...item, pricePoints: '10' }],
      ['a price over 100000', { ...item, pricePoints: 100_001 }],
      ['a negative stock', { ...item, stock: -1 }],
      ['a zero per-person limit', { ...item, perPersonLimit: 0 }],
      ['an empty name', { ...item, name: '  ' }],
      ['an oversized name', { ...item, name: '品'.repeat(41) }],
      ['an oversized photo URL', { ...item, photoUrl: `https://x/${'a'.repeat(500)}` }],
      ['onShelf as text', { ...item, onShelf: 'yes' }],
      ['an unknown field', { ...item, communityName: '幸福社区' }],
    ])('should refuse an item with %s and change nothing', async (_case, data) => {
      const before = await countAll(server, shopCollections)
      expect(errorCode(await staff.call('shop', 'saveItem', data))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, shopCollections)).toEqual(before)
    })

    it.each([
      ['restock', 'a zero delta', { itemId: 'i-soap', delta: 0, reason: '盘点' }],
      ['restock', 'a fractional delta', { itemId: 'i-soap', delta: 1.5, reason: '盘点' }],
      ['restock', 'no reason', { itemId: 'i-soap', delta: 5 }],
      ['restock', 'an oversized reason', { itemId: 'i-soap', delta: 5, reason: '因'.repeat(201) }],
      ['redeem', 'a numeric item id', { itemId: 42 }],
      ['redeem', 'a quantity (one unit per redemption)', { itemId: 'i-soap', quantity: 2 }],
      ['cancel', 'an oversized reason', { redemptionId: 'r-x', reason: '因'.repeat(201) }],
      ['pickup', 'a 5-digit code', { communityId: 'c-xingfu', code: '12345' }],
      ['pickup', 'letters for a code', { communityId: 'c-xingfu', code: 'abcdef' }],
      ['pickup', 'a numeric code', { communityId: 'c-xingfu', code: 123456 }],
      ['myRedemptions', 'an unknown status', { status: 'lost' }],
      ['redemptions', 'a page size of 0', { communityId: 'c-xingfu', pageSize: 0 }],
      ['items', 'includeOffShelf as text', { communityId: 'c-xingfu', includeOffShelf: 'true' }],
    ])('should refuse shop.%s with %s and change nothing', async (action, _case, data) => {
      const before = await countAll(server, shopCollections)
      const soap = await itemDoc(server, 'i-soap')
      expect(errorCode(await staff.call('shop', action, data))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, shopCollections)).toEqual(before)
      expect(await itemDoc(server, 'i-soap')).toEqual(soap)
    })
  })

  describe('journal', () => {
    it('should keep the journal in step: every closed redemption has exactly one post or void', async () => {
      const closed = await server.db.collection<RedemptionDoc>('redemptions').where({ status: server.db.command.neq('held') }).limit(1000).get()
      for (const redemption of closed.data) {
        const kinds = (await server.db.collection<EntryDoc>('entries').where({ refId: redemption._id }).limit(10).get()).data.map((entry) => entry.kind).sort()
        expect(kinds).toEqual(redemption.status === 'picked' ? ['hold', 'post'] : ['hold', 'void'])
      }
    })
  })
})
