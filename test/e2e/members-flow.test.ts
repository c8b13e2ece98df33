import type { Page } from 'playwright-core'
import type { AnnouncementDoc } from '../../cloudfunctions/lib/announcements/model'
import { reportDocId, type MemberReportDoc } from '../../cloudfunctions/lib/members/model'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import { browserSuite, describeInBrowser, on } from './browser'

const TITLE = `E2E 停水通知 ${Date.now().toString(36)}`

describeInBrowser('在职党员报到 and announcements, end to end in the H5 app', () => {
  const suite = browserSuite('members')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should let a resident report as a party member, staff confirm it from the console, and the resident see it confirmed', async () => {
    const reportId = reportDocId('c-xingfu', 'u-resident', chinaYear(new Date()))

    // ---- 刘秀英 opens 在职党员报到 from 我的 and fills the form
    const resident = await suite.phone('demo-resident')
    await resident.goto(`${suite.server.url}/#/pages/me/index`)
    await on(resident, 'me').locator('.e2e-me-link-member-report').click({ timeout: 15_000 })
    const report = on(resident, 'member-report')
    await report.locator('.e2e-progress-activities').waitFor({ timeout: 15_000 })
    const form = report.locator('.e2e-report-form')
    await form.locator('.e2e-report-work-unit input').fill('和平区图书馆')
    await form.locator('.e2e-report-party-org input').fill('和平区图书馆党支部')
    await form.locator('.e2e-report-joined input').fill('1998-07-01')
    await form.locator('.e2e-report-skills input').fill('讲故事、剪纸')
    await form.locator('.e2e-willingness-关爱老幼').click()
    await form.locator('.e2e-willingness-文体活动').click()
    await form.locator('.e2e-report-willingness-other input').fill('教小朋友剪纸')
    await shot(resident, '1-resident-form')
    await form.locator('.e2e-report-submit').click()
    await report.locator('.e2e-report-status-submitted').waitFor({ timeout: 15_000 })
    const submitted = (await suite.server.db.collection<MemberReportDoc>('memberReports').doc(reportId).get()).data[0]
    expect(submitted).toMatchObject({
      status: 'submitted',
      workUnit: '和平区图书馆',
      partyJoinedAt: '1998-07-01',
      anniversary: '07-01',
      skills: ['讲故事', '剪纸'],
      willingness: ['关爱老幼', '文体活动', '教小朋友剪纸'],
    })

    // ---- 王丽 confirms it from 报到审核 in the console
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-member-roster').click({ timeout: 15_000 })
    const roster = on(staff, 'member-roster')
    const item = roster.locator('.e2e-roster-u-resident')
    await item.locator('.e2e-roster-name', { hasText: '刘秀英' }).waitFor({ timeout: 15_000 })
    await shot(staff, '2-staff-roster')
    await item.locator('.e2e-roster-confirm').click()
    await roster.locator('.e2e-roster-u-resident').waitFor({ state: 'detached', timeout: 15_000 })
    const confirmed = (await suite.server.db.collection<MemberReportDoc>('memberReports').doc(reportId).get()).data[0]
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: 'u-staff' })
    expect((await suite.server.db.collection('roles').doc('c-xingfu:u-resident:member').get()).data).toHaveLength(1)

    // ---- the resident sees it confirmed, at a glance on 我的 and on the page
    await resident.goto(`${suite.server.url}/#/pages/me/index`)
    await on(resident, 'me').locator('.e2e-me-report-summary', { hasText: '已报到' }).waitFor({ timeout: 15_000 })
    await on(resident, 'me').locator('.e2e-me-link-member-report').click({ timeout: 15_000 })
    await on(resident, 'member-report').locator('.e2e-report-status-confirmed').waitFor({ timeout: 15_000 })
    await shot(resident, '3-resident-confirmed')
  }, 120_000)

  it('should let staff publish a notice in Markdown that residents read on the home page, with the script stripped', async () => {
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-news').click({ timeout: 15_000 })
    await on(staff, 'news').locator('.e2e-news-publish').click({ timeout: 15_000 })
    const form = on(staff, 'news-edit').locator('.e2e-news-form')
    await form.locator('.e2e-news-title-input input').fill(TITLE)
    await form.locator('.e2e-news-source textarea').fill('周五上午停水。<script>alert(1)</script>\n')
    await form.locator('.e2e-news-tool-bold').click()
    await form.locator('.e2e-news-pinned').click()
    await shot(staff, '4-staff-news-form')
    await form.locator('.e2e-news-submit').click()
    const article = on(staff, 'news-detail')
    await article.locator('.e2e-news-article-title', { hasText: TITLE }).waitFor({ timeout: 15_000 })
    await article.locator('.e2e-news-body strong', { hasText: '加粗的文字' }).waitFor({ timeout: 15_000 })
    const stored = (await suite.server.db.collection<AnnouncementDoc>('announcements').where({ communityId: 'c-xingfu', status: 'published', pinned: true }).limit(20).get()).data.find(
      (doc) => doc.title === TITLE,
    )
    expect(stored?.html).toBe('<p>周五上午停水。<br><strong>加粗的文字</strong></p>')
    await shot(staff, '5-staff-news-detail')

    const resident = await suite.phone('demo-resident')
    const first = on(resident, 'home').locator('.e2e-home-news .e2e-news-item').first()
    await first.locator('.e2e-news-title', { hasText: TITLE }).waitFor({ timeout: 15_000 })
    await first.click()
    await on(resident, 'news-detail').locator('.e2e-news-body', { hasText: '周五上午停水' }).waitFor({ timeout: 15_000 })
    await shot(resident, '6-resident-news')
  }, 120_000)
})
