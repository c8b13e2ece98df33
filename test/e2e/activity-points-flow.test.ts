import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { ActivityDoc, EnrollmentDoc } from '../../cloudfunctions/lib/activities/model'
import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import type { AccountDoc } from '../../cloudfunctions/lib/points/model'
import type { ItemDoc, RedemptionDoc } from '../../cloudfunctions/lib/shop/model'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import type { TestServer } from '../helpers/server'
import { artifacts, browserSuite, describeInBrowser, exactly, on } from './browser'

const MEMBER_ID = 'u-member'
const COMMUNITY_ID = 'c-xingfu'
const ITEM_ID = 'i-towel'
const TITLE = `楼道清洁志愿行动（E2E ${Date.now().toString(36)}）`
/** The service the member is credited for; see `letServiceTime` below. */
const SERVED_MINUTES = 90
const POINTS_PER_HOUR = 10
const MAX_HOURS = 2

async function accountOf(server: TestServer): Promise<AccountDoc> {
  return (await server.db.collection<AccountDoc>('accounts').doc(`${COMMUNITY_ID}:${MEMBER_ID}`).get()).data[0]
}

async function stockOf(server: TestServer): Promise<number> {
  return (await server.db.collection<ItemDoc>('items').doc(ITEM_ID).get()).data[0].stock
}

/** The staff phone's current check-in code, read off the screen the way a member would. */
async function codeOnScreen(staff: Page): Promise<string> {
  const text = (await on(staff, 'staff-checkin-code').locator('.e2e-checkin-code').textContent({ timeout: 15_000 })) ?? ''
  expect(text).toMatch(/^\d{6}$/)
  return text
}

/** Types the code into the member's check-in or check-out field and submits it. */
async function enterCode(member: Page, step: 'checkin' | 'checkout', code: string): Promise<void> {
  const entry = on(member, 'activity-detail').locator(`.e2e-${step}`)
  await entry.locator('.e2e-code-input input').fill(code)
  await entry.locator('.e2e-code-submit').click()
}

