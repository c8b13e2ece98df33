import { codeOf, countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const iso = (ms: number) => new Date(ms).toISOString()

/** A valid publish input: starts in 30 min (check-in already open), sign-up closes in 20 min. */
function activityInput(overrides: Record<string, unknown> = {}) {
  const now = Date.now()
  return {
    communityId: 'c-xingfu',
    type: '志愿服务',
    title: '社区环境整治',
    description: '清理楼道杂物，张贴宣传海报。',
    coverUrl: null,
    place: '幸福小区 3 栋',
    startAt: iso(now + 30 * MINUTE),
    endAt: iso(now + 3 * HOUR),
    signupDeadline: iso(now + 20 * MINUTE),
    quota: 10,
    pointsRule: { kind: 'perHour', points: 10 },
    maxHours: 3,
    ...overrides,
  }
}


describe('activities: publishing, browsing, sign-up and cancel', () => {
  let server: TestServer
  let staff: Client
  let member: Client
  let resident: Client
  let hexieStaff: Client
  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, member, resident, hexieStaff] = await Promise.all(
      ['demo-staff', 'demo-member', 'demo-resident', 'demo-staff-hexie'].map((openid) => server.as(openid)),
    )
  })
  afterAll(() => server.stop())

  const publish = async (overrides: Record<string, unknown> = {}) => (await staff.ok('activities', 'publish', activityInput(overrides))).id as string
  const activityDoc = async (activityId: string) => (await server.db.collection('activities').doc(activityId).get()).data[0] as any

  it('should let staff publish an activity that anyone can then read', async () => {
    const card = await staff.ok('activities', 'publish', activityInput({ title: '重阳节敬老活动', pointsRule: { kind: 'fixed', points: 15 } }))
    expect(card).toMatchObject({ title: '重阳节敬老活动', type: '志愿服务', quota: 10, enrolledCount: 0, status: 'published', points: 15 })
    const detail = await server.anonymous.ok('activities', 'detail', { activityId: card.id })
    expect(detail).toMatchObject({
      id: card.id,
      communityId: 'c-xingfu',
      description: '清理楼道杂物，张贴宣传海报。',
      maxHours: 3,
      pointsRule: { kind: 'fixed', points: 15 },
      myEnrollment: null,
    })
    const stored = await activityDoc(card.id)
    expect(stored.createdBy).toBe('u-staff')
    expect(stored.startAt).toBeInstanceOf(Date)
  })

  it('should let a district admin publish in a community of the district', async () => {
    const admin = await server.as('demo-district-admin')
    const card = await admin.ok('activities', 'publish', activityInput({ communityId: 'c-hexie', title: '和谐社区读书会' }))
    expect((await activityDoc(card.id)).communityId).toBe('c-hexie')
  })

  it('should list upcoming activities soonest first and past ones latest first', async () => {
    const upcoming = await resident.ok('activities', 'list', { when: 'upcoming', pageSize: 50 })
    const starts = upcoming.items.map((card: { startAt: string }) => card.startAt)
    expect(starts).toEqual([...starts].sort())
    expect(upcoming.items.map((card: { id: string }) => card.id)).toEqual(expect.arrayContaining(['a-party-day', 'a-cleanup']))
    expect(upcoming.items.map((card: { id: string }) => card.id)).not.toContain('a-past-cleanup')

    const past = await server.anonymous.ok('activities', 'list', { communityId: 'c-xingfu', when: 'past' })
    expect(past.items.map((card: { id: string }) => card.id)).toEqual(['a-past-cleanup'])
    expect(past.total).toBe(1)

    const studies = await resident.ok('activities', 'list', { type: '学习' })
    expect(studies.items.map((card: { id: string }) => card.id)).toEqual(['a-study'])
  })

  it('should show the demo member their seeded sign-ups and confirmed service', async () => {
    const mine = await member.ok('activities', 'mine', {})
    const byActivity = Object.fromEntries(mine.items.map((item: any) => [item.activity.id, item.enrollment.status]))
    expect(byActivity).toEqual({ 'a-cleanup': 'enrolled', 'a-party-day': 'enrolled', 'a-past-cleanup': 'confirmed' })
    expect((await activityDoc('a-cleanup')).enrolledCount).toBe(1)
    const confirmed = await member.ok('activities', 'mine', { status: 'confirmed' })
    expect(confirmed.items).toHaveLength(1)
    expect(confirmed.items[0].enrollment).toMatchObject({ hours: 2, points: 20, attendanceSource: 'code' })
  })

  it('should let a member sign up, see it in the detail, withdraw, and sign up again on the same enrollment', async () => {
    const activityId = await publish({ title: '报名测试' })
    const enrollment = await member.ok('activities', 'signup', { activityId })
    expect(enrollment).toMatchObject({ id: `${activityId}:u-member`, status: 'enrolled', checkInAt: null, hours: null })
    expect((await member.ok('activities', 'detail', { activityId })).myEnrollment).toMatchObject({ status: 'enrolled' })
    expect((await activityDoc(activityId)).enrolledCount).toBe(1)

    const again = await member.call('activities', 'signup', { activityId })
    expect(codeOf(again)).toBe('ALREADY_EXISTS')

    expect(await member.ok('activities', 'withdraw', { activityId })).toEqual({ status: 'cancelled' })
    expect(await member.ok('activities', 'withdraw', { activityId })).toEqual({ status: 'cancelled' })
    expect((await activityDoc(activityId)).enrolledCount).toBe(0)

    await member.ok('activities', 'signup', { activityId })
    expect((await server.db.collection('enrollments').where({ activityId }).count()).total).toBe(1)
    expect((await activityDoc(activityId)).enrolledCount).toBe(1)
  })

  it('should refuse a sign-up when the quota is full', async () => {
    const activityId = await publish({ quota: 1 })
    await staff.ok('activities', 'signup', { activityId })
    expect(codeOf(await member.call('activities', 'signup', { activityId }))).toBe('QUOTA_FULL')
    expect((await activityDoc(activityId)).enrolledCount).toBe(1)
  })

  it('should refuse a sign-up or a withdrawal after the deadline', async () => {
    const now = Date.now()
    const activityId = await publish({ signupDeadline: iso(now - MINUTE), startAt: iso(now + 10 * MINUTE) })
    expect(codeOf(await member.call('activities', 'signup', { activityId }))).toBe('DEADLINE_PASSED')
    await server.db.collection('enrollments').add({
      _id: `${activityId}:u-member`,
      activityId,
      communityId: 'c-xingfu',
      userId: 'u-member',
      status: 'enrolled',
      checkInAt: null,
      checkOutAt: null,
      attendanceSource: null,
      hours: null,
      points: null,
      confirmedBy: null,
      confirmedAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    expect(codeOf(await member.call('activities', 'withdraw', { activityId }))).toBe('DEADLINE_PASSED')
  })

  it('should answer NOT_FOUND for an activity that does not exist, before any role check', async () => {
    expect(codeOf(await member.call('activities', 'signup', { activityId: 'a-nowhere' }))).toBe('NOT_FOUND')
    expect(codeOf(await resident.call('activities', 'cancel', { activityId: 'a-nowhere', reason: '测试取消' }))).toBe('NOT_FOUND')
    expect(codeOf(await server.anonymous.call('activities', 'detail', { activityId: 'a-nowhere' }))).toBe('NOT_FOUND')
  })

  it('should let staff edit an activity but not shrink the quota below the sign-ups', async () => {
    const activityId = await publish({ quota: 5 })
    await member.ok('activities', 'signup', { activityId })
    await staff.ok('activities', 'signup', { activityId })
    const edited = await staff.ok('activities', 'update', { activityId, title: '改过的标题', quota: 2, pointsRule: { kind: 'fixed', points: 8 } })
    expect(edited).toMatchObject({ title: '改过的标题', quota: 2, points: 8 })
    expect((await activityDoc(activityId)).pointsRule).toEqual({ kind: 'fixed', points: 8 })

    const shrink = await staff.call('activities', 'update', { activityId, quota: 1 })
    expect(codeOf(shrink)).toBe('INVALID_STATE')
    expect((await activityDoc(activityId)).quota).toBe(2)

    const badTimes = await staff.call('activities', 'update', { activityId, signupDeadline: iso(Date.now() + 10 * HOUR) })
    expect(codeOf(badTimes)).toBe('VALIDATION_FAILED')
    expect(await activityDoc(activityId)).toMatchObject({ title: '改过的标题', quota: 2 })
  })

  it('should free every sign-up when staff cancel, with an audit line, and allow nothing afterwards', async () => {
    const activityId = await publish({ quota: 5 })
    await member.ok('activities', 'signup', { activityId })
    await staff.ok('activities', 'signup', { activityId })
    expect((await activityDoc(activityId)).enrolledCount).toBe(2)

    expect(await staff.ok('activities', 'cancel', { activityId, reason: '天气原因取消' })).toEqual({ cancelledEnrollments: 2 })
    expect(await activityDoc(activityId)).toMatchObject({ status: 'cancelled', enrolledCount: 0, cancelReason: '天气原因取消', cancelledBy: 'u-staff' })
    expect((await server.db.collection('enrollments').where({ activityId, status: 'enrolled' }).count()).total).toBe(0)
    expect((await server.db.collection('enrollments').where({ activityId, status: 'cancelled' }).count()).total).toBe(2)
    const audit = await server.db.collection('audit').where({ targetId: activityId, kind: 'activity.cancel' }).limit(5).get()
    expect(audit.data).toHaveLength(1)
    expect(audit.data[0]).toMatchObject({ actorId: 'u-staff', reason: '天气原因取消' })

    expect(codeOf(await member.call('activities', 'signup', { activityId }))).toBe('INVALID_STATE')
    expect(codeOf(await staff.call('activities', 'update', { activityId, title: '复活' }))).toBe('INVALID_STATE')
    expect(codeOf(await staff.call('activities', 'cancel', { activityId, reason: '再取消一次' }))).toBe('INVALID_STATE')
    expect(codeOf(await staff.call('activities', 'checkinCode', { activityId }))).toBe('INVALID_STATE')
  })

  describe('authorization', () => {
    it('should forbid a resident to publish, sign up or confirm', async () => {
      const before = await countAll(server, ['activities', 'enrollments', 'entries'])
      expect(codeOf(await resident.call('activities', 'publish', activityInput()))).toBe('FORBIDDEN')
      expect(codeOf(await resident.call('activities', 'signup', { activityId: 'a-cleanup' }))).toBe('FORBIDDEN')
      expect(codeOf(await resident.call('activities', 'confirm', { activityId: 'a-past-cleanup', userIds: ['u-member'] }))).toBe('FORBIDDEN')
      expect(codeOf(await resident.call('activities', 'checkinCode', { activityId: 'a-cleanup' }))).toBe('FORBIDDEN')
      expect(await countAll(server, ['activities', 'enrollments', 'entries'])).toEqual(before)
    })

    it("should forbid staff of 和谐社区 to act on 幸福社区's activities", async () => {
      const before = await activityDoc('a-elderly')
      expect(codeOf(await hexieStaff.call('activities', 'publish', activityInput({ communityId: 'c-xingfu' })))).toBe('FORBIDDEN')
      expect(codeOf(await hexieStaff.call('activities', 'update', { activityId: 'a-elderly', title: '越权修改' }))).toBe('FORBIDDEN')
      expect(codeOf(await hexieStaff.call('activities', 'cancel', { activityId: 'a-elderly', reason: '越权取消' }))).toBe('FORBIDDEN')
      expect(codeOf(await hexieStaff.call('activities', 'checkinCode', { activityId: 'a-elderly' }))).toBe('FORBIDDEN')
      expect(codeOf(await hexieStaff.call('activities', 'attendance', { activityId: 'a-elderly' }))).toBe('FORBIDDEN')
      expect(codeOf(await hexieStaff.call('activities', 'confirm', { activityId: 'a-past-cleanup', userIds: ['u-member'] }))).toBe('FORBIDDEN')
      const smuggled = await hexieStaff.call('activities', 'cancel', { activityId: 'a-elderly', communityId: 'c-hexie', reason: '越权取消' })
      expect(codeOf(smuggled)).toBe('VALIDATION_FAILED')
      expect(await activityDoc('a-elderly')).toEqual(before)
    })

    it('should forbid a member to publish, confirm or see the attendance sheet', async () => {
      expect(codeOf(await member.call('activities', 'publish', activityInput()))).toBe('FORBIDDEN')
      expect(codeOf(await member.call('activities', 'confirm', { activityId: 'a-past-cleanup', userIds: ['u-member'] }))).toBe('FORBIDDEN')
      expect(codeOf(await member.call('activities', 'attendance', { activityId: 'a-cleanup' }))).toBe('FORBIDDEN')
    })

    it('should ask an anonymous or unregistered caller to sign in or register', async () => {
      expect(codeOf(await server.anonymous.call('activities', 'signup', { activityId: 'a-cleanup' }))).toBe('UNAUTHENTICATED')
      const newcomer = await server.as('demo-newcomer')
      expect(codeOf(await newcomer.call('activities', 'signup', { activityId: 'a-cleanup' }))).toBe('NOT_REGISTERED')
      expect(codeOf(await newcomer.call('activities', 'mine', {}))).toBe('NOT_REGISTERED')
    })
  })

  describe('bad input', () => {
    const now = Date.now()
    it.each([
      ['a negative quota', { quota: -5 }],
      ['a zero quota', { quota: 0 }],
      ['a quota over 10000', { quota: 10_001 }],
      ['a fractional quota', { quota: 2.5 }],
      ['a quota as a string', { quota: '10' }],
      ['an end before the start', { startAt: iso(now + 5 * HOUR), endAt: iso(now + 4 * HOUR) }],
      ['an end equal to the start', { startAt: iso(now + 5 * HOUR), endAt: iso(now + 5 * HOUR) }],
      ['an activity longer than 7 days', { endAt: iso(now + 8 * 24 * HOUR) }],
      ['a deadline after the start', { signupDeadline: iso(now + HOUR) }],
      ['an end already past', { startAt: iso(now - 5 * HOUR), endAt: iso(now - 4 * HOUR), signupDeadline: iso(now - 6 * HOUR) }],
      ['a date that is not ISO 8601', { startAt: '明天上午九点' }],
      ['a date as a number', { startAt: now + HOUR }],
      ['an empty title', { title: '   ' }],
      ['a title over 60 characters', { title: '长'.repeat(61) }],
      ['a description over 2000 characters', { description: '长'.repeat(2001) }],
      ['a place over 100 characters', { place: '长'.repeat(101) }],
      ['an unknown type', { type: '聚餐' }],
      ['negative points', { pointsRule: { kind: 'perHour', points: -1 } }],
      ['an unknown points rule', { pointsRule: { kind: 'perDay', points: 10 } }],
      ['zero maxHours', { maxHours: 0 }],
      ['maxHours over 24', { maxHours: 25 }],
      ['a cover that is not an uploaded image', { coverUrl: 'javascript:alert(1)' }],
      ['an unknown field', { enrolledCount: 100 }],
      ['a status set by the caller', { status: 'finished' }],
    ])('should refuse to publish with %s and store nothing', async (_case, overrides) => {
      const before = await countAll(server, ['activities', 'enrollments', 'audit'])
      const response = await staff.call('activities', 'publish', activityInput(overrides))
      expect(codeOf(response)).toBe('VALIDATION_FAILED')
      expect(!response.ok && response.error.message).toMatch(/^提交的内容有误/)
      expect(await countAll(server, ['activities', 'enrollments', 'audit'])).toEqual(before)
    })

    it.each([
      ['signup', { activityId: 'a-cleanup', userId: 'u-resident' }],
      ['signup', { activityId: 42 }],
      ['signup', {}],
      ['withdraw', { activityId: '' }],
      ['update', { activityId: 'a-cleanup' }],
      ['update', { activityId: 'a-cleanup', quota: -1 }],
      ['update', { activityId: 'a-cleanup', communityId: 'c-hexie' }],
      ['cancel', { activityId: 'a-cleanup', reason: '走' }],
      ['cancel', { activityId: 'a-cleanup', reason: '长'.repeat(201) }],
      ['confirm', { activityId: 'a-cleanup', userIds: [] }],
      ['confirm', { activityId: 'a-cleanup', userIds: Array.from({ length: 201 }, (_, index) => `u-${index}`) }],
      ['confirm', { activityId: 'a-cleanup', userIds: 'u-member' }],
      ['checkin', { activityId: 'a-cleanup' }],
      ['checkin', { activityId: 'a-cleanup', code: 123456 }],
      ['recordAttendance', { activityId: 'a-cleanup', userId: 'u-member', checkInAt: iso(now), checkOutAt: iso(now - HOUR), reason: '补录签到' }],
      ['recordAttendance', { activityId: 'a-cleanup', userId: 'u-member', checkInAt: iso(now - HOUR), checkOutAt: iso(now), reason: '补' }],
      ['recordAttendance', { activityId: 'a-cleanup', userId: 'u-member', checkInAt: '昨天', checkOutAt: iso(now), reason: '补录签到' }],
      ['mine', { status: 'lost' }],
      ['list', { when: 'someday' }],
      ['list', { pageSize: 51 }],
      ['exportServiceRecord', { format: 'csv' }],
    ])('should refuse %s with bad input %j and change nothing', async (action, data) => {
      const before = await countAll(server, ['activities', 'enrollments', 'audit', 'entries'])
      const cleanup = await activityDoc('a-cleanup')
      const response = await staff.call('activities', action, data)
      expect(codeOf(response)).toBe('VALIDATION_FAILED')
      expect(await countAll(server, ['activities', 'enrollments', 'audit', 'entries'])).toEqual(before)
      expect(await activityDoc('a-cleanup')).toEqual(cleanup)
    })
  })
})
