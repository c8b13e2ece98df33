import type { SuggestionDoc } from '../../cloudfunctions/lib/suggestions/model'
import type { PublicSuggestion, SuggestionCard, SuggestionView } from '../../cloudfunctions/lib/suggestions/model'
import type { SuggestionQueue } from '../../cloudfunctions/lib/suggestions/service'
import type { Page } from '../../cloudfunctions/lib/shared/schemas'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'
import { errorCode } from './points-fixtures'
import { addSuggestion, suggestionDoc } from './suggestions-fixtures'

const photo = (n: number) => `/uploads/${String(n).repeat(32).slice(0, 32)}.jpg`

const submission = { category: '设施维修', title: '东门路灯不亮', content: '小区东门的路灯坏了一个星期，晚上老人出门不安全。', photos: [photo(1)] }

describe('suggestions', () => {
  let server: TestServer
  let resident: Client
  let staff: Client
  let member: Client
  let hexieStaff: Client
  beforeAll(async () => {
    server = await startTestServer()
    resident = await server.as('demo-resident')
    staff = await server.as('demo-staff')
    member = await server.as('demo-member')
    hexieStaff = await server.as('demo-staff-hexie')
  })
  afterAll(() => server.stop())

  describe('the three steps', () => {
    it('should take a suggestion from submission to a rated close, with every step on the timeline and in the public list', async () => {
      const submitted = await resident.ok<SuggestionView>('suggestions', 'submit', { ...submission, anonymous: true })
      expect(submitted).toMatchObject({ status: 'submitted', communityId: 'c-xingfu', anonymous: true, submitter: null, mine: { isSubmitter: true, canWithdraw: true, canRate: false } })
      const suggestionId = submitted.id

      const queue = await staff.ok<SuggestionQueue>('suggestions', 'list', { communityId: 'c-xingfu', status: 'submitted', pageSize: 50 })
      expect(queue.items.map((item) => item.id)).toContain(suggestionId)
      expect(queue.counts.submitted).toBe(queue.total)
      const staffView = await staff.ok<SuggestionView>('suggestions', 'detail', { suggestionId })
      expect(staffView.submitter).toEqual({ userId: 'u-resident', name: '刘秀英' })
      expect(staffView.mine).toMatchObject({ canAccept: true, canDecline: true, canReply: false })

      await staff.ok('suggestions', 'accept', { suggestionId })
      await staff.ok('suggestions', 'assign', { suggestionId, staffId: 'u-staff', note: '请尽快查看' })
      const first = await staff.ok<SuggestionView>('suggestions', 'reply', { suggestionId, text: '已联系物业电工，明天上午维修。' })
      const second = await staff.ok<SuggestionView>('suggestions', 'reply', { suggestionId, text: '电工已到现场，需更换灯杆线路。' })
      expect(second.repliedAt).toEqual(first.repliedAt)
      const closed = await staff.ok<SuggestionView>('suggestions', 'close', { suggestionId, result: '东门路灯已修复，并加装了一盏。' })
      expect(closed).toMatchObject({ status: 'closed', assignee: { kind: 'staff', name: '王丽' } })

      const mineBeforeRating = await resident.ok<SuggestionView>('suggestions', 'detail', { suggestionId })
      expect(mineBeforeRating.mine).toMatchObject({ canRate: true, canWithdraw: false })
      const rated = await resident.ok<SuggestionView>('suggestions', 'rate', { suggestionId, score: 5, comment: '处理得很快，谢谢！' })
      expect(rated.rating).toMatchObject({ score: 5, comment: '处理得很快，谢谢！' })
      expect(rated.mine.canRate).toBe(false)
      expect(rated.submitter).toBeNull()
      expect(rated.timeline.map((step) => step.action)).toEqual(['submit', 'accept', 'assign', 'reply', 'reply', 'close', 'rate'])
      expect(rated.timeline[1].actorName).toBe('王丽')
      expect(rated.timeline[2].note).toBe('交办给王丽：请尽快查看')
      expect(rated.replies.map((reply) => reply.text)).toEqual(['已联系物业电工，明天上午维修。', '电工已到现场，需更换灯杆线路。'])

      const doc = await suggestionDoc(server, suggestionId)
      const times = [doc.createdAt, doc.acceptedAt!, doc.repliedAt!, doc.closedAt!].map((at) => new Date(at).getTime())
      expect([...times].sort((a, b) => a - b)).toEqual(times)

      const publicPage = await server.anonymous.ok<Page<PublicSuggestion>>('suggestions', 'public', { communityId: 'c-xingfu', pageSize: 50 })
      const shown = publicPage.items.find((item) => item.id === suggestionId)
      expect(shown).toMatchObject({ submitterMasked: '匿名居民', result: '东门路灯已修复，并加装了一盏。', score: 5 })
      expect(shown!.replies.map((reply) => reply.text)).toHaveLength(2)
      const text = JSON.stringify(shown)
      for (const secret of ['刘秀英', '王丽', 'u-resident', 'u-staff', photo(1), '处理得很快']) expect(text).not.toContain(secret)
    })

    it('should mask the name of a suggestion that was not anonymous, and list only closed ones publicly, newest closed first', async () => {
      const page = await server.anonymous.ok<Page<PublicSuggestion>>('suggestions', 'public', { communityId: 'c-xingfu', pageSize: 50 })
      const closed = await server.db.collection<SuggestionDoc>('suggestions').where({ communityId: 'c-xingfu', status: 'closed' }).count()
      expect(page.total).toBe(closed.total)
      const openId = await addSuggestion(server, 'replied')
      const closedId = await addSuggestion(server, 'closed', { submitterName: '欧阳小华' })
      await server.db.collection('suggestions').doc(closedId).update({ closedAt: new Date() })
      const after = await server.anonymous.ok<Page<PublicSuggestion>>('suggestions', 'public', { communityId: 'c-xingfu', pageSize: 50 })
      expect(after.items[0]).toMatchObject({ id: closedId, submitterMasked: '欧**华' })
      expect(after.items.map((item) => item.id)).not.toContain(openId)
      const byCategory = await server.anonymous.ok<Page<PublicSuggestion>>('suggestions', 'public', { communityId: 'c-xingfu', category: '邻里关系' })
      expect(byCategory.items.every((item) => item.category === '邻里关系')).toBe(true)
    })

    it('should count a close without a reply as the first response', async () => {
      const suggestionId = await addSuggestion(server, 'accepted')
      const closed = await staff.ok<SuggestionView>('suggestions', 'close', { suggestionId, result: '已当场处理' })
      expect(closed.repliedAt).toEqual(closed.closedAt)
    })

    it('should let the submitter withdraw before acceptance and see it in their own list only', async () => {
      const { id } = await resident.ok<SuggestionView>('suggestions', 'submit', { ...submission, photos: [] })
      const withdrawn = await resident.ok<SuggestionView>('suggestions', 'withdraw', { suggestionId: id })
      expect(withdrawn.status).toBe('withdrawn')
      const mine = await resident.ok<Page<SuggestionCard>>('suggestions', 'mine', { status: 'withdrawn', pageSize: 50 })
      expect(mine.items.map((item) => item.id)).toContain(id)
      const othersMine = await member.ok<Page<SuggestionCard>>('suggestions', 'mine', { pageSize: 50 })
      expect(othersMine.items.map((item) => item.id)).not.toContain(id)
      expect(errorCode(await member.call('suggestions', 'detail', { suggestionId: id }))).toBe('NOT_FOUND')
    })

    it('should record a decline with its reason in the audit trail', async () => {
      const suggestionId = await addSuggestion(server, 'submitted')
      const declined = await staff.ok<SuggestionView>('suggestions', 'decline', { suggestionId, reason: '属于市政道路，已转交区城管' })
      expect(declined).toMatchObject({ status: 'declined', declineReason: '属于市政道路，已转交区城管' })
      const audit = await server.db.collection('audit').where({ targetId: suggestionId }).limit(10).get()
      expect(audit.data).toEqual([expect.objectContaining({ kind: 'suggestion.decline', actorId: 'u-staff', reason: '属于市政道路，已转交区城管' })])
    })

    it('should let a member of the community submit as well', async () => {
      const view = await member.ok<SuggestionView>('suggestions', 'submit', { category: '社区发展建议', title: '建议开设老年食堂', content: '社区老人多，希望能有一个老年助餐点。' })
      expect(view.status).toBe('submitted')
    })
  })

  describe('demo seed', () => {
    it('should seed c-xingfu with a suggestion in every status and timestamps in step order', async () => {
      const seeded = (await server.db.collection<SuggestionDoc>('suggestions').where({ communityId: 'c-xingfu' }).limit(1000).get()).data.filter((doc) => doc._id.startsWith('s-') && !doc._id.startsWith('s-test-'))
      expect(new Set(seeded.map((doc) => doc.status))).toEqual(new Set(['submitted', 'accepted', 'assigned', 'replied', 'closed', 'declined', 'withdrawn']))
      for (const doc of seeded) {
        const steps = [doc.createdAt, doc.acceptedAt, doc.repliedAt, doc.closedAt].filter(Boolean).map((at) => new Date(at!).getTime())
        expect([...steps].sort((a, b) => a - b)).toEqual(steps)
        expect(doc.history.map((entry) => new Date(entry.at).getTime())).toEqual(doc.history.map((entry) => new Date(entry.at).getTime()).sort((a, b) => a - b))
      }
      expect(seeded.some((doc) => doc.status === 'closed' && doc.userId === 'u-resident' && !doc.rating)).toBe(true)
    })
  })

  describe('authorization', () => {
    it('should refuse callers outside the suggestion community and those not registered', async () => {
      const suggestionId = await addSuggestion(server, 'submitted')
      const before = await suggestionDoc(server, suggestionId)
      const counts = await countAll(server, ['suggestions'])
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await hexieStaff.call('suggestions', 'accept', { suggestionId }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('suggestions', 'detail', { suggestionId }))).toBe('NOT_FOUND')
      expect(errorCode(await hexieStaff.call('suggestions', 'list', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(errorCode(await resident.call('suggestions', 'list', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(errorCode(await resident.call('suggestions', 'submit', { ...submission, communityId: 'c-hexie' }))).toBe('FORBIDDEN')
      expect(errorCode(await newcomer.call('suggestions', 'submit', submission))).toBe('NOT_REGISTERED')
      expect(errorCode(await server.anonymous.call('suggestions', 'submit', { ...submission, communityId: 'c-xingfu' }))).toBe('UNAUTHENTICATED')
      expect(errorCode(await server.anonymous.call('suggestions', 'detail', { suggestionId }))).toBe('UNAUTHENTICATED')
      expect(errorCode(await server.anonymous.call('suggestions', 'public', {}))).toBe('VALIDATION_FAILED')
      expect(errorCode(await staff.call('suggestions', 'accept', { suggestionId: 's-missing' }))).toBe('NOT_FOUND')
      expect(await suggestionDoc(server, suggestionId)).toEqual(before)
      expect(await countAll(server, ['suggestions'])).toEqual(counts)
    })

    it('should give someone signed in but not registered an empty list of their suggestions, as they cannot have submitted one', async () => {
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await newcomer.call('suggestions', 'submit', submission))).toBe('NOT_REGISTERED')
      expect(await newcomer.call('suggestions', 'mine', { pageSize: 50 })).toEqual({ ok: true, data: { items: [], total: 0, page: 1, pageSize: 50 } })
      expect(errorCode(await server.anonymous.call('suggestions', 'mine', {}))).toBe('UNAUTHENTICATED')
    })

    it('should let staff of c-hexie handle c-hexie suggestions but not assign to staff of another community', async () => {
      const suggestionId = await addSuggestion(server, 'accepted', { communityId: 'c-hexie', userId: 'u-staff-hexie', submitterName: '孙梅' })
      const before = await suggestionDoc(server, suggestionId)
      expect(errorCode(await staff.call('suggestions', 'reply', { suggestionId, text: '收到' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('suggestions', 'assign', { suggestionId, staffId: 'u-staff' }))).toBe('NOT_FOUND')
      expect(errorCode(await hexieStaff.call('suggestions', 'assign', { suggestionId, staffId: 'u-resident' }))).toBe('NOT_FOUND')
      expect(await suggestionDoc(server, suggestionId)).toEqual(before)
      const assigned = await hexieStaff.ok<SuggestionView>('suggestions', 'assign', { suggestionId, handler: '和谐物业服务中心' })
      expect(assigned.assignee).toEqual({ kind: 'handler', name: '和谐物业服务中心' })
    })

    it('should let a district admin handle suggestions of every community in the district', async () => {
      const admin = await server.as('demo-district-admin')
      const suggestionId = await addSuggestion(server, 'submitted', { communityId: 'c-hexie' })
      expect((await admin.ok<SuggestionView>('suggestions', 'accept', { suggestionId })).status).toBe('accepted')
    })
  })

  describe('content check', () => {
    it('should refuse blocked words with CONTENT_REJECTED and store nothing', async () => {
      const counts = await countAll(server, ['suggestions'])
      expect(errorCode(await resident.call('suggestions', 'submit', { ...submission, content: '楼下有人开赌博网站，请处理' }))).toBe('CONTENT_REJECTED')
      expect(errorCode(await resident.call('suggestions', 'submit', { ...submission, title: '代开发票' }))).toBe('CONTENT_REJECTED')
      expect(await countAll(server, ['suggestions'])).toEqual(counts)

      const accepted = await addSuggestion(server, 'accepted')
      const before = await suggestionDoc(server, accepted)
      expect(errorCode(await staff.call('suggestions', 'reply', { suggestionId: accepted, text: '请联系 裸聊 客服' }))).toBe('CONTENT_REJECTED')
      expect(errorCode(await staff.call('suggestions', 'close', { suggestionId: accepted, result: '枪支弹药已没收' }))).toBe('CONTENT_REJECTED')
      expect(errorCode(await staff.call('suggestions', 'assign', { suggestionId: accepted, handler: '毒品交易中心' }))).toBe('CONTENT_REJECTED')
      expect(await suggestionDoc(server, accepted)).toEqual(before)

      const closed = await addSuggestion(server, 'closed')
      const closedBefore = await suggestionDoc(server, closed)
      expect(errorCode(await resident.call('suggestions', 'rate', { suggestionId: closed, score: 1, comment: '色情服务' }))).toBe('CONTENT_REJECTED')
      expect(await suggestionDoc(server, closed)).toEqual(closedBefore)
    })
  })

  describe('bad input', () => {
    const longText = '长'.repeat(1001)
    const cases: Array<{ label: string; by: 'resident' | 'staff'; action: string; data: (id: string) => Record<string, unknown> }> = [
      { label: 'submit without a category', by: 'resident', action: 'submit', data: () => ({ title: '路灯坏了', content: '东门路灯坏了好久' }) },
      { label: 'submit with an unknown category', by: 'resident', action: 'submit', data: () => ({ ...submission, category: '投诉' }) },
      { label: 'submit with a one-character title', by: 'resident', action: 'submit', data: () => ({ ...submission, title: '灯' }) },
      { label: 'submit with content too short', by: 'resident', action: 'submit', data: () => ({ ...submission, content: '坏了' }) },
      { label: 'submit with content too long', by: 'resident', action: 'submit', data: () => ({ ...submission, content: longText }) },
      { label: 'submit with seven photos', by: 'resident', action: 'submit', data: () => ({ ...submission, photos: [1, 2, 3, 4, 5, 6, 7].map(photo) }) },
      { label: 'submit with a photo from elsewhere', by: 'resident', action: 'submit', data: () => ({ ...submission, photos: ['https://example.com/a.jpg'] }) },
      { label: 'submit with anonymous as a string', by: 'resident', action: 'submit', data: () => ({ ...submission, anonymous: 'yes' }) },
      { label: 'submit with an unknown field', by: 'resident', action: 'submit', data: () => ({ ...submission, status: 'closed' }) },
      { label: 'rate with 6 stars', by: 'resident', action: 'rate', data: (id) => ({ suggestionId: id, score: 6 }) },
      { label: 'rate with 0 stars', by: 'resident', action: 'rate', data: (id) => ({ suggestionId: id, score: 0 }) },
      { label: 'rate with 4.5 stars', by: 'resident', action: 'rate', data: (id) => ({ suggestionId: id, score: 4.5 }) },
      { label: 'decline without a reason', by: 'staff', action: 'decline', data: (id) => ({ suggestionId: id }) },
      { label: 'assign to nobody', by: 'staff', action: 'assign', data: (id) => ({ suggestionId: id }) },
      { label: 'assign to both a person and a handler', by: 'staff', action: 'assign', data: (id) => ({ suggestionId: id, staffId: 'u-staff', handler: '物业公司' }) },
      { label: 'reply with nothing', by: 'staff', action: 'reply', data: (id) => ({ suggestionId: id, text: '   ' }) },
      { label: 'close without a result', by: 'staff', action: 'close', data: (id) => ({ suggestionId: id }) },
      { label: 'close with a suggestionId that is a number', by: 'staff', action: 'close', data: () => ({ suggestionId: 12, result: '已处理' }) },
      { label: 'list without a community', by: 'staff', action: 'list', data: () => ({}) },
      { label: 'list with an unknown status', by: 'staff', action: 'list', data: () => ({ communityId: 'c-xingfu', status: 'done' }) },
      { label: 'list with pageSize 51', by: 'staff', action: 'list', data: () => ({ communityId: 'c-xingfu', pageSize: 51 }) },
    ]

    it.each(cases)('$label should answer VALIDATION_FAILED and change nothing', async ({ by, action, data }) => {
      const targets = await Promise.all((['submitted', 'accepted', 'closed'] as const).map((status) => addSuggestion(server, status)))
      const before = await Promise.all(targets.map((id) => suggestionDoc(server, id)))
      const counts = await countAll(server, ['suggestions', 'audit'])
      const client = by === 'staff' ? staff : resident
      const target = action === 'rate' ? targets[2] : action === 'decline' ? targets[0] : targets[1]
      expect(errorCode(await client.call('suggestions', action, data(target)))).toBe('VALIDATION_FAILED')
      expect(await Promise.all(targets.map((id) => suggestionDoc(server, id)))).toEqual(before)
      expect(await countAll(server, ['suggestions', 'audit'])).toEqual(counts)
    })
  })
})
