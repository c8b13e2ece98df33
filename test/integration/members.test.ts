import ExcelJS from 'exceljs'
import type { ActivityDoc, EnrollmentDoc } from '../../cloudfunctions/lib/activities/model'
import { reportDocId, type MemberReportDoc } from '../../cloudfunctions/lib/members/model'
import { addDays, chinaDate, chinaYear, yearRange } from '../../cloudfunctions/lib/shared/china-time'
import { allDocs, countAll, startTestServer, type TestServer } from '../helpers/server'
import { addPerson, errorCode, tally } from './points-fixtures'
import { addReport, reportDoc, validReport } from './members-fixtures'

const DAY = 24 * 3600 * 1000
const year = chinaYear(new Date())

/** The progress figures computed here from every document, independently of the service's queries. */
async function independentProgress(server: TestServer, userId: string, communityId: string) {
  const { start, end } = yearRange(year)
  const inYear = (at: Date) => at.getTime() >= start.getTime() && at.getTime() < end.getTime()
  const activities = new Map((await allDocs<ActivityDoc>(server, 'activities')).map((activity) => [activity._id, activity]))
  const attended = (await allDocs<EnrollmentDoc>(server, 'enrollments')).filter((enrollment) => {
    const activity = activities.get(enrollment.activityId)
    return enrollment.userId === userId && enrollment.status === 'confirmed' && activity?.communityId === communityId && inYear(activity.endAt)
  })
  const suggestions = (await allDocs<{ userId: string; communityId: string; status: string; createdAt: Date }>(server, 'suggestions')).filter(
    (suggestion) => suggestion.userId === userId && suggestion.communityId === communityId && suggestion.status !== 'withdrawn' && inYear(suggestion.createdAt),
  )
  return { activities: attended.length, suggestions: suggestions.length }
}

