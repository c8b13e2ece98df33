import { chinaMonth } from '../../cloudfunctions/lib/shared/china-time'
import { describeInBrowser, browserSuite, exactly, on } from './browser'

/** Beijing-time 'YYYY-MM' of now, as the dashboard's month view opens. */
const thisMonth = chinaMonth(new Date())

describeInBrowser('e2e: 数据看板', () => {
  jest.setTimeout(120_000)
  const suite = browserSuite('dashboard')

  it('should show staff this month as the server counts it, the year with charts, and export the 台账', async () => {
    const staff = await suite.phone('demo-staff')
    const api = await suite.server.as('demo-staff')
    const month = await api.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month: thisMonth } })

    await staff.goto(`${suite.server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-dashboard').click({ timeout: 15_000 })
    const board = on(staff, 'dashboard')
    await board.locator('.e2e-dashboard-scope', { hasText: '幸福社区' }).waitFor({ timeout: 15_000 })
    const value = (key: string) => board.locator(`.e2e-dashboard-${key} .e2e-dashboard-value`)
    await value('attendances').getByText(exactly(month.figures.attendances)).waitFor()
    await value('participants').getByText(exactly(month.figures.participants)).waitFor()
    await value('hours').getByText(exactly(month.figures.volunteerHours)).waitFor()
    await value('wishes-posted').getByText(exactly(month.figures.wishes.posted)).waitFor()
    await value('suggestions-received').getByText(exactly(month.figures.suggestions.received)).waitFor()
    await value('bookings').getByText(exactly(month.figures.bookings)).waitFor()
    await value('commitments-made').getByText(exactly(month.commitments.made)).waitFor()
    // The month view draws the wish/suggestion flow and the 满意度 gauge; ECharts renders into a canvas.
    await board.locator('.e2e-dashboard-chart-satisfaction canvas').waitFor({ timeout: 15_000 })
    await suite.shot(staff, '1-month')

    await board.locator('.e2e-dashboard-period-kind').getByText('按年').click()
    const year = await api.ok('dashboard', 'overview', { communityId: 'c-xingfu', period: { kind: 'year', year: Number(thisMonth.slice(0, 4)) } })
    await board.locator('.e2e-dashboard-period', { hasText: `${thisMonth.slice(0, 4)} 年` }).waitFor()
    await value('attendances').getByText(exactly(year.figures.attendances)).waitFor({ timeout: 15_000 })
    await board.locator('.e2e-dashboard-chart-monthly canvas').waitFor({ timeout: 15_000 })
    await board.locator('.e2e-dashboard-chart-hours canvas').waitFor()
    await suite.shot(staff, '2-year')

    const [download] = await Promise.all([staff.waitForEvent('download', { timeout: 30_000 }), board.locator('.e2e-dashboard-export').click()])
    expect(download.suggestedFilename()).toBe(`数据台账-幸福社区-${thisMonth.slice(0, 4)}.xlsx`)
  })

  it('should let a district admin switch to the whole 街道 with a row per community', async () => {
    const admin = await suite.phone('demo-district-admin')
    await admin.goto(`${suite.server.url}/#/packages/staff/pages/dashboard/index?communityId=c-xingfu`)
    const board = on(admin, 'dashboard')
    await board.locator('.e2e-dashboard-scope', { hasText: '幸福社区' }).waitFor({ timeout: 15_000 })
    await board.locator('.e2e-dashboard-scope-switch').getByText('和平街道').click()
    await board.locator('.e2e-dashboard-scope', { hasText: '和平街道' }).waitFor({ timeout: 15_000 })
    await board.locator('.e2e-dashboard-community-c-xingfu').waitFor()
    await board.locator('.e2e-dashboard-community-c-hexie').waitFor()
    await suite.shot(admin, '3-district')
  })
})
