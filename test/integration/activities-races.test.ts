import { roleDocId } from '../../cloudfunctions/lib/users/model'
import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import { startTestServer, type Client, type TestServer } from '../helpers/server'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const iso = (ms: number) => new Date(ms).toISOString()

/** Tally of outcomes: 'OK' or the error code. */
function tally(responses: Array<ApiResponse<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const response of responses) {
    const key = response.ok ? 'OK' : response.error.code
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

describe('activities under concurrent requests', () => {
  let server: TestServer
  let staff: Client
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
  })
  afterAll(() => server.stop())

  /** Registered members of 幸福社区, written straight into the database, each with a logged-in client. */
  async function createMembers(prefix: string, count: number): Promise<Array<{ userId: string; client: Client }>> {
    const now = new Date()
    const people = Array.from({ length: count }, (_, index) => ({ userId: `${prefix}-${index}`, openid: `openid-${prefix}-${index}` }))
    for (const { userId, openid } of people) {
      await server.db.collection('users').add({ _id: userId, openid, name: `志愿者${userId.slice(-3)}`, phone: '13700000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
      await server.db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, 'member'), userId, role: 'member', scopeId: 'c-xingfu', grantedBy: 'test', createdAt: now })
    }
    return Promise.all(people.map(async ({ userId, openid }) => ({ userId, client: await server.as(openid) })))
  }

  async function publish(quota: number, title = '并发报名测试'): Promise<string> {
    const now = Date.now()
    const card = await staff.ok('activities', 'publish', {
      communityId: 'c-xingfu',
      type: '志愿服务',
      title,
      place: '幸福广场',
      startAt: iso(now + 2 * HOUR),
      endAt: iso(now + 4 * HOUR),
      signupDeadline: iso(now + HOUR),
      quota,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 2,
    })
    return card.id
  }

  const activityDoc = async (activityId: string) => (await server.db.collection('activities').doc(activityId).get()).data[0] as any
  const enrolledCount = async (activityId: string) => (await server.db.collection('enrollments').where({ activityId, status: 'enrolled' }).count()).total

  it('should take exactly 50 of 200 concurrent sign-ups for a quota of 50', async () => {
    const members = await createMembers('quota', 200)
    const activityId = await publish(50)
    const responses = await Promise.all(members.map(({ client }) => client.call('activities', 'signup', { activityId })))
    const outcome = tally(responses)
    console.log('200 concurrent sign-ups, quota 50:', outcome)
    expect(outcome).toEqual({ OK: 50, QUOTA_FULL: 150 })
    expect(await enrolledCount(activityId)).toBe(50)
    expect((await server.db.collection('enrollments').where({ activityId }).count()).total).toBe(50)
    expect((await activityDoc(activityId)).enrolledCount).toBe(50)
  })

  it('should give one enrollment to one member signing up 20 times at once', async () => {
    const [{ userId, client }] = await createMembers('double-tap', 1)
    const activityId = await publish(10)
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.call('activities', 'signup', { activityId })))
    const outcome = tally(responses)
    console.log('one member, 20 concurrent sign-ups:', outcome)
    expect(outcome).toEqual({ OK: 1, ALREADY_EXISTS: 19 })
    expect((await server.db.collection('enrollments').where({ activityId, userId }).count()).total).toBe(1)
    expect((await activityDoc(activityId)).enrolledCount).toBe(1)
  })

  it('should keep enrolledCount equal to the enrollments when sign-ups and withdrawals interleave at a small quota', async () => {
    const members = await createMembers('churn', 30)
    const activityId = await publish(10)
    const calls = members.flatMap(({ client }, index) => {
      const signup = () => client.call('activities', 'signup', { activityId })
      const withdraw = () => client.call('activities', 'withdraw', { activityId })
      return index % 3 === 0 ? [signup(), withdraw(), signup()] : [signup(), signup()]
    })
    await Promise.all(calls)
    const count = await enrolledCount(activityId)
    console.log('30 members signing up and withdrawing concurrently, quota 10: enrolled', count)
    expect(count).toBeLessThanOrEqual(10)
    expect((await activityDoc(activityId)).enrolledCount).toBe(count)
  })

  it('should leave nobody enrolled when staff cancel while sign-ups race in', async () => {
    const members = await createMembers('cancel', 40)
    const outcomes: Record<string, number> = {}
    // Several rounds, the cancel sent after a different share of the sign-ups, so it lands mid-flight in some.
    for (const cancelAfter of [5, 10, 20, 30]) {
      const activityId = await publish(100, `取消竞争 ${cancelAfter}`)
      const calls: Array<Promise<ApiResponse<unknown>>> = []
      members.forEach(({ client }, index) => {
        if (index === cancelAfter) calls.push(staff.call('activities', 'cancel', { activityId, reason: '场地临时占用' }))
        calls.push(client.call('activities', 'signup', { activityId }))
      })
      const responses = await Promise.all(calls)
      const cancelled = responses[cancelAfter]
      expect(cancelled.ok).toBe(true)
      for (const [key, count] of Object.entries(tally(responses.filter((_, index) => index !== cancelAfter)))) outcomes[key] = (outcomes[key] ?? 0) + count
      expect(await enrolledCount(activityId)).toBe(0)
      expect(await activityDoc(activityId)).toMatchObject({ status: 'cancelled', enrolledCount: 0 })
    }
    console.log('4 × 40 sign-ups racing a cancel:', outcomes)
  })

  it('should credit one attendance once when it is confirmed 50 times at once', async () => {
    const now = Date.now()
    const activityId = 'a-race-confirm'
    const startAt = new Date(now - 5 * HOUR)
    await server.db.collection('activities').add({
      _id: activityId,
      communityId: 'c-xingfu',
      type: '志愿服务',
      title: '并发确认测试',
      description: '',
      coverUrl: null,
      place: '幸福小区',
      startAt,
      endAt: new Date(now - 2 * HOUR),
      signupDeadline: new Date(now - 6 * HOUR),
      quota: 10,
      enrolledCount: 1,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 3,
      status: 'published',
      createdBy: 'u-staff',
      createdAt: new Date(now - 24 * HOUR),
      updatedAt: new Date(now - 24 * HOUR),
    })
    const enrollmentId = `${activityId}:u-member`
    await server.db.collection('enrollments').add({
      _id: enrollmentId,
      activityId,
      communityId: 'c-xingfu',
      userId: 'u-member',
      status: 'enrolled',
      checkInAt: startAt,
      checkOutAt: new Date(startAt.getTime() + 2.5 * HOUR),
      attendanceSource: 'code',
      hours: null,
      points: null,
      confirmedBy: null,
      confirmedAt: null,
      createdAt: new Date(now - 24 * HOUR),
      updatedAt: new Date(now - 24 * HOUR),
    })
    const accountBefore = (await server.db.collection('accounts').doc('c-xingfu:u-member').get()).data[0] as any
    const entriesBefore = (await server.db.collection('entries').count()).total
    const admin = await server.as('demo-district-admin')

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? staff : admin).call<{ results: Array<{ result: string }> }>('activities', 'confirm', { activityId, userIds: ['u-member'] })),
    )
    const results: Record<string, number> = {}
    for (const response of responses) {
      const key = response.ok ? response.data.results[0].result : response.error.code
      results[key] = (results[key] ?? 0) + 1
    }
    console.log('50 concurrent confirmations of one attendance:', results)
    expect(results).toEqual({ confirmed: 1, already_confirmed: 49 })

    const earnEntries = await server.db.collection('entries').where({ refId: enrollmentId }).limit(10).get()
    expect(earnEntries.data).toHaveLength(1)
    expect(earnEntries.data[0]).toMatchObject({ _id: `earn:enrollment:${enrollmentId}`, kind: 'earn', amount: 25, hours: 2.5 })
    expect((await server.db.collection('entries').count()).total).toBe(entriesBefore + 1)
    const accountAfter = (await server.db.collection('accounts').doc('c-xingfu:u-member').get()).data[0] as any
    expect(accountAfter.available).toBe(accountBefore.available + 25)
    expect(accountAfter.totalEarned).toBe(accountBefore.totalEarned + 25)
    expect(accountAfter.hoursTotal).toBe(accountBefore.hoursTotal + 2.5)
    expect((await server.db.collection('enrollments').doc(enrollmentId).get()).data[0]).toMatchObject({ status: 'confirmed', hours: 2.5, points: 25 })
  })
})