describe('members: 在职党员报到', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  describe('submit and mine', () => {
    it('should let a registered resident report to their own community and read it back', async () => {
      const resident = await server.as('demo-resident')
      expect((await resident.ok('members', 'mine', {})).report).toBeNull()
      const report = await resident.ok('members', 'submit', { ...validReport, willingness: ['政策宣讲', '政策宣讲', '帮老人写春联'] })
      expect(report).toMatchObject({ id: reportDocId('c-xingfu', 'u-resident', year), status: 'submitted', name: '刘秀英', willingness: ['政策宣讲', '帮老人写春联'] })
      const stored = await reportDoc(server, report.id)
      expect(stored).toMatchObject({ communityId: 'c-xingfu', userId: 'u-resident', year, anniversary: '07-01', status: 'submitted' })
      const mine = await resident.ok('members', 'mine', {})
      expect(mine.report).toMatchObject({ id: report.id, status: 'submitted', workUnit: validReport.workUnit })
      expect(mine.willingnessOptions).toContain('政策宣讲')
    })

    it('should ask someone not registered to register first', async () => {
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await newcomer.call('members', 'submit', validReport))).toBe('NOT_REGISTERED')
    })

    const tomorrow = addDays(chinaDate(new Date()), 1)
    it.each([
      ['no willingness', { willingness: [] }],
      ['a missing work unit', { workUnit: undefined }],
      ['a blank party organisation', { partyOrg: '   ' }],
      ['a work unit of 61 characters', { workUnit: '单'.repeat(61) }],
      ['an impossible date', { partyJoinedAt: '2015-02-30' }],
      ['a date before the party existed', { partyJoinedAt: '1921-06-30' }],
      ['a date in the future', { partyJoinedAt: tomorrow }],
      ['eleven skills', { skills: Array.from({ length: 11 }, (_, i) => `特长${i}`) }],
      ['a skill of 21 characters', { skills: ['技'.repeat(21)] }],
      ['a year chosen by the caller', { year: 2020 }],
      ['a community chosen by the caller', { communityId: 'c-hexie' }],
    ])('should refuse %s and change nothing', async (_label, change) => {
      const client = await addPerson(server, `u-bad-${Math.random().toString(36).slice(2, 8)}`, { roles: [] })
      const before = await countAll(server, ['memberReports', 'roles', 'audit'])
      expect(errorCode(await client.call('members', 'submit', { ...validReport, ...change }))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, ['memberReports', 'roles', 'audit'])).toEqual(before)
    })

    it('should refuse text the content check rejects and store nothing', async () => {
      const client = await addPerson(server, 'u-report-content', { roles: [] })
      const before = await countAll(server, ['memberReports'])
      expect(errorCode(await client.call('members', 'submit', { ...validReport, skills: ['代开发票'] }))).toBe('CONTENT_REJECTED')
      expect(await countAll(server, ['memberReports'])).toEqual(before)
    })

    it('should store one report when a person taps submit ten times at once', async () => {
      const client = await addPerson(server, 'u-report-race', { roles: [] })
      const responses = await Promise.all(Array.from({ length: 10 }, () => client.call('members', 'submit', validReport)))
      expect(responses.filter((response) => response.ok).length).toBeGreaterThanOrEqual(1)
      expect(responses.every((response) => response.ok || ['CONFLICT'].includes(response.error.code))).toBe(true)
      const reports = await server.db.collection<MemberReportDoc>('memberReports').where({ userId: 'u-report-race' }).limit(10).get()
      expect(reports.data).toHaveLength(1)
    })
  })

  describe('review', () => {
    it('should show the member the reason a report was returned, then take the corrected one back for review', async () => {
      const client = await addPerson(server, 'u-review-1', { roles: [] })
      const { id } = await client.ok('members', 'submit', validReport)
      const staff = await server.as('demo-staff')
      await staff.ok('members', 'return', { reportId: id, reason: '所在党组织请写全称' })
      const mine = await client.ok('members', 'mine', {})
      expect(mine.report).toMatchObject({ status: 'returned', returnReason: '所在党组织请写全称' })
      const resubmitted = await client.ok('members', 'submit', { ...validReport, partyOrg: '和平区税务局机关第一党支部委员会' })
      expect(resubmitted).toMatchObject({ status: 'submitted', partyOrg: '和平区税务局机关第一党支部委员会' })
      expect(resubmitted.history.map((entry: { action: string }) => entry.action)).toEqual(['submit', 'return', 'resubmit'])
    })

    it('should grant the member role when staff confirm, so the person can sign up for activities', async () => {
      const client = await addPerson(server, 'u-review-2', { roles: [] })
      const { id } = await client.ok('members', 'submit', validReport)
      expect(errorCode(await client.call('activities', 'signup', { activityId: 'a-dance' }))).toBe('FORBIDDEN')
      const staff = await server.as('demo-staff')
      expect(await staff.ok('members', 'confirm', { reportId: id })).toMatchObject({ status: 'confirmed' })
      expect((await server.db.collection('roles').doc('c-xingfu:u-review-2:member').get()).data).toHaveLength(1)
      const audit = await server.db.collection('audit').where({ targetId: 'u-review-2' }).limit(10).get()
      expect(audit.data).toEqual([expect.objectContaining({ kind: 'role.grant', actorId: 'u-staff' })])
      expect((await client.call('activities', 'signup', { activityId: 'a-dance' })).ok).toBe(true)
    })

    it('should record in the audit trail why staff withdrew a confirmation', async () => {
      await addPerson(server, 'u-withdraw-1', { roles: [] })
      const reportId = await addReport(server, 'u-withdraw-1', 'confirmed')
      const staff = await server.as('demo-staff')
      const withdrawn = await staff.ok('members', 'withdraw', { reportId, reason: '已迁出本社区' })
      expect(withdrawn).toMatchObject({ status: 'returned', returnReason: '已迁出本社区' })
      const audit = await server.db.collection('audit').where({ targetId: reportId }).limit(10).get()
      expect(audit.data).toEqual([expect.objectContaining({ kind: 'memberReport.withdraw', reason: '已迁出本社区', actorId: 'u-staff' })])
    })

    it('should let exactly one of confirm and return win when staff race on a report', async () => {
      const reportId = await addReport(server, 'u-race-review', 'submitted')
      const [staff, admin] = await Promise.all([server.as('demo-staff'), server.as('demo-district-admin')])
      const calls = Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0 ? staff.call('members', 'confirm', { reportId }) : admin.call('members', 'return', { reportId, reason: '信息不全' }),
      )
      const codes = (await Promise.all(calls)).map(errorCode)
      expect(tally(codes)).toEqual({ ok: 1, INVALID_STATE: 9 })
      const after = await reportDoc(server, reportId)
      expect(after?.history).toHaveLength(2)
    })

    it('should confirm once and grant the role once when ten confirmations race', async () => {
      await addPerson(server, 'u-race-confirm', { roles: [] })
      const reportId = await addReport(server, 'u-race-confirm', 'submitted')
      const staff = await server.as('demo-staff')
      const codes = (await Promise.all(Array.from({ length: 10 }, () => staff.call('members', 'confirm', { reportId })))).map(errorCode)
      expect(tally(codes)).toEqual({ ok: 1, INVALID_STATE: 9 })
      expect((await reportDoc(server, reportId))?.history.map((entry) => entry.action)).toEqual(['submit', 'confirm'])
      expect((await server.db.collection('roles').where({ userId: 'u-race-confirm' }).limit(10).get()).data).toHaveLength(1)
      expect((await server.db.collection('audit').where({ targetId: 'u-race-confirm' }).limit(10).get()).data).toHaveLength(1)
    })

    it('should not let a member of the community review reports', async () => {
      const reportId = await addReport(server, 'u-authz-1', 'submitted')
      const member = await server.as('demo-member')
      for (const [action, data] of [['confirm', {}], ['return', { reason: '不行' }], ['withdraw', { reason: '不行' }], ['detail', {}]] as const) {
        expect(errorCode(await member.call('members', action, { reportId, ...data }))).toBe('FORBIDDEN')
      }
      expect(errorCode(await member.call('members', 'roster', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect((await reportDoc(server, reportId))?.status).toBe('submitted')
    })

    it('should not let staff of another community touch or read 幸福社区 reports', async () => {
      const reportId = await addReport(server, 'u-authz-2', 'submitted')
      const hexie = await server.as('demo-staff-hexie')
      for (const [action, data] of [['confirm', {}], ['return', { reason: '不行' }], ['detail', {}]] as const) {
        expect(errorCode(await hexie.call('members', action, { reportId, ...data }))).toBe('FORBIDDEN')
      }
      for (const action of ['roster', 'notReported', 'exportRoster']) {
        expect(errorCode(await hexie.call('members', action, { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      }
      expect((await reportDoc(server, reportId))?.status).toBe('submitted')
    })

    it('should show a report to its member and to staff of its community only', async () => {
      const reportId = reportDocId('c-xingfu', 'u-member', year)
      expect(await (await server.as('demo-member')).ok('members', 'detail', { reportId })).toMatchObject({ name: '张伟', status: 'confirmed' })
      expect(await (await server.as('demo-staff')).ok('members', 'detail', { reportId })).toMatchObject({ name: '张伟' })
      expect(errorCode(await (await server.as('demo-resident')).call('members', 'detail', { reportId }))).toBe('FORBIDDEN')
      expect(errorCode(await server.anonymous.call('members', 'detail', { reportId }))).toBe('UNAUTHENTICATED')
    })
  })

  describe('progress', () => {
    it('should count attended activities and suggestions of this year in this community, equal to an independent count', async () => {
      const { start } = yearRange(year)
      const now = new Date()
      // A day ago, but never before this Beijing year began: on 1 January at 00:05 that is its first instant.
      const lately = new Date(Math.max(start.getTime(), now.getTime() - DAY))
      const activity = (id: string, communityId: string, endAt: Date): ActivityDoc =>
        ({ _id: id, communityId, type: '志愿服务', title: id, description: '', coverUrl: null, place: '', startAt: new Date(endAt.getTime() - 3600_000), endAt, signupDeadline: endAt, quota: 10, enrolledCount: 1, pointsRule: { kind: 'fixed', points: 1 }, maxHours: 1, status: 'published', createdBy: 'u-staff', createdAt: endAt, updatedAt: endAt }) as ActivityDoc
      const enrollment = (activityId: string, communityId: string, status: EnrollmentDoc['status']): EnrollmentDoc =>
        ({ _id: `${activityId}:u-member`, activityId, communityId, userId: 'u-member', status, checkInAt: null, checkOutAt: null, attendanceSource: null, hours: 1, points: 1, confirmedBy: 'u-staff', confirmedAt: now, createdAt: now, updatedAt: now }) as EnrollmentDoc
      await server.db.collection<ActivityDoc>('activities').add(activity('a-p-counted', 'c-xingfu', lately))
      await server.db.collection<ActivityDoc>('activities').add(activity('a-p-last-year', 'c-xingfu', new Date(start.getTime() - 3600_000)))
      await server.db.collection<ActivityDoc>('activities').add(activity('a-p-hexie', 'c-hexie', lately))
      await server.db.collection<ActivityDoc>('activities').add(activity('a-p-unconfirmed', 'c-xingfu', lately))
      await server.db.collection<EnrollmentDoc>('enrollments').add(enrollment('a-p-counted', 'c-xingfu', 'confirmed'))
      await server.db.collection<EnrollmentDoc>('enrollments').add(enrollment('a-p-last-year', 'c-xingfu', 'confirmed'))
      await server.db.collection<EnrollmentDoc>('enrollments').add(enrollment('a-p-hexie', 'c-hexie', 'confirmed'))
      await server.db.collection<EnrollmentDoc>('enrollments').add(enrollment('a-p-unconfirmed', 'c-xingfu', 'enrolled'))
      const suggestion = (id: string, communityId: string, status: string, createdAt: Date) => ({ _id: id, communityId, userId: 'u-member', category: '其他', status, createdAt, updatedAt: createdAt })
      for (const doc of [
        suggestion('s-p-1', 'c-xingfu', 'submitted', now),
        suggestion('s-p-2', 'c-xingfu', 'closed', lately),
        suggestion('s-p-withdrawn', 'c-xingfu', 'withdrawn', now),
        suggestion('s-p-last-year', 'c-xingfu', 'closed', new Date(start.getTime() - 1000)),
        suggestion('s-p-hexie', 'c-hexie', 'submitted', now),
      ]) {
        await server.db.collection('suggestions').add(doc)
      }

      const expected = await independentProgress(server, 'u-member', 'c-xingfu')
      // The one added here, and the seed's confirmed 垃圾分类宣传 unless the year began since it ended.
      expect(expected.activities).toBeGreaterThanOrEqual(1)
      expect(expected.suggestions).toBeGreaterThanOrEqual(2)
      const member = await server.as('demo-member')
      const { progress } = await member.ok('members', 'mine', {})
      expect(progress).toEqual({ year, activities: { done: expected.activities, target: 2 }, suggestions: { done: expected.suggestions, target: 1 } })
    })

    it("should measure progress against the community's own targets", async () => {
      const staff = await server.as('demo-staff')
      await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', reportActivityTarget: 4, reportSuggestionTarget: 3 })
      const { progress } = await (await server.as('demo-member')).ok('members', 'mine', {})
      expect(progress.activities.target).toBe(4)
      expect(progress.suggestions.target).toBe(3)
      await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', reportActivityTarget: 2, reportSuggestionTarget: 1 })
    })
  })

  describe('roster', () => {
    it("should page the year's reports by status, matching the stored ones", async () => {
      const staff = await server.as('demo-staff')
      const stored = (await allDocs<MemberReportDoc>(server, 'memberReports')).filter((report) => report.communityId === 'c-xingfu' && report.year === year)
      const all = await staff.ok('members', 'roster', { communityId: 'c-xingfu', pageSize: 50 })
      expect(all.total).toBe(stored.length)
      expect(all.items.map((report: { id: string }) => report.id).sort()).toEqual(stored.map((report) => report._id).sort())
      for (const status of ['submitted', 'confirmed', 'returned'] as const) {
        const page = await staff.ok('members', 'roster', { communityId: 'c-xingfu', status, pageSize: 50 })
        expect(page.total).toBe(stored.filter((report) => report.status === status).length)
        expect(page.items.every((report: { status: string }) => report.status === status)).toBe(true)
      }
      expect(errorCode(await staff.call('members', 'roster', { communityId: 'c-xingfu', status: 'withdrawn' }))).toBe('VALIDATION_FAILED')
      const zhang = all.items.find((report: { userId: string }) => report.userId === 'u-member')
      const expected = await independentProgress(server, 'u-member', 'c-xingfu')
      expect(zhang.progress).toMatchObject({ activities: { done: expected.activities }, suggestions: { done: expected.suggestions } })
    })

    it('should list the members who have not reported this year', async () => {
      const staff = await server.as('demo-staff')
      const list = await staff.ok('members', 'notReported', { communityId: 'c-xingfu', pageSize: 50 })
      const ids = list.items.map((row: { userId: string }) => row.userId)
      expect(ids).toContain('u-member-zhao')
      expect(ids).not.toContain('u-member')
      const members = (await allDocs<{ scopeId: string; role: string; userId: string }>(server, 'roles')).filter((grant) => grant.scopeId === 'c-xingfu' && grant.role === 'member')
      const reported = new Set((await allDocs<MemberReportDoc>(server, 'memberReports')).filter((report) => report.communityId === 'c-xingfu' && report.year === year).map((report) => report.userId))
      expect(list.total).toBe(new Set(members.map((grant) => grant.userId).filter((userId) => !reported.has(userId))).size)
    })

    it('should export the roster as an XLSX workbook with one row per report', async () => {
      const staff = await server.as('demo-staff')
      const file = await staff.ok('members', 'exportRoster', { communityId: 'c-xingfu' })
      expect(file.fileName).toBe(`在职党员报到花名册-幸福社区-${year}.xlsx`)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never)
      const sheet = workbook.getWorksheet('报到花名册')!
      const stored = (await allDocs<MemberReportDoc>(server, 'memberReports')).filter((report) => report.communityId === 'c-xingfu' && report.year === year)
      expect(file.rows).toBe(stored.length)
      expect(sheet.rowCount).toBe(3 + stored.length)
      const names = Array.from({ length: stored.length }, (_, i) => String(sheet.getRow(4 + i).getCell(2).value))
      expect(names.sort()).toEqual(stored.map((report) => report.name).sort())
      const zhang = Array.from({ length: stored.length }, (_, i) => sheet.getRow(4 + i)).find((row) => row.getCell(2).value === '张伟')!
      expect(zhang.getCell(3).value).toBe('13800000002')
    })
  })
})
