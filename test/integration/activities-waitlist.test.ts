import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import { roleDocId } from '../../cloudfunctions/lib/users/model'
import { allDocs, codeOf, startTestServer, type Client, type TestServer } from '../helpers/server'

const HOUR = 3600 * 1000
const iso = (ms: number) => new Date(ms).toISOString()

function tally(responses: Array<ApiResponse<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const response of responses) counts[codeOf(response)] = (counts[codeOf(response)] ?? 0) + 1
  return counts
}

describe('waitlist (候补) over the real local server', () => {
  let server: TestServer
  let staff: Client
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
  }, 30_000)
  afterAll(() => server.stop())

  async function createMembers(prefix: string, count: number): Promise<Array<{ userId: string; client: Client }>> {
    const now = new Date()
    const people = Array.from({ length: count }, (_, index) => ({ userId: `${prefix}-${index}`, openid: `openid-${prefix}-${index}` }))
    for (const { userId, openid } of people) {
      await server.db.collection('users').add({ _id: userId, openid, name: `候补${index(userId)}`, phone: '13700000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
      await server.db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, 'member'), userId, role: 'member', scopeId: 'c-xingfu', grantedBy: 'test', createdAt: now })
    }
    return Promise.all(people.map(async ({ userId, openid }) => ({ userId, client: await server.as(openid) })))
  }
  const index = (userId: string) => userId.split('-').pop()

  async function publish(quota: number): Promise<string> {
    const now = Date.now()
    const card = await staff.ok('activities', 'publish', {
      communityId: 'c-xingfu',
      type: '志愿服务',
      title: '候补测试',
      place: '幸福广场',
      startAt: iso(now + 3 * HOUR),
      endAt: iso(now + 5 * HOUR),
      signupDeadline: iso(now + 2 * HOUR),
      quota,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 2,
    })
    return card.id
  }

  const activityDoc = async (activityId: string) => (await server.db.collection('activities').doc(activityId).get()).data[0] as any
  const enrollmentsOf = async (activityId: string) => (await allDocs<any>(server, 'enrollments')).filter((doc) => doc.activityId === activityId)
  const lineOf = async (activityId: string) => (await allDocs<any>(server, 'waitlist')).filter((doc) => doc.activityId === activityId)
  const promotedReminders = async (activityId: string) =>
    (await allDocs<any>(server, 'reminders')).filter((doc) => doc.reason === 'waitlist_promoted' && doc.subjectId === activityId)

  /** The invariants every test ends on: the counter is the truth, and no seat is free while someone waits. */
  async function expectConsistent(activityId: string) {
    const activity = await activityDoc(activityId)
    const enrolled = (await enrollmentsOf(activityId)).filter((doc) => doc.status === 'enrolled')
    const line = await lineOf(activityId)
    expect(activity.enrolledCount).toBe(enrolled.length)
    expect(activity.enrolledCount).toBeLessThanOrEqual(activity.quota)
    expect(activity.waitlistCount).toBe(line.filter((doc) => doc.status === 'waiting').length)
    if (activity.waitlistCount > 0) expect(activity.enrolledCount).toBe(activity.quota)
    // Every promotion gave its person exactly one live sign-up, and one reminder.
    const promoted = line.filter((doc) => doc.status === 'promoted')
    const enrolledIds = new Set(enrolled.map((doc) => doc.userId))
    for (const entry of promoted) expect(enrolledIds.has(entry.userId)).toBe(true)
    const reminders = await promotedReminders(activityId)
    expect(reminders.map((doc) => doc.userId).sort()).toEqual(promoted.map((doc) => doc.userId).sort())
    return { activity, enrolled, line, promoted }
  }

  it('should refuse the waitlist while seats are free, and take it when the activity is full', async () => {
    const [a, b] = await createMembers('wl-basic', 2)
    const activityId = await publish(1)
    expect(codeOf(await b.client.call('activities', 'joinWaitlist', { activityId }))).toBe('INVALID_STATE')
    await a.client.ok('activities', 'signup', { activityId })
    expect(codeOf(await b.client.call('activities', 'signup', { activityId }))).toBe('QUOTA_FULL')
    expect(await b.client.ok('activities', 'joinWaitlist', { activityId })).toEqual({ status: 'waiting', position: 1 })
    expect(codeOf(await b.client.call('activities', 'joinWaitlist', { activityId }))).toBe('ALREADY_EXISTS')
    expect(codeOf(await a.client.call('activities', 'joinWaitlist', { activityId }))).toBe('ALREADY_EXISTS')
    expect((await b.client.ok('activities', 'detail', { activityId })).myWaitlist).toEqual({ status: 'waiting', position: 1 })
    const seen = await staff.ok('activities', 'waitlist', { activityId })
    expect(seen.items.map((row: any) => [row.userId, row.name, row.status])).toEqual([[b.userId, '候补1', 'waiting']])
    expect(codeOf(await b.client.call('activities', 'waitlist', { activityId }))).toBe('FORBIDDEN')
    await b.client.ok('activities', 'leaveWaitlist', { activityId })
    expect(await b.client.ok('activities', 'leaveWaitlist', { activityId })).toEqual({ status: 'left' })
    await a.client.ok('activities', 'withdraw', { activityId })
    const { activity, promoted } = await expectConsistent(activityId)
    expect(promoted).toEqual([])
    expect(activity.enrolledCount).toBe(0)
  }, 30_000)

  it('should promote the first in line when a seat is freed, and queue one reminder for them', async () => {
    const [a, first, second] = await createMembers('wl-order', 3)
    const activityId = await publish(1)
    await a.client.ok('activities', 'signup', { activityId })
    await first.client.ok('activities', 'joinWaitlist', { activityId })
    await second.client.ok('activities', 'joinWaitlist', { activityId })
    expect((await second.client.ok('activities', 'detail', { activityId })).myWaitlist).toEqual({ status: 'waiting', position: 2 })
    await a.client.ok('activities', 'withdraw', { activityId })
    const detail = await first.client.ok('activities', 'detail', { activityId })
    expect(detail.myEnrollment.status).toBe('enrolled')
    expect(detail.myWaitlist.status).toBe('promoted')
    const { promoted, activity } = await expectConsistent(activityId)
    expect(promoted.map((doc) => doc.userId)).toEqual([first.userId])
    expect(activity.waitlistCount).toBe(1)
    const [reminder] = await promotedReminders(activityId)
    expect(reminder.page).toContain(activityId)
  }, 30_000)

  it('should promote exactly once per freed seat under 50 racing withdrawals and sign-ups', async () => {
    const enrolled = await createMembers('wl-race-in', 25)
    const waiting = await createMembers('wl-race-wait', 25)
    const fresh = await createMembers('wl-race-new', 25)
    const activityId = await publish(25)
    for (const { client } of enrolled) await client.ok('activities', 'signup', { activityId })
    for (const { client } of waiting) await client.ok('activities', 'joinWaitlist', { activityId })
    // 25 withdrawals and 25 sign-ups at once, plus a double tap of every withdrawal.
    const responses = await Promise.all([
      ...enrolled.flatMap(({ client }) => [client.call('activities', 'withdraw', { activityId }), client.call('activities', 'withdraw', { activityId })]),
      ...fresh.map(({ client }) => client.call('activities', 'signup', { activityId })),
    ])
    const withdrawals = tally(responses.slice(0, 50))
    const signups = tally(responses.slice(50))
    console.log('25×2 racing withdrawals with 25 waiting, 25 racing sign-ups:', { withdrawals, signups })
    expect(withdrawals).toEqual({ OK: 50 })
    // Every freed seat was handed to the line, so a fresh sign-up never jumped it.
    expect(signups).toEqual({ QUOTA_FULL: 25 })
    const { promoted, activity, enrolled: live } = await expectConsistent(activityId)
    expect(promoted.map((doc) => doc.userId).sort()).toEqual(waiting.map((person) => person.userId).sort())
    expect(activity.enrolledCount).toBe(25)
    expect(new Set(live.map((doc) => doc.userId))).toEqual(new Set(waiting.map((person) => person.userId)))
  }, 120_000)

  it('should hand over only as many seats as people wait, and release the rest, under racing withdrawals, joins and sign-ups', async () => {
    const enrolled = await createMembers('wl-mix-in', 20)
    const waiting = await createMembers('wl-mix-wait', 5)
    const fresh = await createMembers('wl-mix-new', 15)
    const joiners = await createMembers('wl-mix-join', 10)
    const activityId = await publish(20)
    for (const { client } of enrolled) await client.ok('activities', 'signup', { activityId })
    for (const { client } of waiting) await client.ok('activities', 'joinWaitlist', { activityId })
    const responses = await Promise.all([
      ...enrolled.map(({ client }) => client.call('activities', 'withdraw', { activityId })),
      ...fresh.map(({ client }) => client.call('activities', 'signup', { activityId })),
      ...joiners.map(({ client }) => client.call('activities', 'joinWaitlist', { activityId })),
    ])
    console.log('20 withdrawals, 5 waiting, 15 sign-ups, 10 joins:', {
      withdrawals: tally(responses.slice(0, 20)),
      signups: tally(responses.slice(20, 35)),
      joins: tally(responses.slice(35)),
    })
    expect(tally(responses.slice(0, 20))).toEqual({ OK: 20 })
    const { promoted, activity } = await expectConsistent(activityId)
    // The five who waited first were all promoted; joiners who came later may have been too.
    for (const person of waiting) expect(promoted.map((doc) => doc.userId)).toContain(person.userId)
    const signedUp = tally(responses.slice(20, 35)).OK ?? 0
    expect(activity.enrolledCount).toBe(promoted.length + signedUp)
  }, 120_000)
})
