import { startTestServer, type Client, type TestServer } from '../helpers/server'

const HOUR = 3600 * 1000
const PEOPLE = 200

type Answer = { results: Array<{ userId: string; result: string }>; remaining: string[] }

describe('activities.confirm for a large activity', () => {
  let server: TestServer
  let staff: Client
  let admin: Client
  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, admin] = await Promise.all([server.as('demo-staff'), server.as('demo-district-admin')])
  })
  afterAll(() => server.stop())
  afterEach(() => jest.restoreAllMocks())

  /** A finished activity of 幸福社区 with `count` people checked in for 2 h each. */
  async function activityWithAttendance(activityId: string, count: number): Promise<string[]> {
    const now = Date.now()
    const startAt = new Date(now - 5 * HOUR)
    await server.db.collection('activities').add({
      _id: activityId,
      communityId: 'c-xingfu',
      type: '志愿服务',
      title: '大型活动确认测试',
      description: '',
      coverUrl: null,
      place: '幸福广场',
      startAt,
      endAt: new Date(now - 2 * HOUR),
      signupDeadline: new Date(now - 6 * HOUR),
      quota: count,
      enrolledCount: count,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 3,
      status: 'published',
      createdBy: 'u-staff',
      createdAt: new Date(now - 24 * HOUR),
      updatedAt: new Date(now - 24 * HOUR),
    })
    const userIds = Array.from({ length: count }, (_, index) => `u-${activityId}-${String(index).padStart(3, '0')}`)
    for (const userId of userIds) {
      await server.db.collection('enrollments').add({
        _id: `${activityId}:${userId}`,
        activityId,
        communityId: 'c-xingfu',
        userId,
        status: 'enrolled',
        checkInAt: startAt,
        checkOutAt: new Date(startAt.getTime() + 2 * HOUR),
        attendanceSource: 'code',
        hours: null,
        points: null,
        confirmedBy: null,
        confirmedAt: null,
        createdAt: new Date(now - 24 * HOUR),
        updatedAt: new Date(now - 24 * HOUR),
      })
    }
    return userIds
  }

  /** What the attendance page does: call, then call again with `remaining` until nothing remains; a CONFLICT is retried. */
  async function confirmAll(client: Client, activityId: string, userIds: string[]): Promise<{ calls: Answer[]; results: Answer['results'] }> {
    const calls: Answer[] = []
    for (let remaining = userIds, guard = 0; remaining.length > 0 && guard < 500; guard += 1) {
      const response = await client.call<Answer>('activities', 'confirm', { activityId, userIds: remaining })
      if (!response.ok) {
        expect(response.error.code).toBe('CONFLICT')
        continue
      }
      calls.push(response.data)
      remaining = response.data.remaining
    }
    return { calls, results: calls.flatMap((call) => call.results) }
  }

  it('should confirm 200 people each exactly once while two staff confirm the same list, each continuing with what remains', async () => {
    const activityId = 'a-bulk200'
    const userIds = await activityWithAttendance(activityId, PEOPLE)
    // The wall clock the time budget reads jumps 25 ms at every look, so a call reaches its 5 s budget after a
    // couple of hundred looks and hands back the rest, whatever this machine's speed.
    let wall = Date.now()
    jest.spyOn(Date, 'now').mockImplementation(() => (wall += 25))

    const [mine, theirs] = await Promise.all([confirmAll(staff, activityId, userIds), confirmAll(admin, activityId, [...userIds].reverse())])
    jest.restoreAllMocks()

    // The budget did cut a call short, and every call that did answered the rest as `remaining`, none lost.
    expect([...mine.calls, ...theirs.calls].some((call) => call.remaining.length > 0)).toBe(true)
    for (const side of [mine, theirs]) expect(new Set(side.results.map((row) => row.userId))).toEqual(new Set(userIds))

    // Exactly one of the two staff confirmed each person; the other was told it was already done.
    const confirmedBy = new Map<string, number>()
    for (const row of [...mine.results, ...theirs.results]) {
      expect(['confirmed', 'already_confirmed']).toContain(row.result)
      if (row.result === 'confirmed') confirmedBy.set(row.userId, (confirmedBy.get(row.userId) ?? 0) + 1)
    }
    expect(confirmedBy.size).toBe(PEOPLE)
    expect([...confirmedBy.values()].every((times) => times === 1)).toBe(true)

    // One earn entry and one credit of 20 points per person.
    const entries = (await server.db.collection('entries').where({ refType: 'enrollment', refId: server.db.command.in(userIds.map((userId) => `${activityId}:${userId}`)) }).limit(1000).get()).data
    expect(entries).toHaveLength(PEOPLE)
    const accounts = (await server.db.collection<{ _id: string; available: number; hoursTotal: number }>('accounts').where({ userId: server.db.command.in(userIds) }).limit(1000).get()).data
    expect(accounts).toHaveLength(PEOPLE)
    expect(accounts.every((account) => account.available === 20 && account.hoursTotal === 2)).toBe(true)
    const enrollments = (await server.db.collection<{ _id: string; status: string; points: number }>('enrollments').where({ activityId }).limit(1000).get()).data
    expect(enrollments.every((enrollment) => enrollment.status === 'confirmed' && enrollment.points === 20)).toBe(true)

    // A retry of the whole list afterwards changes nothing.
    const again = await staff.ok<Answer>('activities', 'confirm', { activityId, userIds })
    expect(again.remaining).toEqual([])
    expect(again.results.every((row) => row.result === 'already_confirmed')).toBe(true)
  }, 120_000)
})
