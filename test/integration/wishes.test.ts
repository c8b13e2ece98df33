import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import type { WishDoc } from '../../cloudfunctions/lib/wishes/model'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'
import { accountOf, addPerson, errorCode } from './points-fixtures'
import { addUnitLiaison, addWish, claimsOf, wishDoc } from './wishes-fixtures'

const DAY = 24 * 3600 * 1000
const PHOTO = `/uploads/${'a1'.repeat(16)}.jpg`

interface Detail {
  id: string
  status: string
  wisherMasked: string
  claimer: { type: string; name: string } | null
  contact: { name: string; phone: string; address: string } | null
  history: Array<{ status: string; releaseReason: string }> | null
  dueAt: string | null
  rejectReason: string
  confirmation: { rating: number | null; story: string } | null
  fulfilment: { note: string; photos: string[] } | null
  mine: Record<string, boolean>
}

describe('wishes', () => {
  let server: TestServer
  let resident: Client
  let member: Client
  let staff: Client
  let hexieStaff: Client
  beforeAll(async () => {
    server = await startTestServer()
    resident = await server.as('demo-resident')
    member = await server.as('demo-member')
    staff = await server.as('demo-staff')
    hexieStaff = await server.as('demo-staff-hexie')
  })
  afterAll(() => server.stop())

  describe('the whole way', () => {
    it('should walk post → review → masked wall → claim → contact → fulfil → confirm, and credit the claimer once', async () => {
      const posted = await resident.ok<{ id: string; status: string }>('wishes', 'post', {
        title: '阳台水管漏水',
        story: '阳台水管一直滴水，想请人帮忙看看。',
        category: '维修帮办',
        photos: [PHOTO],
        wishedBy: '2026-12-31',
      })
      expect(posted).toMatchObject({ status: 'pending', photos: [PHOTO], wishedBy: '2026-12-31' })
      const wishId = posted.id
      expect(errorCode(await member.call('wishes', 'detail', { wishId }))).toBe('NOT_FOUND')
      const wallBefore = await server.anonymous.ok<{ items: Array<{ id: string }> }>('wishes', 'wall', { communityId: 'c-xingfu' })
      expect(wallBefore.items.map((card) => card.id)).not.toContain(wishId)

      const queue = await staff.ok<{ items: Array<{ id: string; beneficiary: { name: string } }>; counts: Record<string, number> }>('wishes', 'reviewQueue', { communityId: 'c-xingfu' })
      expect(queue.items.map((wish) => wish.id)).toContain(wishId)
      expect(queue.items.find((wish) => wish.id === wishId)?.beneficiary.name).toBe('刘秀英')
      expect(queue.counts).toMatchObject({ pending: 2, claimed: 1 })
      await staff.ok('wishes', 'review', { wishId, decision: 'approve' })

      const wall = await server.anonymous.ok<{ items: Array<{ id: string; wisherMasked: string; status: string }> }>('wishes', 'wall', { communityId: 'c-xingfu' })
      expect(wall.items[0]).toMatchObject({ id: wishId, wisherMasked: '刘*英', status: 'open' })
      const before = (await accountOf(server, 'u-member'))?.available ?? 0

      const claimed = await member.ok<Detail>('wishes', 'claim', { wishId })
      expect(claimed).toMatchObject({ status: 'claimed', claimer: { type: 'member', name: '张*' }, contact: { name: '刘秀英', phone: '13800000001' } })
      expect(claimed.mine).toMatchObject({ isClaimer: true, canRelease: true, canFulfil: true, canConfirm: false, canClaim: false })
      const dueIn = new Date(claimed.dueAt!).getTime() - Date.now()
      expect(Math.abs(dueIn - 14 * DAY)).toBeLessThan(60_000)

      const wisherView = await resident.ok<Detail>('wishes', 'detail', { wishId })
      expect(wisherView).toMatchObject({ contact: null, mine: { isWisher: true, canConfirm: false } })
      expect(wisherView.history).toHaveLength(1)

      await member.ok('wishes', 'fulfil', { wishId, note: '换了新水管', photos: [PHOTO] })
      expect((await resident.ok<Detail>('wishes', 'detail', { wishId })).mine.canConfirm).toBe(true)
      const confirmed = await resident.ok<Detail>('wishes', 'confirm', { wishId, rating: 5, comment: '很及时', story: '张伟同志半小时就修好了，谢谢！' })
      expect(confirmed).toMatchObject({ status: 'confirmed', confirmation: { rating: 5, story: '张伟同志半小时就修好了，谢谢！' } })
      expect((await accountOf(server, 'u-member'))?.available).toBe(before + 10)

      const publicView = await server.anonymous.ok<Detail>('wishes', 'detail', { wishId })
      expect(publicView).toMatchObject({ status: 'confirmed', claimer: { name: '张*' }, fulfilment: { note: '换了新水管', photos: [PHOTO] }, contact: null, history: null })
      const mine = await resident.ok<{ items: Array<{ id: string; status: string }> }>('wishes', 'mine', {})
      expect(mine.items.find((wish) => wish.id === wishId)?.status).toBe('confirmed')
      const claims = await member.ok<{ items: Array<{ wishId: string; status: string; wish: { wisherMasked: string } }> }>('wishes', 'myClaims', {})
      expect(claims.items.find((claim) => claim.wishId === wishId)).toMatchObject({ status: 'confirmed', wish: { wisherMasked: '刘*英' } })
      expect((await auditLedger(server.db)).problems).toEqual([])
    })

    it('should let staff post for a neighbour without a phone, straight onto the wall, and confirm it for them', async () => {
      const posted = await staff.ok<{ id: string; status: string; wisherId: null }>('wishes', 'postFor', {
        communityId: 'c-xingfu',
        beneficiary: { name: '钱玉珍', address: '幸福小区 7 栋 101' },
        title: '想要一台收音机',
        story: '老人眼睛不好，想听听广播。',
        category: '生活物资',
      })
      expect(posted).toMatchObject({ status: 'open', wisherId: null, beneficiary: { name: '钱玉珍', phone: '' } })
      const liaison = await server.as('demo-liaison')
      const claimed = await liaison.ok<Detail>('wishes', 'claim', { wishId: posted.id, asUnit: true })
      expect(claimed).toMatchObject({ claimer: { type: 'unit', name: '第一实验小学' }, contact: { name: '钱玉珍', address: '幸福小区 7 栋 101' } })
      await liaison.ok('wishes', 'fulfil', { wishId: posted.id, note: '送去了一台收音机' })
      expect(errorCode(await resident.call('wishes', 'confirm', { wishId: posted.id }))).toBe('FORBIDDEN')
      const before = (await accountOf(server, 'u-liaison'))?.available ?? 0
      await staff.ok('wishes', 'confirm', { wishId: posted.id, story: '谢谢第一实验小学' })
      expect((await accountOf(server, 'u-liaison'))?.available).toBe(before + 10)
    })

    it('should put a released wish back on the wall and show the reason to the wisher and staff only', async () => {
      const wishId = await addWish(server, 'claimed')
      const released = await member.ok<Detail>('wishes', 'release', { wishId, reason: '临时出差，无法前往' })
      expect(released).toMatchObject({ status: 'open', contact: null })
      for (const viewer of [resident, staff]) {
        const view = await viewer.ok<Detail>('wishes', 'detail', { wishId })
        expect(view.history).toEqual([expect.objectContaining({ status: 'released', releaseReason: '临时出差，无法前往' })])
      }
      expect((await member.ok<Detail>('wishes', 'detail', { wishId })).history).toBeNull()
      const other = await addPerson(server, 'u-second-claimer')
      await other.ok('wishes', 'claim', { wishId })
      expect(await wishDoc(server, wishId)).toMatchObject({ status: 'claimed', claimId: `${wishId}:2`, claimCount: 2 })
    })

    it('should show a full name only to that person, staff, or the active claimer reaching the wisher', async () => {
      const wishId = await addWish(server, 'claimed')
      const secondClaimer = await addPerson(server, 'u-history-claimer', { name: '欧阳小华' })
      await member.ok('wishes', 'release', { wishId, reason: '临时出差' })
      await secondClaimer.ok('wishes', 'claim', { wishId })
      const wisher = await resident.ok<Detail>('wishes', 'detail', { wishId })
      // The wisher sees who helped the way the wall does: 张伟 → 张*, 欧阳小华 → 欧**华.
      expect(wisher.claimer).toEqual({ type: 'member', name: '欧**华' })
      expect(wisher.history?.map((claim) => (claim as unknown as { claimerName: string }).claimerName)).toEqual(['欧**华', '张*'])
      const staffView = await staff.ok<Detail>('wishes', 'detail', { wishId })
      expect(staffView.history?.map((claim) => (claim as unknown as { claimerName: string }).claimerName)).toEqual(['欧阳小华', '张伟'])
      const full = { wisher: '刘秀英', first: '张伟', second: '欧阳小华' }
      const entitled: Array<[string, Client, Array<keyof typeof full>]> = [
        ['anyone', server.anonymous, []],
        ['the wisher', resident, []],
        ['a released claimer', member, []],
        ['the active claimer', secondClaimer, ['wisher']],
        ['staff', staff, ['wisher', 'first', 'second']],
      ]
      for (const [viewer, client, may] of entitled) {
        const body = JSON.stringify(await client.ok('wishes', 'detail', { wishId }))
        for (const [who, name] of Object.entries(full)) expect([viewer, who, body.includes(name)]).toEqual([viewer, who, may.includes(who as keyof typeof full)])
      }
    })

    it('should show the reject reason to the wisher only, and keep a rejected wish closed to edits', async () => {
      const wishId = await addWish(server, 'pending')
      await staff.ok('wishes', 'review', { wishId, decision: 'reject', reason: '请补充具体需求' })
      expect((await resident.ok<Detail>('wishes', 'detail', { wishId })).rejectReason).toBe('请补充具体需求')
      expect(errorCode(await server.anonymous.call('wishes', 'detail', { wishId }))).toBe('NOT_FOUND')
      expect(errorCode(await resident.call('wishes', 'edit', { wishId, story: '需要修理厨房灯' }))).toBe('INVALID_STATE')
    })

    it('should take an edited open wish off the wall and back to review, with its new photos and date', async () => {
      const wishId = await addWish(server, 'open')
      const edited = await resident.ok<{ status: string; photos: string[]; wishedBy: string; story: string }>('wishes', 'edit', {
        wishId,
        story: '需要修理厨房灯',
        photos: [PHOTO, PHOTO.replace('.jpg', '.png')],
        wishedBy: '2026-12-01',
      })
      expect(edited).toMatchObject({ status: 'pending', story: '需要修理厨房灯', photos: [PHOTO, PHOTO.replace('.jpg', '.png')], wishedBy: '2026-12-01' })
      expect(await wishDoc(server, wishId)).toMatchObject({ status: 'pending', photos: [PHOTO, PHOTO.replace('.jpg', '.png')], wishedBy: '2026-12-01' })
      const wall = await server.anonymous.ok<{ items: Array<{ id: string }> }>('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 50 })
      expect(wall.items.map((card) => card.id)).not.toContain(wishId)
      await resident.ok('wishes', 'withdraw', { wishId, reason: '已经修好了' })
      expect(await wishDoc(server, wishId)).toMatchObject({ status: 'withdrawn', withdrawReason: '已经修好了' })
    })

    it('should expire overdue claims on a wall read and through expireClaims, each once', async () => {
      const onWall = await addWish(server, 'claimed', { dueInMs: -DAY })
      const wall = await server.anonymous.ok<{ items: Array<{ id: string; status: string }> }>('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 50 })
      expect(wall.items.find((card) => card.id === onWall)?.status).toBe('open')
      expect((await claimsOf(server, onWall))[0]).toMatchObject({ status: 'expired' })

      const first = await addWish(server, 'claimed', { dueInMs: -1000 })
      const second = await addWish(server, 'claimed', { dueInMs: -1000 })
      const inTime = await addWish(server, 'claimed')
      expect(await staff.ok('wishes', 'expireClaims', { communityId: 'c-xingfu' })).toEqual({ released: 2 })
      expect(await staff.ok('wishes', 'expireClaims', { communityId: 'c-xingfu' })).toEqual({ released: 0 })
      for (const wishId of [first, second]) expect((await wishDoc(server, wishId)).status).toBe('open')
      expect((await wishDoc(server, inTime)).status).toBe('claimed')
      expect(errorCode(await member.call('wishes', 'expireClaims', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('wishes', 'expireClaims', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    })

    it("should use the community's claim period and wish points", async () => {
      await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', claimDays: 3, wishPoints: 25 })
      try {
        const wishId = await addWish(server, 'open')
        const claimed = await member.ok<Detail>('wishes', 'claim', { wishId })
        expect(Math.abs(new Date(claimed.dueAt!).getTime() - Date.now() - 3 * DAY)).toBeLessThan(60_000)
        await member.ok('wishes', 'fulfil', { wishId, note: '完成了' })
        const before = (await accountOf(server, 'u-member'))?.available ?? 0
        await resident.ok('wishes', 'confirm', { wishId })
        expect((await accountOf(server, 'u-member'))?.available).toBe(before + 25)
      } finally {
        await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', claimDays: 14, wishPoints: 10 })
      }
    })
  })

  describe('authorization', () => {
    it('should refuse a review by a resident, a member and staff of another community, and change nothing', async () => {
      const wishId = await addWish(server, 'pending')
      for (const caller of [resident, member, hexieStaff]) {
        expect(errorCode(await caller.call('wishes', 'review', { wishId, decision: 'approve' }))).toBe('FORBIDDEN')
      }
      expect((await wishDoc(server, wishId)).status).toBe('pending')
      expect(errorCode(await hexieStaff.call('wishes', 'reviewQueue', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    })

    it("should show contacts to the active claimer and the wish's own staff only", async () => {
      const stranger = await addPerson(server, 'u-stranger')
      for (const caller of [hexieStaff, stranger, resident, server.anonymous]) {
        expect((await caller.ok<Detail>('wishes', 'detail', { wishId: 'w-visit' })).contact).toBeNull()
      }
      expect((await hexieStaff.ok<Detail>('wishes', 'detail', { wishId: 'w-visit' })).history).toBeNull()
      expect(errorCode(await hexieStaff.call('wishes', 'detail', { wishId: 'w-pending' }))).toBe('NOT_FOUND')
      expect((await member.ok<Detail>('wishes', 'detail', { wishId: 'w-visit' })).contact).toMatchObject({ name: '欧阳明华' })
      expect((await staff.ok<Detail>('wishes', 'detail', { wishId: 'w-visit' })).contact).toMatchObject({ name: '欧阳明华' })
    })

    it('should never let a claimer confirm their own fulfilment, even as staff', async () => {
      const wishId = await addWish(server, 'fulfilled', { wisherId: null, claimerId: 'u-staff', claimerName: '王丽' })
      const response = await staff.call('wishes', 'confirm', { wishId, rating: 5 })
      expect(errorCode(response)).toBe('FORBIDDEN')
      expect((await wishDoc(server, wishId)).status).toBe('fulfilled')
      const entries = await server.db.collection('entries').where({ refId: wishId }).count()
      expect(entries.total).toBe(0)
    })

    it('should refuse a claim by a resident, a liaison without asUnit, a liaison whose unit has not signed, and a member on their own wish', async () => {
      const wishId = await addWish(server, 'open')
      expect(errorCode(await resident.call('wishes', 'claim', { wishId }))).toBe('FORBIDDEN')
      expect(errorCode(await (await server.as('demo-liaison')).call('wishes', 'claim', { wishId }))).toBe('FORBIDDEN')
      expect(errorCode(await member.call('wishes', 'claim', { wishId, asUnit: true }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('wishes', 'claim', { wishId }))).toBe('FORBIDDEN')
      const own = await addWish(server, 'open', { wisherId: 'u-member' })
      expect(errorCode(await member.call('wishes', 'claim', { wishId: own }))).toBe('FORBIDDEN')
      expect(await claimsOf(server, wishId)).toEqual([])
      expect(await claimsOf(server, own)).toEqual([])
    })

    it("should let only the wisher edit, the wisher or staff withdraw, and only the claimer release or fulfil", async () => {
      const wishId = await addWish(server, 'open')
      expect(errorCode(await member.call('wishes', 'edit', { wishId, title: '别人改的' }))).toBe('FORBIDDEN')
      expect(errorCode(await staff.call('wishes', 'edit', { wishId, title: '别人改的' }))).toBe('FORBIDDEN')
      expect(errorCode(await member.call('wishes', 'withdraw', { wishId }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('wishes', 'withdraw', { wishId }))).toBe('FORBIDDEN')
      expect((await staff.ok<{ status: string }>('wishes', 'withdraw', { wishId, reason: '重复发布' })).status).toBe('withdrawn')

      const claimed = await addWish(server, 'claimed')
      const other = await addPerson(server, 'u-not-claimer')
      expect(errorCode(await other.call('wishes', 'release', { wishId: claimed, reason: '不是我的' }))).toBe('FORBIDDEN')
      expect(errorCode(await staff.call('wishes', 'fulfil', { wishId: claimed, note: '不是我的' }))).toBe('FORBIDDEN')
      expect((await wishDoc(server, claimed)).status).toBe('claimed')
    })

    it('should let any liaison of the claiming unit carry the claim on', async () => {
      const first = await addUnitLiaison(server, 'u-unit-a', 'unit-shared', '和平银行')
      const second = await addPerson(server, 'u-unit-b', { roles: [] })
      await server.db.collection('roles').add({ _id: 'unit-shared:u-unit-b:liaison', userId: 'u-unit-b', role: 'liaison', scopeId: 'unit-shared', grantedBy: 'test', createdAt: new Date() })
      const wishId = await addWish(server, 'open')
      await first.ok('wishes', 'claim', { wishId, asUnit: true })
      expect((await second.ok<Detail>('wishes', 'detail', { wishId })).mine).toMatchObject({ isClaimer: true, canFulfil: true })
      await second.ok('wishes', 'fulfil', { wishId, note: '同事去送的' })
      expect((await wishDoc(server, wishId)).status).toBe('fulfilled')
    })

    it('should ask an unregistered caller to register before their lists, and a stranger to sign in', async () => {
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await newcomer.call('wishes', 'mine', {}))).toBe('NOT_REGISTERED')
      expect(errorCode(await newcomer.call('wishes', 'myClaims', {}))).toBe('NOT_REGISTERED')
      expect(errorCode(await newcomer.call('wishes', 'post', { communityId: 'c-xingfu', title: '一个心愿', story: '想要', category: '其他' }))).toBe('NOT_REGISTERED')
      expect(errorCode(await server.anonymous.call('wishes', 'mine', {}))).toBe('UNAUTHENTICATED')
    })
  })

  describe('privacy', () => {
    /** Everything private about the seeded beneficiaries and claimers. */
    const secrets = ['刘秀英', '13800000001', '3 栋 2 单元', '周桂兰', '6 栋 1 单元', '欧阳明华', '2 栋 3 单元', '何建平', '13900000011', '4 栋 1 单元', '张伟', '13800000002']
    const publicWishes = ['w-lamp', 'w-schoolbag', 'w-visit', 'w-rice']

    it('should keep phones, addresses and full names out of every public response on the seeded data', async () => {
      const fresh = await startTestServer()
      try {
        const viewers: Array<[string, Client]> = [
          ['not signed in', fresh.anonymous],
          ['a stranger member', await addPerson(fresh, 'u-privacy-member')],
          ['a liaison', await fresh.as('demo-liaison')],
          ['staff of another community', await fresh.as('demo-staff-hexie')],
        ]
        for (const [who, viewer] of viewers) {
          const outputs: unknown[] = [
            await viewer.ok('wishes', 'wall', { communityId: 'c-xingfu' }),
            ...(await Promise.all(wishStatusesOnWall.map((status) => viewer.ok('wishes', 'wall', { communityId: 'c-xingfu', status })))),
            await viewer.ok('communities', 'overview', { communityId: 'c-xingfu' }),
            ...(await Promise.all(publicWishes.map((wishId) => viewer.ok('wishes', 'detail', { wishId })))),
          ]
          const text = JSON.stringify(outputs)
          for (const secret of secrets) expect({ who, leaked: text.includes(secret) ? secret : null }).toEqual({ who, leaked: null })
          expect(text).toContain('刘*英')
        }
      } finally {
        await fresh.stop()
      }
    })
  })

  describe('content check', () => {
    it('should refuse a blocked word on post and edit and store nothing', async () => {
      const before = await countAll(server, ['wishes', 'claims', 'audit'])
      const post = await resident.call('wishes', 'post', { title: '推荐赌博网站', story: '来看看', category: '其他' })
      expect(errorCode(post)).toBe('CONTENT_REJECTED')
      const postFor = await staff.call('wishes', 'postFor', {
        communityId: 'c-xingfu',
        beneficiary: { name: '钱玉珍', address: '幸福小区' },
        title: '想要一台收音机',
        story: '代开发票请联系',
        category: '其他',
      })
      expect(errorCode(postFor)).toBe('CONTENT_REJECTED')
      expect(await countAll(server, ['wishes', 'claims', 'audit'])).toEqual(before)

      const wishId = await addWish(server, 'open')
      const original = await wishDoc(server, wishId)
      expect(errorCode(await resident.call('wishes', 'edit', { wishId, story: '加我看 赌博 网站' }))).toBe('CONTENT_REJECTED')
      expect(await wishDoc(server, wishId)).toEqual(original)
    })

    it('should refuse words from DATA_DIR/blocked-words.txt', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tongxin-words-'))
      writeFileSync(join(dataDir, 'blocked-words.txt'), '# 本社区屏蔽词\n卖保健品\n')
      const local = await startTestServer({ dataDir })
      try {
        const wisher = await local.as('demo-resident')
        expect(errorCode(await wisher.call('wishes', 'post', { title: '有人卖保健品吗', story: '想买', category: '其他' }))).toBe('CONTENT_REJECTED')
        expect((await wisher.ok<{ status: string }>('wishes', 'post', { title: '想要一袋大米', story: '谢谢', category: '生活物资' })).status).toBe('pending')
      } finally {
        await local.stop()
      }
    })
  })

  describe('bad input', () => {
    const long = (n: number) => '字'.repeat(n)
    it.each([
      ['post', { title: '一', story: '想要', category: '其他' }],
      ['post', { title: long(41), story: '想要', category: '其他' }],
      ['post', { title: '一个心愿', story: long(501), category: '其他' }],
      ['post', { title: '一个心愿', story: '想要', category: '家电' }],
      ['post', { title: '一个心愿', story: '想要', category: '其他', photos: Array(7).fill(PHOTO) }],
      ['post', { title: '一个心愿', story: '想要', category: '其他', photos: ['https://evil.example/x.jpg'] }],
      ['post', { title: '一个心愿', story: '想要', category: '其他', photos: ['/uploads/../../etc/passwd'] }],
      ['post', { title: '一个心愿', story: '想要', category: '其他', wishedBy: '明天' }],
      ['post', { title: '一个心愿', story: '想要', category: '其他', status: 'open' }],
      ['post', { title: 42, story: '想要', category: '其他' }],
      ['edit', { wishId: 'w-pending' }],
      ['edit', { wishId: 'w-pending', title: '' }],
      ['review', { wishId: 'w-pending', decision: 'reject' }],
      ['review', { wishId: 'w-pending', decision: 'maybe' }],
      ['claim', { wishId: 'w-lamp', asUnit: 'yes' }],
      ['release', { wishId: 'w-visit', reason: '忙' }],
      ['fulfil', { wishId: 'w-visit', note: '' }],
      ['confirm', { wishId: 'w-visit', rating: 6 }],
      ['confirm', { wishId: 'w-visit', rating: 4.5 }],
      ['postFor', { communityId: 'c-xingfu', beneficiary: { name: '钱玉珍', phone: '12345', address: '幸福小区' }, title: '一个心愿', story: '想要', category: '其他' }],
      ['postFor', { communityId: 'c-xingfu', beneficiary: { name: '钱玉珍' }, title: '一个心愿', story: '想要', category: '其他' }],
    ])('should refuse %s %j with VALIDATION_FAILED and change nothing', async (action, data) => {
      const before = await countAll(server, ['wishes', 'claims', 'entries', 'audit'])
      const pending = await wishDoc(server, 'w-pending')
      const caller = action === 'review' || action === 'postFor' ? staff : action === 'release' || action === 'fulfil' || action === 'claim' ? member : resident
      expect(errorCode(await caller.call('wishes', action, data))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, ['wishes', 'claims', 'entries', 'audit'])).toEqual(before)
      expect(await wishDoc(server, 'w-pending')).toEqual(pending)
    })
  })
})

const wishStatusesOnWall = ['open', 'claimed', 'fulfilled', 'confirmed'] as const satisfies ReadonlyArray<WishDoc['status']>
