import { auditStats, storedMonths } from '../../cloudfunctions/lib/dashboard/recount'
import { emptyCounters, statsFields, type StatsCounters } from '../../cloudfunctions/lib/stats'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, createItem } from './points-fixtures'
import { createVenue, inDays } from './venues-fixtures'

const HOUR = 3600 * 1000

/** Every month of a community added up: the changes below land in whatever month "now" is, on any date. */
async function totals(server: TestServer, communityId: string): Promise<StatsCounters> {
  const sum = emptyCounters()
  for (const counters of (await storedMonths(server.db, communityId)).values()) for (const field of statsFields) sum[field] += counters[field]
  return sum
}

const delta = (after: StatsCounters, before: StatsCounters): Partial<StatsCounters> =>
  Object.fromEntries(statsFields.filter((field) => after[field] !== before[field]).map((field) => [field, after[field] - before[field]]))

describe('dashboard roll-ups kept by the domains', () => {
  let server: TestServer
  let staff: Client
  let admin: Client
  let resident: Client
  let member: Client
  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, admin, resident, member] = await Promise.all(['demo-staff', 'demo-district-admin', 'demo-resident', 'demo-member'].map((openid) => server.as(openid)))
  })
  afterAll(() => server.stop())

  /** A finished activity of 幸福社区 with these people checked in for 2 h: the input of a confirmation, not a figure yet. */
  async function finishedActivity(activityId: string, userIds: string[]): Promise<void> {
    const now = Date.now()
    const startAt = new Date(now - 5 * HOUR)
    await server.db.collection('activities').add({
      _id: activityId, communityId: 'c-xingfu', type: '志愿服务', title: '统计测试', description: '', coverUrl: null, place: '幸福广场',
      startAt, endAt: new Date(now - 2 * HOUR), signupDeadline: new Date(now - 6 * HOUR), quota: 100, enrolledCount: userIds.length,
      pointsRule: { kind: 'perHour', points: 10 }, maxHours: 3, status: 'published', createdBy: 'u-staff', createdAt: new Date(now - 24 * HOUR), updatedAt: new Date(now - 24 * HOUR),
    })
    for (const userId of userIds) {
      await server.db.collection('enrollments').add({
        _id: `${activityId}:${userId}`, activityId, communityId: 'c-xingfu', userId, status: 'enrolled', checkInAt: startAt, checkOutAt: new Date(startAt.getTime() + 2 * HOUR),
        attendanceSource: 'code', hours: null, points: null, confirmedBy: null, confirmedAt: null, createdAt: new Date(now - 24 * HOUR), updatedAt: new Date(now - 24 * HOUR),
      })
    }
  }

  it('should start from roll-ups that equal a recount of the seeded documents', async () => {
    expect((await auditStats(server.db)).problems).toEqual([])
  })

  it('should move each figure with the request that changes it, and still equal a recount of every document', async () => {
    const before = await totals(server, 'c-xingfu')

    // 30 attendances confirmed by two staff racing over the same list: ten transactions at a time on shared shards.
    const people = Array.from({ length: 30 }, (_, index) => `u-stats-${index}`)
    await finishedActivity('a-stats', people)
    await Promise.all([staff.ok('activities', 'confirm', { activityId: 'a-stats', userIds: people }), admin.ok('activities', 'confirm', { activityId: 'a-stats', userIds: [...people].reverse() })])

    // A wish all the way: posted, approved, claimed, fulfilled, confirmed with 5 stars (the claimer earns 10 points).
    const wish = await resident.ok<{ id: string }>('wishes', 'post', { title: '想要一副老花镜', story: '看报纸吃力', category: '生活物资' })
    await staff.ok('wishes', 'review', { wishId: wish.id, decision: 'approve' })
    await member.ok('wishes', 'claim', { wishId: wish.id })
    await member.ok('wishes', 'fulfil', { wishId: wish.id, note: '已送到' })
    await resident.ok('wishes', 'confirm', { wishId: wish.id, rating: 5, story: '谢谢' })

    // Suggestions: one replied twice (the first reply counts), closed and rated 2 stars; one closed unanswered.
    const first = await resident.ok<{ id: string }>('suggestions', 'submit', { category: '环境卫生', title: '垃圾站太臭', content: '夏天味道很大，请加派清运', anonymous: false })
    await staff.ok('suggestions', 'accept', { suggestionId: first.id })
    await staff.ok('suggestions', 'reply', { suggestionId: first.id, text: '已联系环卫所' })
    await staff.ok('suggestions', 'reply', { suggestionId: first.id, text: '明天清运' })
    await staff.ok('suggestions', 'close', { suggestionId: first.id, result: '已清运' })
    await resident.ok('suggestions', 'rate', { suggestionId: first.id, score: 2, comment: '' })
    const second = await resident.ok<{ id: string }>('suggestions', 'submit', { category: '其他', title: '路灯不亮', content: '东门的路灯坏了三天', anonymous: false })
    await staff.ok('suggestions', 'accept', { suggestionId: second.id })
    await staff.ok('suggestions', 'close', { suggestionId: second.id, result: '已修复' })

    // Bookings: one approved, one approved then cancelled, one refused.
    const venueId = await createVenue(staff)
    const kept = await member.ok<{ id: string }>('venues', 'book', { venueId, date: inDays(4), start: '10:00', purpose: '党小组学习', attendees: 5 })
    const dropped = await member.ok<{ id: string }>('venues', 'book', { venueId, date: inDays(5), start: '10:00', purpose: '读书会', attendees: 5 })
    const refused = await member.ok<{ id: string }>('venues', 'book', { venueId, date: inDays(6), start: '10:00', purpose: '座谈', attendees: 5 })
    await staff.ok('venues', 'approve', { bookingId: kept.id })
    await staff.ok('venues', 'approve', { bookingId: dropped.id })
    await member.ok('venues', 'cancel', { bookingId: dropped.id })
    await staff.ok('venues', 'refuse', { bookingId: refused.id, reason: '当天已有安排' })

    // A commitment rated 4 stars, and a redemption of 40 points picked up.
    await resident.ok('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 4 })
    const buyer = await addPerson(server, 'u-stats-buyer', { points: 40 })
    const itemId = await createItem(staff, { pricePoints: 40, stock: 2 })
    const redemption = await buyer.ok<{ pickupCode: string }>('shop', 'redeem', { itemId })
    await staff.ok('shop', 'pickup', { communityId: 'c-xingfu', code: redemption.pickupCode })

    const after = await totals(server, 'c-xingfu')
    const { responseMs, ...moved } = delta(after, before)
    expect(moved).toEqual({
      attendances: 30,
      volunteerCentihours: 30 * 200,
      // 20 a person for 2 h, 10 for the wish's claimer, and the buyer's 40 (addPerson credits them with an earn entry).
      pointsIssued: 30 * 20 + 10 + 40,
      pointsRedeemed: 40,
      wishesPosted: 1,
      wishesClaimed: 1,
      wishesFulfilled: 1,
      suggestionsReceived: 2,
      suggestionsClosed: 2,
      suggestionsReplied: 2,
      bookings: 1,
      ratings: 3,
      satisfied: 2,
    })
    expect(responseMs).toBeGreaterThan(0)

    const audit = await auditStats(server.db)
    expect(audit.problems).toEqual([])
    expect(audit.participations).toBeGreaterThan(0)
  }, 60_000)

  it('should let the audit find a roll-up that drifted from its documents', async () => {
    const [shard] = (await server.db.collection<{ _id: string; attendances: number }>('stats').where({ communityId: 'c-xingfu' }).limit(1).get()).data
    await server.db.collection('stats').doc(shard._id).update({ attendances: shard.attendances + 1 })
    const audit = await auditStats(server.db)
    expect(audit.problems.some((problem) => problem.startsWith('stats c-xingfu') && problem.includes('attendances'))).toBe(true)
    await server.db.collection('stats').doc(shard._id).update({ attendances: shard.attendances })
  })
})
