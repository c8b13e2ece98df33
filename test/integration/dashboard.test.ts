import ExcelJS from 'exceljs'
import type { BaseDoc } from '../../cloudfunctions/lib/db/types'
import { rebuildStats } from '../../cloudfunctions/lib/dashboard/recount'
import { roleDocId } from '../../cloudfunctions/lib/users/model'
import { allDocs, startTestServer, type Client, type TestServer } from '../helpers/server'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/** 'YYYY-MM' of an instant in Beijing time, by plain arithmetic (not the dashboard's period code). */
const beijingMonth = (at: Date): string => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 7)
const inPeriod = (at: Date | null | undefined, label: string): boolean => at instanceof Date && beijingMonth(at).startsWith(label)
/** An instant given as Beijing wall-clock time. */
const beijing = (wallClock: string): Date => new Date(`${wallClock}+08:00`)

type Doc = BaseDoc & Record<string, any>

describe('dashboard: overview and export', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let member: Client
  let admin: Client
  let otherAdmin: Client
  const now = new Date()
  const thisMonth = beijingMonth(now)
  const thisYear = Number(thisMonth.slice(0, 4))
  /**
   * The instant `fraction` of the way from this Beijing month's start to now:
   * "earlier this month" stays in this month and in the past even at 00:05
   * on the 1st, whatever day the suite runs.
   */
  const monthStart = beijing(`${thisMonth}-01T00:00:00`)
  const sinceMonthStart = (fraction: number): Date => new Date(monthStart.getTime() + (now.getTime() - monthStart.getTime()) * fraction)

  /** Every figure counted here from all raw documents with plain loops. */
  async function independentFigures(communityIds: string[], label: string) {
    const mine = async (collection: string) => (await allDocs<Doc>(server, collection)).filter((doc) => communityIds.includes(doc.communityId))
    const [activities, enrollments, entries, redemptions, wishes, claims, ratings, suggestions, bookings] = await Promise.all(
      ['activities', 'enrollments', 'entries', 'redemptions', 'wishes', 'claims', 'ratings', 'suggestions', 'bookings'].map(mine),
    )
    const asOf = Date.now()
    const attended = enrollments.filter((doc) => doc.status === 'confirmed' && inPeriod(doc.confirmedAt, label))
    let hours = 0
    for (const doc of attended) hours += doc.hours ?? 0
    let issued = 0
    for (const doc of entries) if (doc.kind === 'earn' && doc.amount > 0 && inPeriod(doc.createdAt, label)) issued += doc.amount
    let redeemed = 0
    for (const doc of redemptions) if (doc.status === 'picked' && inPeriod(doc.closedAt, label)) redeemed += doc.points
    const replied = suggestions.filter((doc) => inPeriod(doc.repliedAt, label))
    let responseHours = 0
    for (const doc of replied) responseHours += (doc.repliedAt.getTime() - doc.createdAt.getTime()) / HOUR
    const scores: number[] = []
    for (const doc of wishes) if (doc.confirmation && doc.confirmation.rating != null && inPeriod(doc.confirmation.at, label)) scores.push(doc.confirmation.rating)
    for (const doc of ratings) if (inPeriod(doc.createdAt, label)) scores.push(doc.score)
    for (const doc of suggestions) if (doc.rating && inPeriod(doc.rating.at, label)) scores.push(doc.rating.score)
    const satisfied = scores.filter((score) => score >= 4).length
    return {
      activitiesHeld: activities.filter((doc) => doc.status !== 'cancelled' && inPeriod(doc.endAt, label) && doc.endAt.getTime() <= asOf).length,
      participants: new Set(attended.map((doc) => doc.userId)).size,
      attendances: attended.length,
      volunteerHours: Math.round(hours * 100) / 100,
      pointsIssued: issued,
      pointsRedeemed: redeemed,
      wishes: {
        posted: wishes.filter((doc) => inPeriod(doc.createdAt, label)).length,
        claimed: claims.filter((doc) => inPeriod(doc.createdAt, label)).length,
        fulfilled: wishes.filter((doc) => inPeriod(doc.fulfilment?.at, label)).length,
      },
      suggestions: {
        received: suggestions.filter((doc) => inPeriod(doc.createdAt, label)).length,
        closed: suggestions.filter((doc) => doc.status === 'closed' && inPeriod(doc.closedAt, label)).length,
        averageResponseHours: replied.length ? Math.round((responseHours / replied.length) * 10) / 10 : null,
        replied: replied.length,
      },
      bookings: bookings.filter((doc) => doc.status === 'approved' && doc.date.startsWith(label)).length,
      satisfaction: { ratings: scores.length, satisfied, rate: scores.length ? satisfied / scores.length : null },
    }
  }

  async function insert(collection: string, doc: Doc): Promise<void> {
    await server.db.collection<Doc>(collection).add(doc)
  }

  /** A suggestion with the contract's fields; steps present only when they happened. */
  async function addSuggestion(id: string, communityId: string, status: string, createdAt: Date, steps: { repliedAt?: Date; closedAt?: Date; rating?: { score: number; at: Date } } = {}) {
    await insert('suggestions', { _id: id, communityId, userId: 'u-resident', category: '其他', title: '测试', content: '测试', status, replies: [], history: [], createdAt, updatedAt: createdAt, ...steps, ...(steps.rating ? { rating: { ...steps.rating, comment: '' } } : {}) })
  }

  async function addBooking(id: string, communityId: string, status: string, date: string) {
    await insert('bookings', { _id: id, venueId: 'v-test', communityId, userId: 'u-member', date, start: '09:00', end: '10:00', status, createdAt: new Date(), updatedAt: new Date() })
  }

  /** One record of every kind the dashboard counts, all at `at`, in c-xingfu. */
  async function addEventsAt(tag: string, at: Date, amounts: { hours: number; points: number; price: number; score: number; endOfMonth: boolean }) {
    await insert('activities', { _id: `a-${tag}`, communityId: 'c-xingfu', type: '志愿服务', title: tag, status: 'published', startAt: new Date(at.getTime() - 2 * HOUR), endAt: at, createdAt: at })
    await insert('enrollments', { _id: `a-${tag}:u-${tag}`, activityId: `a-${tag}`, communityId: 'c-xingfu', userId: `u-${tag}`, status: 'confirmed', hours: amounts.hours, points: amounts.points, confirmedAt: at, createdAt: at })
    await insert('entries', { _id: `earn:enrollment:${tag}`, accountId: `c-xingfu:u-${tag}`, communityId: 'c-xingfu', userId: `u-${tag}`, kind: 'earn', amount: amounts.points, heldChange: 0, hours: amounts.hours, refType: 'enrollment', refId: tag, createdAt: at })
    await insert('redemptions', { _id: `r-${tag}`, communityId: 'c-xingfu', itemId: 'i-soap', userId: `u-${tag}`, points: amounts.price, status: 'picked', pickupCode: '000000', expiresAt: at, createdAt: new Date(at.getTime() - DAY), closedAt: at })
    await insert('wishes', { _id: `w-${tag}`, communityId: 'c-xingfu', status: 'confirmed', fulfilment: { note: '', photos: [], at }, confirmation: { rating: amounts.score, comment: '', story: '', at, by: 'u-resident' }, createdAt: at })
    await insert('claims', { _id: `w-${tag}:1`, wishId: `w-${tag}`, communityId: 'c-xingfu', claimerId: 'u-member', status: 'confirmed', createdAt: at })
    await insert('ratings', { _id: `cm-${tag}:u-resident`, commitmentId: `cm-${tag}`, unitId: 'unit-school', communityId: 'c-xingfu', userId: 'u-resident', score: amounts.score, comment: '', createdAt: at })
    // The whole suggestion stays inside the event's month: answered up to `at` at a month's end, from `at` at its start.
    const [createdAt, repliedAt] = amounts.endOfMonth ? [new Date(at.getTime() - amounts.hours * HOUR), at] : [at, new Date(at.getTime() + amounts.hours * HOUR)]
    await addSuggestion(`s-${tag}`, 'c-xingfu', 'closed', createdAt, { repliedAt, closedAt: repliedAt, rating: { score: amounts.score, at } })
    await addBooking(`b-${tag}`, 'c-xingfu', 'approved', amounts.endOfMonth ? '2024-03-31' : '2024-04-01')
  }

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie, member, admin] = await Promise.all(['demo-staff', 'demo-staff-hexie', 'demo-member', 'demo-district-admin'].map((openid) => server.as(openid)))

    // A second 街道 with its own admin, who must see nothing of 和平街道.
    await insert('districts', { _id: 'd-other', name: '其他街道', createdAt: now })
    await insert('communities', { _id: 'c-other', districtId: 'd-other', name: '其他社区', address: '', createdAt: now })
    await insert('users', { _id: 'u-other-admin', openid: 'openid-other-admin', name: '赵强', phone: '13900000009', communityId: 'c-other', building: '', createdAt: now, updatedAt: now })
    await insert('roles', { _id: roleDocId('d-other', 'u-other-admin', 'district_admin'), userId: 'u-other-admin', role: 'district_admin', scopeId: 'd-other', grantedBy: 'test', createdAt: now })
    otherAdmin = await server.as('openid-other-admin')

    // This month, on top of the seed: suggestions in several states, bookings, a 3-star wish confirmation and a 2-star commitment rating.
    const earlier = sinceMonthStart(0.2)
    await addSuggestion('s-now-submitted', 'c-xingfu', 'submitted', now)
    await addSuggestion('s-now-replied', 'c-xingfu', 'replied', earlier, { repliedAt: sinceMonthStart(0.5) })
    await addSuggestion('s-now-closed', 'c-xingfu', 'closed', earlier, { repliedAt: sinceMonthStart(0.7), closedAt: now, rating: { score: 5, at: now } })
    await addSuggestion('s-now-withdrawn', 'c-xingfu', 'withdrawn', earlier)
    await addSuggestion('s-now-hexie', 'c-hexie', 'closed', earlier, { repliedAt: sinceMonthStart(0.3), closedAt: now, rating: { score: 4, at: now } })
    const today = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10)
    await addBooking('b-now-approved', 'c-xingfu', 'approved', today)
    await addBooking('b-now-pending', 'c-xingfu', 'pending', today)
    await addBooking('b-now-hexie', 'c-hexie', 'approved', today)
    await insert('wishes', { _id: 'w-now-rated', communityId: 'c-xingfu', status: 'confirmed', fulfilment: { note: '', photos: [], at: earlier }, confirmation: { rating: 3, comment: '', story: '', at: now, by: 'u-resident' }, createdAt: earlier })
    await insert('ratings', { _id: 'cm-now:u-resident', commitmentId: 'cm-now', unitId: 'unit-school', communityId: 'c-xingfu', userId: 'u-resident', score: 2, comment: '', createdAt: now })

    // 2024, far from the seed: the same events one minute either side of midnight at the end of March, Beijing time.
    await addEventsAt('march-last', beijing('2024-03-31T23:59:00'), { hours: 2, points: 10, price: 5, score: 5, endOfMonth: true })
    await addEventsAt('april-first', beijing('2024-04-01T00:01:00'), { hours: 3, points: 20, price: 7, score: 2, endOfMonth: false })
    // The fixtures went straight into the database, past the domains that keep the roll-ups:
    // count them as `npm run rebuild-stats` does for an existing database (stats.test.ts drives the live path).
    await rebuildStats(server.db)
  })
  afterAll(() => server.stop())

  it('should report this month of a community as counted independently from every document', async () => {
    const overview = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month: thisMonth } })
    const expected = await independentFigures(['c-xingfu'], thisMonth)
    expect(overview.figures).toEqual(expected)
    // The counts are not trivially empty: the seed's attendance confirmed this month (even on the 1st) and the fixtures above.
    expect(overview.figures.attendances).toBeGreaterThan(0)
    expect(overview.figures.suggestions.received).toBeGreaterThanOrEqual(4)
    expect(overview.figures.suggestions.averageResponseHours).not.toBeNull()
    expect(overview.figures.bookings).toBeGreaterThanOrEqual(1)
    expect(overview.figures.satisfaction.ratings).toBeGreaterThanOrEqual(3)
    expect(overview).toMatchObject({ scope: { kind: 'community', id: 'c-xingfu', name: '幸福社区' }, period: { kind: 'month', label: thisMonth }, perCommunity: [], series: [] })
  })

  it('should report the year with twelve monthly points, each as counted independently', async () => {
    const overview = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'year', year: thisYear } })
    expect(overview.figures).toEqual(await independentFigures(['c-xingfu'], String(thisYear)))
    expect(overview.series.map((point: { month: string }) => point.month)).toEqual(Array.from({ length: 12 }, (_, i) => `${thisYear}-${String(i + 1).padStart(2, '0')}`))
    for (const point of overview.series) expect(point.figures).toEqual(await independentFigures(['c-xingfu'], point.month))
  })

  it('should count commitments of the period year as the 共建台账 does', async () => {
    const overview = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month: thisMonth } })
    const commitments = (await allDocs<Doc>(server, 'commitments')).filter((doc) => doc.communityId === 'c-xingfu' && doc.year === thisYear && doc.status !== 'withdrawn')
    expect(overview.commitments).toEqual({
      year: thisYear,
      made: commitments.length,
      completed: commitments.filter((doc) => doc.status === 'completed' || doc.status === 'verified').length,
    })
    expect(overview.commitments.made).toBeGreaterThan(0)
  })

  it('should put an event at 23:59 Beijing time on the last day in that month and one at 00:01 in the next', async () => {
    const march = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month: '2024-03' } })
    const april = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month: '2024-04' } })
    const one = (hours: number, points: number, price: number, score: number) => ({
      activitiesHeld: 1,
      participants: 1,
      attendances: 1,
      volunteerHours: hours,
      pointsIssued: points,
      pointsRedeemed: price,
      wishes: { posted: 1, claimed: 1, fulfilled: 1 },
      suggestions: { received: 1, closed: 1, averageResponseHours: hours, replied: 1 },
      bookings: 1,
      satisfaction: { ratings: 3, satisfied: score >= 4 ? 3 : 0, rate: score >= 4 ? 1 : 0 },
    })
    expect(march.figures).toEqual(one(2, 10, 5, 5))
    expect(april.figures).toEqual(one(3, 20, 7, 2))
    expect(march.figures).toEqual(await independentFigures(['c-xingfu'], '2024-03'))

    const year = await staff.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'year', year: 2024 } })
    expect(year.series[2].figures).toEqual(march.figures)
    expect(year.series[3].figures).toEqual(april.figures)
    expect(year.series.filter((point: { figures: { attendances: number } }) => point.figures.attendances > 0)).toHaveLength(2)
    expect(year.figures).toMatchObject({ activitiesHeld: 2, participants: 2, volunteerHours: 5, satisfaction: { ratings: 6, satisfied: 3, rate: 0.5 } })
    expect(year.figures.suggestions.averageResponseHours).toBe(2.5)
  })

  it('should give a district admin the whole 街道 summed, with one row per community', async () => {
    const overview = await admin.ok('dashboard', 'overview', { districtId: 'd-heping', period: { kind: 'month', month: thisMonth } })
    expect(overview.scope).toEqual({ kind: 'district', id: 'd-heping', name: '和平街道' })
    expect(overview.figures).toEqual(await independentFigures(['c-xingfu', 'c-hexie'], thisMonth))
    expect(overview.perCommunity.map((row: { communityId: string }) => row.communityId).sort()).toEqual(['c-hexie', 'c-xingfu'])
    for (const row of overview.perCommunity) expect(row.figures).toEqual(await independentFigures([row.communityId], thisMonth))
    const hexie = overview.perCommunity.find((row: { communityId: string }) => row.communityId === 'c-hexie')
    expect(hexie.figures.bookings).toBeGreaterThanOrEqual(1)
    // A district admin is staff of each community of the 街道 as well.
    expect((await admin.ok('dashboard', 'overview', { communityId: 'c-hexie', period: { kind: 'month', month: thisMonth } })).figures).toEqual(hexie.figures)
  })

  it('should refuse anyone but staff of the community or the admin of its 街道', async () => {
    const month = { kind: 'month', month: thisMonth }
    const refused: Array<[Client, object]> = [
      [member, { communityId: 'c-xingfu', period: month }],
      [staffHexie, { communityId: 'c-xingfu', period: month }],
      [staff, { districtId: 'd-heping', period: month }],
      [otherAdmin, { districtId: 'd-heping', period: month }],
      [otherAdmin, { communityId: 'c-xingfu', period: month }],
    ]
    for (const [client, data] of refused) {
      expect(await client.call('dashboard', 'overview', data)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await client.call('dashboard', 'export', data)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await server.anonymous.call('dashboard', 'overview', { communityId: 'c-xingfu', period: month })).toMatchObject({ ok: false })
    expect(await otherAdmin.call('dashboard', 'overview', { districtId: 'd-other', period: month })).toMatchObject({ ok: true })
  })

  it('should refuse bad input with VALIDATION_FAILED', async () => {
    const bad = [
      {},
      { communityId: 'c-xingfu' },
      { period: { kind: 'year', year: thisYear } },
      { communityId: 'c-xingfu', districtId: 'd-heping', period: { kind: 'year', year: thisYear } },
      { communityId: 'c-xingfu', period: { kind: 'month', month: '2026-13' } },
      { communityId: 'c-xingfu', period: { kind: 'month', month: '2026-1' } },
      { communityId: 'c-xingfu', period: { kind: 'year', year: String(thisYear) } },
      { communityId: 'c-xingfu', period: { kind: 'year', year: 1999 } },
      { communityId: 'c-xingfu', period: { kind: 'week', week: 3 } },
      { communityId: 'c-xingfu', period: { kind: 'year', year: thisYear, month: '2026-01' } },
      { communityId: 'c-xingfu', period: { kind: 'year', year: thisYear }, extra: true },
    ]
    for (const data of bad) {
      expect(await staff.call('dashboard', 'overview', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
      expect(await staff.call('dashboard', 'export', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
  })

  /** The sheet's rows as header → cell, from the header row on. */
  function rowsOf(sheet: ExcelJS.Worksheet, headerRow: number): Array<Record<string, unknown>> {
    const headers = (sheet.getRow(headerRow).values as unknown[]).slice(1) as string[]
    const rows: Array<Record<string, unknown>> = []
    for (let n = headerRow + 1; n <= sheet.rowCount; n += 1) {
      const values = (sheet.getRow(n).values as unknown[]).slice(1)
      rows.push(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? ''])))
    }
    return rows
  }

  const cellsOf = (figures: any) => ({
    '开展活动（场）': figures.activitiesHeld,
    '参与人数（人）': figures.participants,
    '参与人次（人次）': figures.attendances,
    '志愿服务时长（小时）': figures.volunteerHours,
    '发放积分（分）': figures.pointsIssued,
    '兑换积分（分）': figures.pointsRedeemed,
    '心愿发布（个）': figures.wishes.posted,
    '心愿认领（个）': figures.wishes.claimed,
    '心愿完成（个）': figures.wishes.fulfilled,
    '收到意见建议（条）': figures.suggestions.received,
    '办结意见建议（条）': figures.suggestions.closed,
    '平均响应时长（小时）': figures.suggestions.averageResponseHours ?? '',
    '场地预约（次）': figures.bookings,
    '群众评议（条）': figures.satisfaction.ratings,
    '满意度（%）': figures.satisfaction.rate === null ? '' : Math.round(figures.satisfaction.rate * 1000) / 10,
  })

  it('should export an XLSX 台账 whose cells equal the overview', async () => {
    const data = { districtId: 'd-heping', period: { kind: 'year', year: thisYear } }
    const overview = await admin.ok('dashboard', 'overview', data)
    const file = await admin.ok('dashboard', 'export', data)
    expect(file).toMatchObject({ fileName: `数据台账-和平街道-${thisYear}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never)

    const summary = workbook.getWorksheet('数据总览')!
    expect(String(summary.getCell('A1').value)).toBe(`和平街道${thisYear}年社区工作数据台账`)
    const rows = rowsOf(summary, 3)
    expect(rows.map((row) => row['社区'])).toEqual([...overview.perCommunity.map((row: { name: string }) => row.name), '合计'])
    expect(rows[rows.length - 1]).toEqual({
      社区: '合计',
      ...cellsOf(overview.figures),
      [`${thisYear}年承诺事项（条）`]: overview.commitments.made,
      [`${thisYear}年已完成承诺（项）`]: overview.commitments.completed,
    })
    overview.perCommunity.forEach((community: any, index: number) => expect(rows[index]).toMatchObject(cellsOf(community.figures)))

    const trend = workbook.getWorksheet('月度趋势')!
    const months = rowsOf(trend, 2)
    expect(months).toHaveLength(12)
    overview.series.forEach((point: any, index: number) => expect(months[index]).toEqual({ 月份: point.month, ...cellsOf(point.figures) }))
  })

  it('should itemise the 台账: one row per activity held, wish and suggestion, adding up to the totals', async () => {
    const data = { communityId: 'c-xingfu', period: { kind: 'month', month: thisMonth } }
    const overview = await staff.ok('dashboard', 'overview', data)
    const file = await staff.ok('dashboard', 'export', data)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never)

    const activities = rowsOf(workbook.getWorksheet('活动明细')!, 2)
    const total = activities.pop()!
    // Every activity held in the period, and any held earlier whose attendance was confirmed in it (so the rows add up to the attendances).
    expect(activities.length).toBeGreaterThanOrEqual(overview.figures.activitiesHeld)
    expect(activities.length).toBeGreaterThan(0)
    expect(total).toMatchObject({ 序号: '合计', 社区: `${overview.figures.activitiesHeld} 场`, '确认出勤（人次）': overview.figures.attendances, '志愿服务时长（小时）': overview.figures.volunteerHours })
    for (const row of activities) expect(row).toMatchObject({ 社区: '幸福社区', 活动名称: expect.any(String), 时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2}$/) })

    const wishes = rowsOf(workbook.getWorksheet('心愿明细')!, 2)
    expect(wishes).toHaveLength(overview.figures.wishes.posted)
    const suggestions = rowsOf(workbook.getWorksheet('意见建议明细')!, 2)
    expect(suggestions).toHaveLength(overview.figures.suggestions.received)
    expect(suggestions.map((row) => row['状态'])).toEqual(expect.arrayContaining(['待受理', '已办结']))
  })
})
