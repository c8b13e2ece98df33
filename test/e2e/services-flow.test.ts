/**
 * Issue 6's walk in one go, by a person the demo has not seen before: a
 * newcomer registers, reports as an in-service party member, staff confirm;
 * the new member books the 党建共享之家, submits a suggestion that staff
 * accept, answer and close, rates the handling; the staff dashboard then shows
 * the booking, the suggestion and the rating on top of what it showed before.
 */
import type { Page } from 'playwright-core'
import type { Figures } from '../../cloudfunctions/lib/dashboard/figures'
import { reportDocId, type MemberReportDoc } from '../../cloudfunctions/lib/members/model'
import { addDays, chinaDate, chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import type { SuggestionDoc } from '../../cloudfunctions/lib/suggestions/model'
import type { BookingDoc } from '../../cloudfunctions/lib/venues/model'
import { browserSuite, describeInBrowser, exactly, on } from './browser'

const COMMUNITY_ID = 'c-xingfu'
const NAME = '周新'
const TAG = Date.now().toString(36)
const TITLE = `小区东门路灯不亮（E2E ${TAG}）`
const PURPOSE = `E2E 党员谈心谈话 ${TAG}`

/** Beijing 'YYYY-MM' of a 'YYYY-MM-DD' or of now: the dashboard's month. */
const monthOf = (date: string) => date.slice(0, 7)

describeInBrowser('掌上社区 services in one walk: 报到, booking, a suggestion and the dashboard', () => {
  const suite = browserSuite('services')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should take a newcomer from 报到 through a booking and a rated suggestion, and show all of it on the staff dashboard', async () => {
    const today = chinaDate(new Date())
    const month = monthOf(today)
    const staffApi = await suite.server.as('demo-staff')
    const overview = async (): Promise<Figures> =>
      (await staffApi.ok('dashboard', 'overview', { communityId: COMMUNITY_ID, period: { kind: 'month', month } })).figures
    const before = await overview()

    // ---- the newcomer registers in 幸福社区 from 我的
    const person = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    const member = await person.newPage()
    await member.goto(`${suite.server.url}/`)
    await member.locator('.e2e-identity-demo-newcomer').click({ timeout: 15_000 })
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    const register = member.locator('.e2e-register-form')
    await register.waitFor({ timeout: 15_000 })
    await register.locator('.e2e-register-name input').fill(NAME)
    await register.locator('.e2e-register-phone input').fill('13922223333')
    await register.locator('.e2e-register-community').click()
    await member.locator(`.e2e-community-option-${COMMUNITY_ID}`).click()
    await member.locator('.e2e-register-submit').click()
    await member.locator('.e2e-me-name', { hasText: NAME }).waitFor({ timeout: 15_000 })
    const user = (await suite.server.db.collection('users').where({ openid: 'demo-newcomer' }).limit(1).get()).data[0]
    expect(user).toMatchObject({ name: NAME, communityId: COMMUNITY_ID })
    const userId = user._id

    // ---- reports as an in-service party member
    await on(member, 'me').locator('.e2e-me-link-member-report').click({ timeout: 15_000 })
    const report = on(member, 'member-report')
    const form = report.locator('.e2e-report-form')
    await form.waitFor({ timeout: 15_000 })
    await form.locator('.e2e-report-work-unit input').fill('和平区税务局')
    await form.locator('.e2e-report-party-org input').fill('和平区税务局第二党支部')
    await form.locator('.e2e-report-joined input').fill('2012-05-04')
    await form.locator('.e2e-report-skills input').fill('财务、法律咨询')
    await form.locator('.e2e-willingness-关爱老幼').click()
    await form.locator('.e2e-report-submit').click()
    await report.locator('.e2e-report-status-submitted').waitFor({ timeout: 15_000 })
    await shot(member, '1-report-submitted')

    // ---- staff confirm it from 报到审核; the confirmation makes the person a member here
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-member-roster').click({ timeout: 15_000 })
    const roster = on(staff, 'member-roster')
    const item = roster.locator(`.e2e-roster-${userId}`)
    await item.locator('.e2e-roster-name', { hasText: NAME }).waitFor({ timeout: 15_000 })
    await item.locator('.e2e-roster-confirm').click()
    await roster.locator(`.e2e-roster-${userId}`).waitFor({ state: 'detached', timeout: 15_000 })
    const confirmed = (await suite.server.db.collection<MemberReportDoc>('memberReports').doc(reportDocId(COMMUNITY_ID, userId, chinaYear(new Date()))).get()).data[0]
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: 'u-staff', workUnit: '和平区税务局', anniversary: '05-04' })
    expect((await suite.server.db.collection('roles').doc(`${COMMUNITY_ID}:${userId}:member`).get()).data).toHaveLength(1)
    await shot(staff, '2-roster-confirmed')

    // ---- the new member books the 党建共享之家 for tomorrow (it needs no approval)
    const date = addDays(today, 1)
    await member.goto(`${suite.server.url}/#/pages/home/index`)
    await on(member, 'home').locator('.e2e-tile-venues').click({ timeout: 15_000 })
    await on(member, 'venues').locator('.e2e-venue-v-home').click({ timeout: 15_000 })
    const venue = on(member, 'venue-detail')
    await venue.locator(`.e2e-venue-day-${date}`).click({ timeout: 15_000 })
    await venue.locator('.e2e-slot.e2e-slot-free').last().click({ timeout: 15_000 })
    await venue.locator('.e2e-slot-selected').first().waitFor()
    await venue.locator('.e2e-book-open').click()
    const booking = member.locator('.e2e-book-form:visible')
    await booking.locator('.e2e-book-purpose input').fill(PURPOSE)
    await booking.locator('.e2e-book-attendees input').fill('3')
    await booking.locator('.e2e-book-submit').click()
    await venue.locator('.e2e-slot-selected').first().waitFor({ state: 'detached', timeout: 15_000 })
    const booked = (await suite.server.db.collection<BookingDoc>('bookings').where({ purpose: PURPOSE }).limit(2).get()).data
    expect(booked).toHaveLength(1)
    expect(booked[0]).toMatchObject({ venueId: 'v-home', userId, date, status: 'approved', attendees: 3 })
    await shot(member, '3-booked')

    // ---- submits a suggestion from the home tile
    await member.goto(`${suite.server.url}/#/pages/home/index`)
    await on(member, 'home').locator('.e2e-tile-suggestions').click({ timeout: 15_000 })
    await on(member, 'suggestion-public').locator('.e2e-suggestion-public-submit').click({ timeout: 15_000 })
    const submit = on(member, 'suggestion-submit')
    await submit.locator('.e2e-suggestion-category-设施维修').click({ timeout: 15_000 })
    await submit.locator('.e2e-suggestion-title input').fill(TITLE)
    await submit.locator('.e2e-suggestion-content textarea').fill('东门两盏路灯一周没亮，老人晚上出门看不清台阶。')
    await submit.locator('.e2e-suggestion-submit').click()
    await on(member, 'suggestion-detail').locator('.e2e-suggestion-submitted').waitFor({ timeout: 15_000 })
    const suggestion = (await suite.server.db.collection<SuggestionDoc>('suggestions').where({ title: TITLE }).limit(2).get()).data
    expect(suggestion).toHaveLength(1)
    expect(suggestion[0]).toMatchObject({ userId, communityId: COMMUNITY_ID, status: 'submitted' })
    const suggestionId = suggestion[0]._id

    // ---- staff accept it, reply and close it with the result
    await staff.goto(`${suite.server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-suggestions').click({ timeout: 15_000 })
    await on(staff, 'suggestion-manage').locator(`.e2e-suggestion-card-${suggestionId}`).click({ timeout: 15_000 })
    const handling = on(staff, 'suggestion-detail')
    await handling.locator('.e2e-suggestion-accept').click({ timeout: 15_000 })
    await handling.locator('.e2e-suggestion-accepted').waitFor({ timeout: 15_000 })
    await handling.locator('.e2e-suggestion-reply-open').click()
    await staff.locator('.e2e-reply-sheet .e2e-reply-text textarea').fill('已报物业，明天上午更换灯泡。')
    await staff.locator('.e2e-reply-sheet .e2e-reply-submit').click()
    await handling.locator('.e2e-suggestion-replied').waitFor({ timeout: 15_000 })
    await handling.locator('.e2e-suggestion-close-open').click()
    await staff.locator('.e2e-close-sheet .e2e-close-text textarea').fill('两盏路灯已更换，夜间照明恢复。')
    await staff.locator('.e2e-close-sheet .e2e-close-submit').click()
    await handling.locator('.e2e-suggestion-closed').waitFor({ timeout: 15_000 })
    await shot(staff, '4-suggestion-closed')

    // ---- the member reads the reply and rates the handling 5 stars
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-me-link-suggestions').click({ timeout: 15_000 })
    await on(member, 'my-suggestions').locator(`.e2e-suggestion-card-${suggestionId}`).click({ timeout: 15_000 })
    const mine = on(member, 'suggestion-detail')
    await mine.locator('.e2e-suggestion-replies', { hasText: '明天上午更换灯泡' }).waitFor({ timeout: 15_000 })
    await mine.locator('.e2e-suggestion-rate-score .nut-rate-item').nth(4).click()
    await mine.locator('.e2e-suggestion-rate-submit').click()
    await mine.locator('.e2e-suggestion-rating').waitFor({ timeout: 15_000 })
    expect((await suite.server.db.collection<SuggestionDoc>('suggestions').doc(suggestionId).get()).data[0]).toMatchObject({ status: 'closed', rating: { score: 5 } })
    await shot(member, '5-rated')

    // ---- the member's 报到 progress counts the suggestion
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-me-link-member-report').click({ timeout: 15_000 })
    await on(member, 'member-report').locator('.e2e-report-status-confirmed').waitFor({ timeout: 15_000 })
    await on(member, 'member-report').locator('.e2e-progress-suggestions .e2e-progress-done', { hasText: '1' }).waitFor({ timeout: 15_000 })

    // ---- the staff dashboard shows the booking, the suggestion received and closed, and the rating
    const after = await overview()
    const bookedThisMonth = monthOf(date) === month ? 1 : 0
    expect(after.bookings).toBe(before.bookings + bookedThisMonth)
    expect(after.suggestions.received).toBe(before.suggestions.received + 1)
    expect(after.suggestions.closed).toBe(before.suggestions.closed + 1)
    expect(after.satisfaction.ratings).toBe(before.satisfaction.ratings + 1)
    expect(after.satisfaction.satisfied).toBe(before.satisfaction.satisfied + 1)
    await staff.goto(`${suite.server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-dashboard').click({ timeout: 15_000 })
    const board = on(staff, 'dashboard')
    const value = (key: string) => board.locator(`.e2e-dashboard-${key} .e2e-dashboard-value`)
    await value('bookings').getByText(exactly(after.bookings)).waitFor({ timeout: 15_000 })
    await value('suggestions-received').getByText(exactly(after.suggestions.received)).waitFor()
    await value('suggestions-closed').getByText(exactly(after.suggestions.closed)).waitFor()
    await value('ratings').getByText(exactly(after.satisfaction.ratings)).waitFor()
    await shot(staff, '6-dashboard')
    await person.close()
  }, 240_000)
})
