import ExcelJS from 'exceljs'
import { checkinCode } from '../../cloudfunctions/lib/activities/checkin-code'
import { loadSecret } from '../../cloudfunctions/lib/runtime/local/session'
import { addDays, chinaDate, instantOf } from '../../cloudfunctions/lib/shared/china-time'
import { codeOf, countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const iso = (ms: number) => new Date(ms).toISOString()

/** A time of yesterday in China time, e.g. yesterdayAt('09:00'). */
const yesterdayAt = (time: string): Date => instantOf(addDays(chinaDate(new Date()), -1), time)

describe('activities: check-in codes, attendance, confirmation and the service record', () => {
  let server: TestServer
  let staff: Client
  let member: Client
  let signingKey: string
  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, member] = await Promise.all([server.as('demo-staff'), server.as('demo-member')])
    signingKey = process.env.TONGXIN_SIGNING_KEY || loadSecret(server.dataDir, 'signing')
  })
  afterAll(() => server.stop())

  /** An activity running now (started 30 min ago, ends in 2 h), published through the API, with the demo member signed up before the start. */
  async function ongoingActivityWithMember(title: string): Promise<string> {
    const now = Date.now()
    const card = await staff.ok('activities', 'publish', {
      communityId: 'c-xingfu',
      type: '志愿服务',
      title,
      place: '幸福小区',
      startAt: iso(now + 10 * MINUTE),
      endAt: iso(now + 2 * HOUR),
      signupDeadline: iso(now + 5 * MINUTE),
      quota: 10,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 2,
    })
    await member.ok('activities', 'signup', { activityId: card.id })
    return card.id
  }

  /** An activity that ran yesterday 09:00–12:00, written straight into the database (the API only publishes future ones). */
  async function pastActivity(activityId: string, overrides: Record<string, unknown> = {}): Promise<void> {
    await server.db.collection('activities').add({
      _id: activityId,
      communityId: 'c-xingfu',
      type: '志愿服务',
      title: '社区义诊协助',
      description: '协助社区医生为老人测量血压、登记信息。',
      coverUrl: null,
      place: '社区卫生服务站',
      startAt: yesterdayAt('09:00'),
      endAt: yesterdayAt('12:00'),
      signupDeadline: yesterdayAt('08:00'),
      quota: 20,
      enrolledCount: 0,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 3,
      status: 'published',
      createdBy: 'u-staff',
      createdAt: yesterdayAt('07:00'),
      updatedAt: yesterdayAt('07:00'),
      ...overrides,
    })
  }

  async function enroll(activityId: string, userId: string, attendance: { checkInAt?: Date; checkOutAt?: Date } = {}): Promise<void> {
    await server.db.collection('enrollments').add({
      _id: `${activityId}:${userId}`,
      activityId,
      communityId: 'c-xingfu',
      userId,
      status: 'enrolled',
      checkInAt: attendance.checkInAt ?? null,
      checkOutAt: attendance.checkOutAt ?? null,
      attendanceSource: attendance.checkInAt ? 'code' : null,
      hours: null,
      points: null,
      confirmedBy: null,
      confirmedAt: null,
      createdAt: yesterdayAt('07:30'),
      updatedAt: yesterdayAt('07:30'),
    })
    await server.db.collection('activities').doc(activityId).update({ enrolledCount: server.db.command.inc(1) })
  }

  const enrollmentDoc = async (activityId: string, userId: string) =>
    (await server.db.collection('enrollments').doc(`${activityId}:${userId}`).get()).data[0] as any

  describe('check-in codes over HTTP', () => {
    it('should check the member in and out with the code staff show, typed or scanned', async () => {
      const activityId = await ongoingActivityWithMember('签到测试')
      const shown = await staff.ok('activities', 'checkinCode', { activityId })
      expect(shown.code).toMatch(/^\d{6}$/)
      expect(shown.qrPayload).toBe(`tongxin:checkin:${activityId}:${shown.code}`)
      expect(shown.periodSeconds).toBe(30)
      expect(new Date(shown.expiresAt).getTime()).toBeGreaterThan(Date.now())

      const checkedIn = await member.ok('activities', 'checkin', { activityId, code: shown.code })
      expect(checkedIn).toMatchObject({ status: 'enrolled', attendanceSource: 'code', checkOutAt: null })
      expect(checkedIn.checkInAt).toEqual(expect.any(String))

      const fresh = await staff.ok('activities', 'checkinCode', { activityId })
      const again = await member.ok('activities', 'checkin', { activityId, code: fresh.qrPayload })
      expect(again.checkInAt).toBe(checkedIn.checkInAt)

      const out = await member.ok('activities', 'checkout', { activityId, code: fresh.qrPayload })
      expect(new Date(out.checkOutAt).getTime()).toBeGreaterThanOrEqual(new Date(checkedIn.checkInAt).getTime())
      await new Promise((resolve) => setTimeout(resolve, 5))
      const later = await member.ok('activities', 'checkout', { activityId, code: fresh.code })
      expect(new Date(later.checkOutAt).getTime()).toBeGreaterThan(new Date(out.checkOutAt).getTime())
    })

    it('should accept a code typed slowly, 80 seconds after it was shown', async () => {
      const activityId = await ongoingActivityWithMember('慢速输入签到码')
      const shownEarlier = checkinCode(signingKey, activityId, new Date(Date.now() - 80_000)).code
      const checkedIn = await member.ok('activities', 'checkin', { activityId, code: shownEarlier })
      expect(checkedIn).toMatchObject({ attendanceSource: 'code' })
    })

    it("should refuse another activity's code, a forged code and an expired code with CODE_INVALID and change nothing", async () => {
      const activityId = await ongoingActivityWithMember('错误签到码')
      const otherActivity = await staff.ok('activities', 'checkinCode', { activityId: 'a-cleanup' })
      const own = (await staff.ok('activities', 'checkinCode', { activityId })).code
      const forged = checkinCode('not-the-signing-key', activityId, new Date()).code
      const expired = checkinCode(signingKey, activityId, new Date(Date.now() - 3 * MINUTE)).code
      const before = await enrollmentDoc(activityId, 'u-member')
      for (const code of [otherActivity.code, otherActivity.qrPayload, forged, expired, '000000', 'tongxin:checkin:x:123456']) {
        if (code === own) continue
        const response = await member.call('activities', 'checkin', { activityId, code })
        expect([code, codeOf(response)]).toEqual([code, 'CODE_INVALID'])
      }
      expect(codeOf(await member.call('activities', 'checkout', { activityId, code: expired }))).toBe('CODE_INVALID')
      expect(await enrollmentDoc(activityId, 'u-member')).toEqual(before)
    })

    it('should lock a member out after ten wrong codes, even when the next code is right', async () => {
      const activityId = await ongoingActivityWithMember('猜码限制')
      const own = (await staff.ok('activities', 'checkinCode', { activityId })).code
      const wrong = own === '000000' ? '000001' : '000000'
      const answers = await Promise.all(Array.from({ length: 10 }, () => member.call('activities', 'checkin', { activityId, code: wrong })))
      expect(answers.map(codeOf)).toEqual(Array(10).fill('CODE_INVALID'))
      const right = (await staff.ok('activities', 'checkinCode', { activityId })).code
      expect(codeOf(await member.call('activities', 'checkin', { activityId, code: right }))).toBe('RATE_LIMITED')
      expect((await enrollmentDoc(activityId, 'u-member')).checkInAt).toBeNull()
      // The lock is per person: another member's right code still works.
      const staffAsMember = await server.as('demo-staff')
      await staffAsMember.ok('activities', 'signup', { activityId })
      expect(codeOf(await staffAsMember.call('activities', 'checkin', { activityId, code: right }))).toBe('OK')
    })

    it('should refuse check-in to someone not signed up, and check-out before check-in', async () => {
      const activityId = await ongoingActivityWithMember('未报名签到')
      const { code } = await staff.ok('activities', 'checkinCode', { activityId })
      const otherMember = await server.as('demo-staff')
      expect(codeOf(await otherMember.call('activities', 'checkin', { activityId, code }))).toBe('INVALID_STATE')
      expect(codeOf(await member.call('activities', 'checkout', { activityId, code }))).toBe('INVALID_STATE')
    })

    it('should refuse check-in more than an hour before the start and after the end', async () => {
      const code = (await staff.ok('activities', 'checkinCode', { activityId: 'a-cleanup' })).code
      const early = await member.call('activities', 'checkin', { activityId: 'a-cleanup', code })
      expect(codeOf(early)).toBe('INVALID_STATE')
      expect(!early.ok && early.error.message).toMatch(/签到尚未开始/)

      await pastActivity('a-ended')
      await enroll('a-ended', 'u-member')
      const late = checkinCode(signingKey, 'a-ended', new Date()).code
      expect(codeOf(await member.call('activities', 'checkin', { activityId: 'a-ended', code: late }))).toBe('INVALID_STATE')
    })
  })

  describe('hours, points and confirmation', () => {
    it('should credit 3 h for 09:00–12:30 recorded by hand with maxHours 3, and write the 补录 to the audit trail', async () => {
      await pastActivity('a-hours')
      await enroll('a-hours', 'u-member')
      const recorded = await staff.ok('activities', 'recordAttendance', {
        activityId: 'a-hours',
        userId: 'u-member',
        checkInAt: yesterdayAt('09:00').toISOString(),
        checkOutAt: yesterdayAt('12:30').toISOString(),
        reason: '手机没电，现场登记',
      })
      expect(recorded).toMatchObject({ status: 'enrolled', attendanceSource: 'manual', checkInAt: yesterdayAt('09:00').toISOString() })
      const audit = await server.db.collection('audit').where({ targetId: 'u-member', kind: 'enrollment.attendance' }).limit(10).get()
      expect(audit.data).toHaveLength(1)
      expect(audit.data[0]).toMatchObject({
        actorId: 'u-staff',
        communityId: 'c-xingfu',
        reason: '手机没电，现场登记',
        detail: { activityId: 'a-hours', enrollmentId: 'a-hours:u-member', before: { checkInAt: null, checkOutAt: null } },
      })

      const confirmed = await staff.ok('activities', 'confirm', { activityId: 'a-hours', userIds: ['u-member'] })
      expect(confirmed.results).toEqual([{ userId: 'u-member', result: 'confirmed' }])
      expect(await enrollmentDoc('a-hours', 'u-member')).toMatchObject({ status: 'confirmed', hours: 3, points: 30, confirmedBy: 'u-staff' })
      const entry = (await server.db.collection('entries').doc('earn:enrollment:a-hours:u-member').get()).data[0]
      expect(entry).toMatchObject({ kind: 'earn', amount: 30, hours: 3, actorId: 'u-staff' })
    })

    it('should give a fixed rule its points and a per-hour rule points by the credited hours', async () => {
      await pastActivity('a-fixed', { pointsRule: { kind: 'fixed', points: 15 } })
      await pastActivity('a-per-hour', { pointsRule: { kind: 'perHour', points: 8 } })
      for (const activityId of ['a-fixed', 'a-per-hour']) {
        await enroll(activityId, 'u-member', { checkInAt: yesterdayAt('09:15'), checkOutAt: yesterdayAt('10:45') })
        expect((await staff.ok('activities', 'confirm', { activityId, userIds: ['u-member'] })).results[0].result).toBe('confirmed')
      }
      expect(await enrollmentDoc('a-fixed', 'u-member')).toMatchObject({ hours: 1.5, points: 15 })
      expect(await enrollmentDoc('a-per-hour', 'u-member')).toMatchObject({ hours: 1.5, points: 12 })
    })

    it('should flag a zero-length visit before the start and a too-short one, and confirm them only when staff acknowledge them', async () => {
      await pastActivity('a-sanity')
      // Checked in and out in the same minute, an hour before the 09:00 start: the visit the issue saw credited "0 小时 · 15 积分".
      await enroll('a-sanity', 'u-member', { checkInAt: yesterdayAt('08:00'), checkOutAt: yesterdayAt('08:00') })
      // Five minutes of a three-hour activity.
      await enroll('a-sanity', 'u-resident', { checkInAt: yesterdayAt('09:00'), checkOutAt: yesterdayAt('09:05') })
      // Forty minutes of three hours: under a quarter, over ten minutes.
      await enroll('a-sanity', 'u-liaison', { checkInAt: yesterdayAt('10:00'), checkOutAt: yesterdayAt('10:40') })
      const sheet = await staff.ok('activities', 'attendance', { activityId: 'a-sanity' })
      const concernsOf = (userId: string) => sheet.items.find((row: any) => row.userId === userId).concerns
      expect(concernsOf('u-member')).toEqual(['outside_time', 'too_short'])
      expect(concernsOf('u-resident')).toEqual(['too_short'])
      expect(concernsOf('u-liaison')).toEqual(['too_short'])
      const entriesBefore = await countAll(server, ['entries'])

      const refused = await staff.ok('activities', 'confirm', { activityId: 'a-sanity', userIds: ['u-member', 'u-resident', 'u-liaison'] })
      expect(refused.results).toEqual([
        { userId: 'u-member', result: 'needs_acknowledge', concerns: ['outside_time', 'too_short'] },
        { userId: 'u-resident', result: 'needs_acknowledge', concerns: ['too_short'] },
        { userId: 'u-liaison', result: 'needs_acknowledge', concerns: ['too_short'] },
      ])
      expect(await countAll(server, ['entries'])).toEqual(entriesBefore)
      expect(await enrollmentDoc('a-sanity', 'u-member')).toMatchObject({ status: 'enrolled', points: null })

      // Acknowledging one person confirms that one only.
      const partly = await staff.ok('activities', 'confirm', { activityId: 'a-sanity', userIds: ['u-member', 'u-resident'], acknowledge: ['u-resident'] })
      expect(partly.results).toEqual([
        { userId: 'u-member', result: 'needs_acknowledge', concerns: ['outside_time', 'too_short'] },
        { userId: 'u-resident', result: 'confirmed' },
      ])
      expect(await enrollmentDoc('a-sanity', 'u-resident')).toMatchObject({ status: 'confirmed', hours: 0.08 })
      const sheetAfter = await staff.ok('activities', 'attendance', { activityId: 'a-sanity' })
      expect(sheetAfter.items.find((row: any) => row.userId === 'u-resident').concerns).toEqual([])
    })

    it('should not flag a visit that covers a fair part of the activity', async () => {
      await pastActivity('a-sane')
      await enroll('a-sane', 'u-member', { checkInAt: yesterdayAt('08:30'), checkOutAt: yesterdayAt('09:50') })
      const sheet = await staff.ok('activities', 'attendance', { activityId: 'a-sane' })
      expect(sheet.items[0].concerns).toEqual([])
      expect((await staff.ok('activities', 'confirm', { activityId: 'a-sane', userIds: ['u-member'] })).results[0].result).toBe('confirmed')
    })

    it('should answer each person in a bulk confirmation: no check-out, not signed up, self, already confirmed', async () => {
      await pastActivity('a-bulk')
      await enroll('a-bulk', 'u-member', { checkInAt: yesterdayAt('09:00') })
      await enroll('a-bulk', 'u-staff', { checkInAt: yesterdayAt('09:00'), checkOutAt: yesterdayAt('11:00') })
      await enroll('a-bulk', 'u-resident', { checkInAt: yesterdayAt('09:00'), checkOutAt: yesterdayAt('11:00') })
      const entriesBefore = await countAll(server, ['entries'])

      const first = await staff.ok('activities', 'confirm', { activityId: 'a-bulk', userIds: ['u-member', 'u-staff', 'u-liaison', 'u-resident', 'u-resident'] })
      expect(first.results).toEqual([
        { userId: 'u-member', result: 'no_attendance' },
        { userId: 'u-staff', result: 'self' },
        { userId: 'u-liaison', result: 'not_enrolled' },
        { userId: 'u-resident', result: 'confirmed' },
      ])
      expect(await countAll(server, ['entries'])).toEqual({ entries: entriesBefore.entries + 1 })
      expect(await enrollmentDoc('a-bulk', 'u-staff')).toMatchObject({ status: 'enrolled', points: null })

      const admin = await server.as('demo-district-admin')
      const second = await admin.ok('activities', 'confirm', { activityId: 'a-bulk', userIds: ['u-resident', 'u-staff'] })
      expect(second.results).toEqual([
        { userId: 'u-resident', result: 'already_confirmed' },
        { userId: 'u-staff', result: 'confirmed' },
      ])
    })

    it('should refuse 补录 for oneself, for someone not signed up, and outside the activity window', async () => {
      await pastActivity('a-manual')
      await enroll('a-manual', 'u-staff')
      const times = { checkInAt: yesterdayAt('09:00').toISOString(), checkOutAt: yesterdayAt('11:00').toISOString(), reason: '现场登记' }
      const before = await countAll(server, ['audit'])
      expect(codeOf(await staff.call('activities', 'recordAttendance', { activityId: 'a-manual', userId: 'u-staff', ...times }))).toBe('FORBIDDEN')
      expect(codeOf(await staff.call('activities', 'recordAttendance', { activityId: 'a-manual', userId: 'u-resident', ...times }))).toBe('INVALID_STATE')
      const outside = { ...times, checkOutAt: yesterdayAt('18:00').toISOString() }
      expect(codeOf(await staff.call('activities', 'recordAttendance', { activityId: 'a-manual', userId: 'u-member', ...outside }))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, ['audit'])).toEqual(before)
    })

    it("should list the activity's sign-up sheet with full names for staff", async () => {
      await pastActivity('a-sheet')
      await enroll('a-sheet', 'u-member', { checkInAt: yesterdayAt('09:00'), checkOutAt: yesterdayAt('11:00') })
      await enroll('a-sheet', 'u-resident')
      const sheet = await staff.ok('activities', 'attendance', { activityId: 'a-sheet' })
      expect(sheet.items).toEqual([
        expect.objectContaining({ userId: 'u-member', name: '张伟', status: 'enrolled', attendanceSource: 'code' }),
        expect.objectContaining({ userId: 'u-resident', name: '刘秀英', checkInAt: null }),
      ])
    })
  })

  describe('service record', () => {
    it("should show the member's confirmed service with organizer, recorder and volunteer number", async () => {
      await member.ok('users', 'updateProfile', { volunteerNo: 'ZY-2026-0001' })
      const record = await member.ok('activities', 'serviceRecord', {})
      const seeded = record.items.find((row: { activityTitle: string }) => row.activityTitle === '垃圾分类宣传')
      expect(seeded).toMatchObject({ hours: 2, organizer: '幸福社区', recorder: '王丽', volunteerNo: 'ZY-2026-0001' })
      expect(record.total).toBe(record.items.length)
      const resident = await server.as('demo-resident')
      const residentRecord = await resident.ok('activities', 'serviceRecord', {})
      expect(residentRecord.items.every((row: { volunteerNo: string }) => row.volunteerNo === '—')).toBe(true)
    })

    it("should export an XLSX that exceljs opens, with the 67号令 columns, the internal-record line and the member's rows", async () => {
      const exported = await member.ok('activities', 'exportServiceRecord', {})
      expect(exported.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect(exported.fileName).toMatch(/^志愿服务记录-张伟-\d{8}\.xlsx$/)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as never)
      const sheet = workbook.getWorksheet('志愿服务记录')!
      const rows: string[][] = []
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))))
      expect(rows[0][0]).toBe('志愿服务记录')
      expect(rows[1][0]).toMatch(/^本记录为社区内部记录/)
      expect(rows[2]).toEqual(['姓名', '志愿者编号', '活动名称', '服务内容', '服务日期', '服务时长（小时）', '组织单位（社区）', '记录人'])
      const seeded = rows.find((row) => row[2] === '垃圾分类宣传')
      expect(seeded).toEqual(['张伟', 'ZY-2026-0001', '垃圾分类宣传', expect.stringContaining('垃圾分类宣传'), expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '2', '幸福社区', '王丽'])
      const record = await member.ok('activities', 'serviceRecord', { pageSize: 50 })
      expect(rows.length).toBe(3 + record.total + 1)
      const total = rows[rows.length - 1]
      expect(total[0]).toBe('合计')
      expect(Number(total[5])).toBeCloseTo(record.items.reduce((sum: number, row: { hours: number }) => sum + row.hours, 0), 2)
    })
  })
})
