import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UNREACHABLE_SWITCH } from '../../cloudfunctions/lib/content'
import type { AuditDoc } from '../../cloudfunctions/lib/shared/audit'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import { allDocs, startTestServer, type Client, type TestServer } from '../helpers/server'
import { validReport } from './members-fixtures'
import { createVenue, inDays } from './venues-fixtures'
import { addWish } from './wishes-fixtures'

/**
 * The content check unreachable (the local checker's DATA_DIR switch, the
 * same path an msgSecCheck outage takes): every write still succeeds, the
 * text is kept, held from public views and waiting for staff where they
 * already look, and staff settling it publishes it.
 */
describe('content check unreachable: nothing the user wrote is lost', () => {
  let server: TestServer
  let staff: Client
  let resident: Client
  let member: Client
  let liaison: Client
  const checkerDown = () => writeFileSync(join(server.dataDir, UNREACHABLE_SWITCH), '')
  const checkerUp = () => rmSync(join(server.dataDir, UNREACHABLE_SWITCH), { force: true })
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id)
  const auditOf = async (kind: string, targetId: string) => (await allDocs<AuditDoc>(server, 'audit')).filter((entry) => entry.kind === kind && entry.targetId === targetId)

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, resident, member, liaison] = await Promise.all(['demo-staff', 'demo-resident', 'demo-member', 'demo-liaison'].map((openid) => server.as(openid)))
  })
  afterEach(checkerUp)
  afterAll(() => server.stop())

  describe('wishes', () => {
    it('should keep a posted wish pending with the 待人工审核 tag in 心愿审核, off the wall until staff approve it', async () => {
      checkerDown()
      const wish = await resident.ok('wishes', 'post', { title: '想要一副老花镜', story: '看报纸吃力', category: '生活物资' })
      expect(wish).toMatchObject({ status: 'pending', contentReview: 'pending', title: '想要一副老花镜' })
      const queue = await staff.ok('wishes', 'reviewQueue', { communityId: 'c-xingfu', pageSize: 50 })
      expect(queue.items.find((item: { id: string }) => item.id === wish.id)).toMatchObject({ contentReview: 'pending', story: '看报纸吃力' })
      expect(ids((await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 50 })).items)).not.toContain(wish.id)

      expect(await staff.ok('wishes', 'review', { wishId: wish.id, decision: 'approve' })).toMatchObject({ status: 'open', contentReview: null })
      expect(ids((await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 50 })).items)).toContain(wish.id)
    })

    it('should hold a wish staff post for a neighbour in 心愿审核 instead of putting it straight on the wall', async () => {
      checkerDown()
      const wish = await staff.ok('wishes', 'postFor', {
        communityId: 'c-xingfu',
        beneficiary: { name: '李大爷', phone: '', address: '幸福小区 5 栋' },
        title: '修一下收音机',
        story: '收音机不响了',
        category: '维修帮办',
      })
      expect(wish).toMatchObject({ status: 'pending', contentReview: 'pending' })
      expect(ids((await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 50 })).items)).not.toContain(wish.id)
      expect(await staff.ok('wishes', 'review', { wishId: wish.id, decision: 'approve' })).toMatchObject({ status: 'open', contentReview: null })
    })

    it('should hide an unchecked fulfilment note and thank-you from others until staff clear or reject them', async () => {
      const wishId = await addWish(server, 'claimed')
      checkerDown()
      await member.ok('wishes', 'fulfil', { wishId, note: '眼镜已送到刘阿姨家' })
      expect((await server.anonymous.ok('wishes', 'detail', { wishId })).fulfilment.note).toBe('')
      expect((await resident.ok('wishes', 'detail', { wishId })).fulfilment.note).toBe('眼镜已送到刘阿姨家')
      const queue = await staff.ok('wishes', 'reviewQueue', { communityId: 'c-xingfu' })
      expect(queue.held.find((item: { id: string }) => item.id === wishId)).toMatchObject({ status: 'fulfilled', contentReview: 'pending', fulfilment: { note: '眼镜已送到刘阿姨家' } })
      expect(await staff.ok('wishes', 'reviewContent', { wishId, decision: 'clear' })).toMatchObject({ contentReview: null })
      expect((await server.anonymous.ok('wishes', 'detail', { wishId })).fulfilment.note).toBe('眼镜已送到刘阿姨家')
      expect(ids((await staff.ok('wishes', 'reviewQueue', { communityId: 'c-xingfu' })).held)).not.toContain(wishId)

      await resident.ok('wishes', 'confirm', { wishId, rating: 5, story: '谢谢张伟送来的眼镜' })
      expect((await server.anonymous.ok('wishes', 'detail', { wishId })).confirmation.story).toBe('')
      expect((await staff.call('wishes', 'reviewContent', { wishId, decision: 'reject' })).ok).toBe(false)
      expect(await staff.ok('wishes', 'reviewContent', { wishId, decision: 'reject', reason: '含有联系方式' })).toMatchObject({ contentReview: 'rejected' })
      expect((await server.anonymous.ok('wishes', 'detail', { wishId })).confirmation.story).toBe('')
      expect((await resident.ok('wishes', 'detail', { wishId })).confirmation.story).toBe('谢谢张伟送来的眼镜')
      expect(await auditOf('content.reject', wishId)).toHaveLength(1)
      expect(await staff.call('wishes', 'reviewContent', { wishId, decision: 'clear' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    })

    it('should leave the flag unset and a staff-posted wish on the wall when the checker answers', async () => {
      const posted = await resident.ok('wishes', 'post', { title: '想学用智能手机', story: '想和孙子视频', category: '陪伴服务' })
      expect(posted).toMatchObject({ status: 'pending', contentReview: null })
      const forNeighbour = await staff.ok('wishes', 'postFor', {
        communityId: 'c-xingfu',
        beneficiary: { name: '王奶奶', phone: '', address: '幸福小区 1 栋' },
        title: '换个灯泡',
        story: '厨房灯坏了',
        category: '维修帮办',
      })
      expect(forNeighbour).toMatchObject({ status: 'open', contentReview: null })
      expect(await resident.call('wishes', 'post', { title: '赌博网站', story: '加我', category: '其他' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    })

    it('should refuse reviewContent to anyone but staff', async () => {
      const wishId = await addWish(server, 'fulfilled')
      expect(await resident.call('wishes', 'reviewContent', { wishId, decision: 'clear' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('suggestions', () => {
    it('should keep an unchecked suggestion in 待受理 with the tag, settled when staff accept it', async () => {
      checkerDown()
      const submitted = await resident.ok('suggestions', 'submit', { category: '环境卫生', title: '垃圾站太臭', content: '夏天味道很大，请加派清运', anonymous: false })
      expect(submitted).toMatchObject({ status: 'submitted', contentReview: 'pending' })
      const queue = await staff.ok('suggestions', 'list', { communityId: 'c-xingfu', status: 'submitted', pageSize: 50 })
      expect(queue.items.find((item: { id: string }) => item.id === submitted.id)).toMatchObject({ contentReview: 'pending' })
      expect(ids((await server.anonymous.ok('suggestions', 'public', { communityId: 'c-xingfu', pageSize: 50 })).items)).not.toContain(submitted.id)
      expect(await staff.ok('suggestions', 'accept', { suggestionId: submitted.id })).toMatchObject({ status: 'accepted', contentReview: null })

      // Staff's own reply goes out as written, on the audit trail as unchecked.
      const replied = await staff.ok('suggestions', 'reply', { suggestionId: submitted.id, text: '已联系环卫所' })
      expect(replied.replies.map((reply: { text: string }) => reply.text)).toEqual(['已联系环卫所'])
      expect(await auditOf('content.unchecked', submitted.id)).toEqual([expect.objectContaining({ actorId: 'u-staff', detail: { action: 'suggestions.reply' } })])
    })
  })

  describe('members', () => {
    it('should keep an unchecked 报到 form with the tag in 待审核, settled when staff confirm it', async () => {
      checkerDown()
      const report = await resident.ok('members', 'submit', validReport)
      expect(report).toMatchObject({ status: 'submitted', contentReview: 'pending', workUnit: validReport.workUnit })
      expect(await staff.ok('members', 'confirm', { reportId: report.id })).toMatchObject({ status: 'confirmed', contentReview: null })
    })
  })

  describe('announcements', () => {
    it('should publish a staff announcement as written and record that it went out unchecked', async () => {
      checkerDown()
      const published = await staff.ok('announcements', 'publish', { communityId: 'c-xingfu', kind: 'notice', title: '明日停水通知', source: '明天 9:00–12:00 停水' })
      expect(ids((await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', pageSize: 50 })).items)).toContain(published.id)
      expect(await auditOf('content.unchecked', published.id)).toEqual([expect.objectContaining({ detail: { action: 'announcements.publish' } })])
    })

    it('should record nothing unchecked when the checker answers', async () => {
      const published = await staff.ok('announcements', 'publish', { communityId: 'c-xingfu', kind: 'news', title: '重阳节活动', source: '欢迎参加' })
      expect(await auditOf('content.unchecked', published.id)).toEqual([])
    })
  })

  describe('venues', () => {
    it('should book with an unchecked purpose, tagged for staff and settled when they approve', async () => {
      const venueId = await createVenue(staff)
      checkerDown()
      const booking = await member.ok('venues', 'book', { venueId, date: inDays(4), start: '10:00', purpose: '党小组学习', attendees: 5 })
      expect(booking).toMatchObject({ status: 'pending', purpose: '党小组学习' })
      const queue = await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending', pageSize: 50 })
      expect(queue.items.find((item: { id: string }) => item.id === booking.id)).toMatchObject({ contentReview: 'pending' })
      expect(await staff.ok('venues', 'approve', { bookingId: booking.id })).toMatchObject({ status: 'approved', contentReview: null })
    })
  })

  describe('units', () => {
    it('should keep an unchecked resource off the public list until staff of a paired community clear it', async () => {
      checkerDown()
      const resource = await liaison.ok('units', 'publishResource', { unitId: 'unit-school', kind: '场地', title: '学校体育馆', description: '周末开放', availability: '周六' })
      expect(ids(await server.anonymous.ok('units', 'resources', { communityId: 'c-xingfu' }))).not.toContain(resource.id)
      expect(ids((await server.anonymous.ok('units', 'detail', { unitId: 'unit-school' })).resources)).not.toContain(resource.id)
      expect((await liaison.ok('units', 'resources', { unitId: 'unit-school' })).find((item: { id: string }) => item.id === resource.id)).toMatchObject({ contentReview: 'pending' })
      expect((await staff.ok('units', 'resources', { communityId: 'c-xingfu' })).find((item: { id: string }) => item.id === resource.id)).toMatchObject({ contentReview: 'pending' })
      expect(await liaison.call('units', 'reviewResource', { resourceId: resource.id, decision: 'clear' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

      expect(await staff.ok('units', 'reviewResource', { resourceId: resource.id, decision: 'clear' })).toMatchObject({ contentReview: null })
      expect(ids(await server.anonymous.ok('units', 'resources', { communityId: 'c-xingfu' }))).toContain(resource.id)
    })

    it('should keep an unchecked proposal with the tag for staff, settled when they agree to it', async () => {
      checkerDown()
      const proposed = await liaison.ok('units', 'proposeCommitment', {
        unitId: 'unit-school',
        communityId: 'c-xingfu',
        year: chinaYear(new Date()),
        title: '开放图书馆',
        content: '周末向居民开放图书馆',
        category: '文化',
        deadline: `${chinaYear(new Date())}-12-31`,
        measure: '开放 40 个周末',
      })
      expect(proposed).toMatchObject({ status: 'proposed', contentReview: 'pending' })
      expect(ids((await server.anonymous.ok('units', 'commitments', { communityId: 'c-xingfu', pageSize: 50 })).items)).not.toContain(proposed.id)
      expect(await staff.ok('units', 'agreeCommitment', { commitmentId: proposed.id })).toMatchObject({ status: 'agreed', contentReview: null })
      const progressed = await liaison.ok('units', 'progressCommitment', { commitmentId: proposed.id, note: '已开放 3 个周末' })
      expect(progressed).toMatchObject({ status: 'in_progress', contentReview: 'pending' })
    })

    it('should publish a staff demand as written and record that it went out unchecked', async () => {
      checkerDown()
      const demand = await staff.ok('units', 'publishDemand', { communityId: 'c-xingfu', title: '需要志愿讲师', content: '为老年大学讲手机课', category: '教育', maxClaims: 1 })
      expect(demand).toMatchObject({ status: 'open', title: '需要志愿讲师' })
      expect(await auditOf('content.unchecked', demand.id)).toHaveLength(1)
    })
  })
})