describeInBrowser('activities, points and the shop, end to end in the H5 app', () => {
  const suite = browserSuite('flow')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should take a volunteer from publish through check-in, confirmation and redemption to pick-up, with points and stock right', async () => {
    const before = await accountOf(suite.server)
    const stockBefore = await stockOf(suite.server)
    const towel = (await suite.server.db.collection<ItemDoc>('items').doc(ITEM_ID).get()).data[0]

    // ---- staff publish an activity from the console; the form's default start is the next half hour, so check-in is already open
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-publish').click()
    const form = on(staff, 'staff-publish')
    await form.locator('.e2e-publish-type-志愿服务').click()
    await form.locator('.e2e-publish-title input').fill(TITLE)
    await form.locator('.e2e-publish-place input').fill('幸福小区 1-6 栋')
    await form.locator('.e2e-publish-quota input').fill('10')
    await form.locator('.e2e-publish-points-perHour').click()
    await form.locator('.e2e-publish-points input').fill(String(POINTS_PER_HOUR))
    await form.locator('.e2e-publish-max-hours input').fill(String(MAX_HOURS))
    await form.locator('.e2e-publish-description textarea').fill('清扫楼道、清理小广告，请自带手套。')
    await shot(staff, '1-staff-publish')
    await form.locator('.e2e-publish-submit').click()
    await on(staff, 'staff-activities').locator('.e2e-activity-item', { hasText: TITLE }).waitFor({ timeout: 15_000 })
    const published = await suite.server.db.collection<ActivityDoc>('activities').where({ title: TITLE }).limit(1).get()
    expect(published.data).toHaveLength(1)
    const activity = published.data[0]
    expect(activity).toMatchObject({ communityId: COMMUNITY_ID, type: '志愿服务', quota: 10, pointsRule: { kind: 'perHour', points: POINTS_PER_HOUR }, maxHours: MAX_HOURS })
    expect(activity.signupDeadline.getTime()).toBe(activity.startAt.getTime())

    // ---- the member finds it on the 活动 tab and signs up
    const member = await suite.phone('demo-member')
    await member.goto(`${suite.server.url}/#/pages/activities/index`)
    await on(member, 'activities').locator(`.e2e-activity-${activity._id}`).click({ timeout: 15_000 })
    const detail = on(member, 'activity-detail')
    await detail.locator('.e2e-detail-title', { hasText: TITLE }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-signup').click()
    await detail.locator('.e2e-enrollment-status', { hasText: '已报名' }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-detail-quota', { hasText: '已报名 1 / 10' }).waitFor()
    await shot(member, '2-member-signed-up')

    // ---- staff put the rotating code on screen; the member types it to check in
    await on(staff, 'staff-activities').locator('.e2e-activity-item', { hasText: TITLE }).locator('.e2e-tool-checkin-code').click()
    await on(staff, 'staff-checkin-code').locator('.e2e-checkin-qr').waitFor({ timeout: 15_000 })
    await shot(staff, '3-staff-checkin-code')
    await enterCode(member, 'checkin', await codeOnScreen(staff))
    await detail.locator('.e2e-checkin-at', { hasText: /\d{2}:\d{2}/ }).waitFor({ timeout: 15_000 })

    // A wrong code is refused with the server's words, and changes nothing.
    const enrollmentRef = suite.server.db.collection<EnrollmentDoc>('enrollments').doc(`${activity._id}:${MEMBER_ID}`)
    const checkedIn = (await enrollmentRef.get()).data[0]
    expect(checkedIn).toMatchObject({ status: 'enrolled', attendanceSource: 'code', checkOutAt: null })
    const shown = await codeOnScreen(staff)
    await enterCode(member, 'checkout', shown === '000000' ? '000001' : '000000')
    await member.locator('.nut-toast-text', { hasText: '签到码无效或已过期' }).waitFor({ timeout: 15_000 })
    expect((await enrollmentRef.get()).data[0].checkOutAt).toBeNull()
    // The refused digits do not stay in the box.
    const box = on(member, 'activity-detail').locator('.e2e-checkout .e2e-code-input input')
    for (let tries = 0; tries < 100 && (await box.inputValue()) !== ''; tries += 1) await member.waitForTimeout(100)
    expect(await box.inputValue()).toBe('')

    // The service itself takes 90 minutes; the test cannot wait that long, so the check-in moves back
    // by that much (the only write that does not go through the app), then the member checks out.
    await letServiceTime(suite.server, activity._id, SERVED_MINUTES)
    await enterCode(member, 'checkout', await codeOnScreen(staff))
    await detail.locator('.e2e-awaiting-confirm').waitFor({ timeout: 15_000 })
    await shot(member, '4-member-checked-out')

    // ---- staff confirm attendance: the member is ticked already, one tap credits hours and points
    await staff.goBack()
    await on(staff, 'staff-activities').locator('.e2e-activity-item', { hasText: TITLE }).locator('.e2e-tool-attendance').click()
    const sheet = on(staff, 'staff-attendance')
    const row = sheet.locator(`.e2e-att-row-${MEMBER_ID}`)
    await row.locator('.e2e-att-tick', { hasText: '✓' }).waitFor({ timeout: 15_000 })
    await sheet.locator('.e2e-att-confirm').click()
    // The sheet says what will happen before anything is credited; a flagged visit must be acknowledged first.
    const confirmSheet = staff.locator('.e2e-att-sheet:visible')
    await confirmSheet.locator('.e2e-att-sheet-text', { hasText: /确认后将为 1 人记入 .* 小时、\d+ 积分，不能撤回/ }).waitFor({ timeout: 15_000 })
    await shot(staff, '5-staff-attendance-sheet')
    if (await confirmSheet.locator('.e2e-att-acknowledge').count()) await confirmSheet.locator('.e2e-att-acknowledge').click()
    await confirmSheet.locator('.e2e-att-sheet-confirm').click()
    const hours = SERVED_MINUTES / 60
    const earned = Math.round(POINTS_PER_HOUR * hours)
    await row.locator('.e2e-att-credit', { hasText: `${hours} 小时 · ${earned} 积分` }).waitFor({ timeout: 15_000 })
    await shot(staff, '5-staff-attendance-confirmed')

    // ---- the member sees the points and hours on 我的
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    const me = on(member, 'me')
    const availableAfterEarn = before.available + earned
    await me.locator('.e2e-points-available .me-figure-value', { hasText: exactly(availableAfterEarn) }).waitFor({ timeout: 15_000 })
    await me.locator('.e2e-points-hours-total .me-figure-value', { hasText: exactly(before.hoursTotal + hours) }).waitFor()
    await me.locator('.e2e-points-hours-year .me-figure-value', { hasText: exactly((before.hoursByYear[thisYear()] ?? 0) + hours) }).waitFor()
    await shot(member, '6-member-points')

    // ---- and redeems a towel in the 积分超市: confirm, then the pick-up code
    await me.locator('.e2e-me-link-shop').click()
    const shop = on(member, 'shop')
    await shop.locator('.e2e-shop-available', { hasText: exactly(availableAfterEarn) }).waitFor({ timeout: 15_000 })
    const towelCard = shop.locator(`.e2e-shop-item-${ITEM_ID}`)
    await towelCard.locator('.e2e-item-stock', { hasText: exactly(`库存 ${stockBefore}`) }).waitFor()
    await towelCard.locator('.e2e-redeem').click()
    // A slow link: the redemption's answer is held back, and the button says 兑换中 meanwhile.
    let release: () => void = () => undefined
    const answerHeld = new Promise<void>((resolve) => (release = resolve))
    await member.route('**/api/shop', async (route) => {
      if ((route.request().postData() ?? '').includes('"redeem"')) await answerHeld
      await route.continue()
    })
    await member.locator('.nut-dialog-footer-ok:visible').click()
    await towelCard.locator('.e2e-redeem', { hasText: '兑换中' }).waitFor({ timeout: 15_000 })
    release()
    const pickupCode = (await member.locator('.e2e-redeem-result .e2e-pickup-code').textContent({ timeout: 15_000 })) ?? ''
    expect(pickupCode).toMatch(/^\d{6}$/)
    await member.unroute('**/api/shop')
    await member.locator('.e2e-redeem-result .tx-qr').waitFor()
    await shot(member, '7-member-redeemed')
    const held = await accountOf(suite.server)
    expect(held).toMatchObject({ available: availableAfterEarn - towel.pricePoints, held: before.held + towel.pricePoints })

    // ---- staff type the code at the counter: the redemption is posted and the masked member shown
    await staff.goto(`${suite.server.url}/#/packages/staff/pages/pickup/index?communityId=${COMMUNITY_ID}`)
    const counter = on(staff, 'staff-pickup')
    await counter.locator('.e2e-code-input input').fill(pickupCode)
    await counter.locator('.e2e-code-submit').click()
    await counter.locator('.e2e-picked-item', { hasText: towel.name }).waitFor({ timeout: 15_000 })
    await counter.locator('.e2e-picked-member', { hasText: '张伟' }).waitFor()
    await shot(staff, '8-staff-pickup')

    // ---- balance and stock are right, on screen and in the database
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    const finalAvailable = availableAfterEarn - towel.pricePoints
    await on(member, 'me').locator('.e2e-points-available .me-figure-value', { hasText: exactly(finalAvailable) }).waitFor({ timeout: 15_000 })
    await on(member, 'me').locator('.e2e-points-held .me-figure-value', { hasText: exactly(before.held) }).waitFor()
    await member.goto(`${suite.server.url}/#/packages/shop/pages/index/index`)
    await on(member, 'shop').locator(`.e2e-shop-item-${ITEM_ID} .e2e-item-stock`, { hasText: exactly(`库存 ${stockBefore - 1}`) }).waitFor({ timeout: 15_000 })
    await shot(member, '9-member-shop-after')

    const after = await accountOf(suite.server)
    expect(after).toMatchObject({
      available: finalAvailable,
      held: before.held,
      totalEarned: before.totalEarned + earned,
      totalSpent: before.totalSpent + towel.pricePoints,
      hoursTotal: before.hoursTotal + hours,
    })
    expect(await stockOf(suite.server)).toBe(stockBefore - 1)
    const confirmed = (await enrollmentRef.get()).data[0]
    expect(confirmed).toMatchObject({ status: 'confirmed', hours, points: earned, confirmedBy: 'u-staff' })
    const redemptions = await suite.server.db.collection<RedemptionDoc>('redemptions').where({ userId: MEMBER_ID, itemId: ITEM_ID }).limit(10).get()
    expect(redemptions.data.map((r) => r.status)).toEqual(['picked'])
    const earn = (await suite.server.db.collection('entries').doc(`earn:enrollment:${activity._id}:${MEMBER_ID}`).get()).data[0]
    expect(earn).toMatchObject({ kind: 'earn', amount: earned, hours })
    const audit = await auditLedger(suite.server.db)
    expect(audit.problems).toEqual([])
    expect(audit.ok).toBe(true)

    await shot(staff, '10-staff-end')
    await member.context().close()
    await staff.context().close()
  }, 180_000)
})

