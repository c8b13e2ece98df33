import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import ExcelJS from 'exceljs'
import type { CommitmentDoc } from '../../cloudfunctions/lib/units/model'
import { startTestServer, type Client, type TestServer } from '../helpers/server'

const YEAR = chinaYear(new Date())

describe('units: report, export and showcase', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let admin: Client
  let liaison: Client
  let resident: Client

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie, admin, liaison, resident] = await Promise.all(
      ['demo-staff', 'demo-staff-hexie', 'demo-district-admin', 'demo-liaison', 'demo-resident'].map((openid) => server.as(openid)),
    )
  })
  afterAll(() => server.stop())

  /** The same figures counted here from the raw documents, not through the report code. */
  async function independentCounts(communityIds: string[]) {
    const all = (await server.db.collection<CommitmentDoc>('commitments').limit(1000).get()).data.filter(
      (doc) => communityIds.includes(doc.communityId) && doc.year === YEAR,
    )
    const live = all.filter((doc) => doc.status !== 'withdrawn')
    const completed = live.filter((doc) => doc.status === 'completed').length
    const verified = live.filter((doc) => doc.status === 'verified').length
    const overdue = live.filter((doc) => ['proposed', 'agreed', 'in_progress'].includes(doc.status) && doc.deadline.getTime() < Date.now()).length
    return { made: live.length, completed, verified, overdue, withdrawn: all.length - live.length, rate: live.length ? (completed + verified) / live.length : 0 }
  }

  it('should report the seeded community figures as counted independently', async () => {
    const report = await staff.ok('units', 'report', { communityId: 'c-xingfu', year: YEAR })
    const expected = await independentCounts(['c-xingfu'])
    expect(report.commitments).toEqual({ made: expected.made, completed: expected.completed, verified: expected.verified, overdue: expected.overdue, withdrawn: expected.withdrawn })
    expect(report.completionRate).toBeCloseTo(expected.rate)
    // The seed by hand: 5 live commitments (one withdrawn), 1 completed, 1 verified, 1 overdue.
    expect(report.commitments).toEqual({ made: 5, completed: 1, verified: 1, overdue: 1, withdrawn: 1 })
    expect(report).toMatchObject({ unitsPaired: 2, resourcesShared: 0, demands: { published: 2, claimed: 0, done: 0 }, averageRating: null })
    expect(report.perUnit.map((unit: { unitId: string }) => unit.unitId).sort()).toEqual(['unit-power', 'unit-school'])
    expect(report.perUnit.find((unit: { unitId: string }) => unit.unitId === 'unit-school')).toMatchObject({
      commitments: { made: 3, completed: 0, verified: 1, overdue: 0, withdrawn: 0 },
    })
  })

  it('should count ratings, shared resources and claimed demands as they happen', async () => {
    await resident.ok('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 4 })
    const resource = await liaison.ok('units', 'publishResource', { unitId: 'unit-school', kind: '场地', title: '报告厅', description: '200 座', availability: '周末' })
    const request = await staff.ok('units', 'requestResource', { resourceId: resource.id, communityId: 'c-xingfu', note: '党课' })
    await liaison.ok('units', 'answerRequest', { requestId: request.id, accept: true })
    await staff.ok('units', 'fulfilRequest', { requestId: request.id })
    await liaison.ok('units', 'claimDemand', { demandId: 'dm-handrails', unitId: 'unit-school' })

    const report = await staff.ok('units', 'report', { communityId: 'c-xingfu', year: YEAR })
    const expected = await independentCounts(['c-xingfu'])
    expect(report.commitments.made).toBe(expected.made)
    expect(report.commitments.made).toBe(6)
    expect(report).toMatchObject({ resourcesShared: 1, demands: { published: 2, claimed: 1, done: 0 }, averageRating: 4 })
    expect(report.perUnit.find((unit: { unitId: string }) => unit.unitId === 'unit-school')).toMatchObject({ resourcesShared: 1, demandsClaimed: 1, averageRating: 4 })
  })

  it('should report the whole 街道 to a district admin only', async () => {
    const report = await admin.ok('units', 'report', { districtId: 'd-heping', year: YEAR })
    const expected = await independentCounts(['c-xingfu', 'c-hexie'])
    expect(report.scope).toMatchObject({ kind: 'district', name: '和平街道' })
    expect(report.commitments.made).toBe(expected.made)
    expect(report.unitsPaired).toBe(3)
    expect(await staff.call('units', 'report', { districtId: 'd-heping', year: YEAR })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staffHexie.call('units', 'report', { communityId: 'c-xingfu', year: YEAR })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await liaison.call('units', 'report', { communityId: 'c-xingfu', year: YEAR })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    for (const data of [{ year: YEAR }, { communityId: 'c-xingfu', districtId: 'd-heping', year: YEAR }, { communityId: 'c-xingfu', year: '2026' }, { communityId: 'c-xingfu' }]) {
      expect(await staff.call('units', 'report', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
  })

  it('should export the report as an XLSX 台账 with the same figures', async () => {
    const report = await staff.ok('units', 'report', { communityId: 'c-xingfu', year: YEAR })
    const file = await staff.ok('units', 'exportReport', { communityId: 'c-xingfu', year: YEAR })
    expect(file.fileName).toBe(`共驻共建台账-幸福社区-${YEAR}.xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never)
    const sheet = workbook.getWorksheet('共驻共建台账')!
    expect(String(sheet.getCell('A1').value)).toContain(`幸福社区${YEAR}年度共驻共建工作台账`)
    expect(String(sheet.getCell('A2').value)).toContain(`共明确承诺事项 ${report.commitments.made} 条`)
    const total = sheet.getRow(sheet.rowCount)
    expect(total.getCell(1).value).toBe('合计')
    expect(total.getCell(3).value).toBe(report.commitments.made)
    // 已完成 means the same in the sentence, the columns and the screen (doneCount): finished, verified or not.
    const done = report.commitments.completed + report.commitments.verified
    expect(String(sheet.getCell('A2').value)).toContain(`已完成 ${done} 项（其中已验收 ${report.commitments.verified} 项）`)
    expect(sheet.getRow(3).getCell(4).value).toBe('已完成（项）')
    expect(total.getCell(4).value).toBe(done)
    expect(sheet.getRow(3).getCell(5).value).toBe('其中已验收（项）')
    expect(total.getCell(9).value).toBe(report.resourcesShared)
    expect(sheet.rowCount).toBe(3 + report.perUnit.length + 1)
    expect(await resident.call('units', 'exportReport', { communityId: 'c-xingfu', year: YEAR })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('should show the public the paired units and their verified commitments, without contacts', async () => {
    const page = await server.anonymous.ok('units', 'showcase', { communityId: 'c-xingfu' })
    expect(page.community).toEqual({ id: 'c-xingfu', name: '幸福社区' })
    expect(page.units.map((unit: { id: string }) => unit.id).sort()).toEqual(['unit-power', 'unit-school'])
    const school = page.units.find((unit: { id: string }) => unit.id === 'unit-school')
    expect(school.commitments).toEqual([expect.objectContaining({ id: 'cm-school-playground', averageRating: 4, ratings: 1 })])
    expect(page.units.find((unit: { id: string }) => unit.id === 'unit-power').commitments).toEqual([])
    const text = JSON.stringify(page)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
    expect(text).not.toContain('陈刚')
  })
})