describeInBrowser('the member\'s own records and a resident\'s view in the H5 app', () => {
  const suite = browserSuite('records')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should show the member their activities, points history and service record, and download the record as XLSX', async () => {
    const page = await suite.phone('demo-member')
    await page.goto(`${suite.server.url}/#/packages/activities/pages/mine/index`)
    // The demo signs 张伟 up for two coming activities and one confirmed past one.
    await on(page, 'my-activities').locator('.e2e-my-enrollment-a-past-cleanup', { hasText: '已确认' }).waitFor({ timeout: 15_000 })
    expect(await on(page, 'my-activities').locator('.e2e-activity-item').count()).toBe(3)

    await page.goto(`${suite.server.url}/#/packages/shop/pages/history/index`)
    const history = on(page, 'points-history')
    await history.locator('.e2e-entry-earn .e2e-entry-amount', { hasText: exactly('+20') }).waitFor({ timeout: 15_000 })
    await history.locator('.e2e-entry-hold .e2e-entry-amount', { hasText: exactly('-20') }).waitFor()
    await history.locator('.e2e-entry-adjust .e2e-entry-amount', { hasText: exactly('+200') }).waitFor()
    await shot(page, 'member-points-history')

    await page.goto(`${suite.server.url}/#/packages/activities/pages/record/index`)
    const record = on(page, 'service-record')
    await record.locator('.e2e-service-record', { hasText: '垃圾分类宣传' }).locator('.e2e-record-hours', { hasText: '2 小时' }).waitFor({ timeout: 15_000 })
    await shot(page, 'member-service-record')
    const [download] = await Promise.all([page.waitForEvent('download'), record.locator('.e2e-export-record').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const file = join(artifacts, 'service-record.xlsx')
    await download.saveAs(file)
    // An XLSX is a zip: it starts with the local file header "PK".
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK')
    await page.context().close()
  }, 90_000)

  it('should let the member cancel a held redemption from 我的兑换, giving the points and the stock back', async () => {
    const redemption = (await suite.server.db.collection<RedemptionDoc>('redemptions').where({ userId: MEMBER_ID, status: 'held' }).limit(1).get()).data[0]
    const before = await accountOf(suite.server)
    const stockBefore = (await suite.server.db.collection<ItemDoc>('items').doc(redemption.itemId).get()).data[0].stock
    const page = await suite.phone('demo-member')
    await page.goto(`${suite.server.url}/#/packages/shop/pages/redemptions/index`)
    const list = on(page, 'redemptions')
    await list.locator('.e2e-redemption-held .e2e-pickup-code', { hasText: exactly(redemption.pickupCode) }).waitFor({ timeout: 15_000 })
    await shot(page, 'member-redemptions')
    await list.locator('.e2e-redemption-held .e2e-cancel-redemption').click()
    await page.locator('.nut-dialog-footer-ok:visible').click()
    await list.locator('.e2e-empty').waitFor({ timeout: 15_000 })
    expect((await suite.server.db.collection<RedemptionDoc>('redemptions').doc(redemption._id).get()).data[0].status).toBe('cancelled')
    expect(await accountOf(suite.server)).toMatchObject({ available: before.available + redemption.points, held: before.held - redemption.points })
    expect((await suite.server.db.collection<ItemDoc>('items').doc(redemption.itemId).get()).data[0].stock).toBe(stockBefore + 1)
    await page.context().close()
  }, 60_000)

  it('should let a resident read an activity without offering a sign-up', async () => {
    const page = await suite.phone('demo-resident')
    await page.goto(`${suite.server.url}/#/packages/activities/pages/detail/index?id=a-party-day`)
    const detail = on(page, 'activity-detail')
    await detail.locator('.e2e-detail-members-only').waitFor({ timeout: 15_000 })
    expect(await detail.locator('.e2e-signup').count()).toBe(0)
    await page.context().close()
  }, 60_000)
})

/** Moves the member's check-in back by `minutes`, standing in for the time spent serving. */
async function letServiceTime(server: TestServer, activityId: string, minutes: number): Promise<void> {
  const ref = server.db.collection<EnrollmentDoc>('enrollments').doc(`${activityId}:${MEMBER_ID}`)
  const enrollment = (await ref.get()).data[0]
  await ref.update({ checkInAt: new Date(enrollment.checkInAt!.getTime() - minutes * 60 * 1000) })
}

const thisYear = () => String(chinaYear(new Date()))
