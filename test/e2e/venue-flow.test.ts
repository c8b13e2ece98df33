import type { Page } from 'playwright-core'
import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import type { BookingDoc, VenueDoc } from '../../cloudfunctions/lib/venues/model'
import { addDays, chinaDate, daysBetween, weekdayOf } from '../../cloudfunctions/lib/shared/china-time'
import { browserSuite, describeInBrowser, on } from './browser'

const PURPOSE = `E2E 党小组学习会 ${Date.now().toString(36)}`

/** The first working day after today that the seeded hall is open and not closed (its closure is days 10–11). */
function firstWorkingDay(): string {
  for (let d = addDays(chinaDate(new Date()), 1); ; d = addDays(d, 1)) if (weekdayOf(d) <= 5) return d
}

describeInBrowser('场地预约, end to end in the H5 app', () => {
  const suite = browserSuite('venue')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should let a member book two hall slots, staff approve them from the console, and the member see it approved with a reminder queued', async () => {
    const date = firstWorkingDay()

    // ---- the member opens 场地预约 from the home page, picks the hall, a day and two slots
    const member = await suite.phone('demo-member')
    await member.locator('.e2e-tile-venues').click()
    await on(member, 'venues').locator('.e2e-venue-v-hall').click({ timeout: 15_000 })
    const detail = on(member, 'venue-detail')
    await detail.locator(`.e2e-venue-day-${date}`).click({ timeout: 15_000 })
    await detail.locator('.e2e-slot-1600.e2e-slot-free').click({ timeout: 15_000 })
    await detail.locator('.e2e-slot-1700.e2e-slot-free').click()
    await detail.locator('.e2e-slot-selected').nth(1).waitFor()
    await shot(member, '1-member-slots')
    await detail.locator('.e2e-book-open').click()
    const form = member.locator('.e2e-book-form:visible')
    await form.locator('.e2e-book-purpose input').fill(PURPOSE)
    await form.locator('.e2e-book-attendees input').fill('12')
    await shot(member, '2-member-form')
    await form.locator('.e2e-book-submit').click()
    // Taken now, and marked as the member's own.
    await detail.locator('.e2e-slot-1600.e2e-slot-taken').waitFor({ timeout: 15_000 })

    const booked = (await suite.server.db.collection<BookingDoc>('bookings').where({ purpose: PURPOSE }).limit(2).get()).data
    expect(booked).toHaveLength(1)
    expect(booked[0]).toMatchObject({ venueId: 'v-hall', userId: 'u-member', date, start: '16:00', end: '18:00', slots: ['16:00', '17:00'], attendees: 12, status: 'pending' })

    // ---- staff approve it from 场地管理 in the console
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-venues').click({ timeout: 15_000 })
    const manage = on(staff, 'venues-manage')
    const pending = manage.locator('.e2e-staff-booking', { hasText: PURPOSE })
    await pending.locator('.e2e-staff-booking-booker', { hasText: '张伟' }).waitFor({ timeout: 15_000 })
    await shot(staff, '3-staff-pending')
    await pending.locator('.e2e-booking-approve').click()
    await manage.locator('.e2e-staff-booking', { hasText: PURPOSE }).waitFor({ state: 'detached', timeout: 15_000 })
    const approved = (await suite.server.db.collection<BookingDoc>('bookings').doc(booked[0]._id).get()).data[0]
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'u-staff' })
    const reminders = (await suite.server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-member', subjectId: approved._id }).limit(5).get()).data
    expect(reminders.map((reminder) => reminder.reason)).toEqual(['booking_approved'])

    // ---- the day view shows the booker against the slot
    await staff.goBack()
    await on(staff, 'staff').locator('.e2e-staff-tool-venue-day').click({ timeout: 15_000 })
    const day = on(staff, 'venue-day')
    for (let i = 0; i < daysBetween(chinaDate(new Date()), date); i += 1) await day.locator('.e2e-day-next').click()
    await day.locator('.e2e-day-venue-v-hall .e2e-day-slot-1600 .e2e-day-booking', { hasText: '张伟' }).waitFor({ timeout: 15_000 })
    await shot(staff, '4-staff-day')

    // ---- the member sees it approved in 我的预约
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-me-link-bookings').click({ timeout: 15_000 })
    await on(member, 'my-bookings').locator('.e2e-booking-approved', { hasText: PURPOSE }).waitFor({ timeout: 15_000 })
    await shot(member, '5-member-mine')
  }, 120_000)
  it('should let staff add a venue with its hours from 场地管理 and pause it for a day, which the booker then sees closed', async () => {
    const name = `E2E 会议室 ${Date.now().toString(36)}`
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-venues').click({ timeout: 15_000 })
    const manage = on(staff, 'venues-manage')
    await manage.locator('.e2e-venues-manage-tabs').getByText('场地', { exact: true }).click({ timeout: 15_000 })
    await manage.locator('.e2e-staff-venue-v-hall').waitFor({ timeout: 15_000 })
    await manage.locator('.e2e-venue-new').click()
    const form = staff.locator('.e2e-venue-form:visible')
    await form.locator('.e2e-venue-name-input input').fill(name)
    await form.locator('.e2e-venue-location input').fill('党群服务中心三楼')
    await form.locator('.e2e-venue-capacity input').fill('16')
    await form.locator('.e2e-venue-facilities input').fill('白板、投影')
    // Weekdays 09:00–17:00 by default; add Saturday mornings as a second row.
    await form.locator('.e2e-venue-hours-add').click()
    const saturday = form.locator('.e2e-venue-hours-row').nth(1)
    await saturday.locator('.e2e-venue-weekday-6').click()
    await saturday.locator('.e2e-venue-open input').fill('09:00')
    await saturday.locator('.e2e-venue-close-time input').fill('12:00')
    await form.locator('.e2e-venue-slot-120').click()
    await shot(staff, '6-staff-venue-form')
    await form.locator('.e2e-venue-save').click()
    const card = manage.locator('.e2e-staff-venue', { hasText: name })
    await card.waitFor({ timeout: 15_000 })

    const stored = (await suite.server.db.collection<VenueDoc>('venues').where({ name }).limit(2).get()).data
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ communityId: 'c-xingfu', capacity: 16, facilities: ['白板', '投影'], slotMinutes: 120, needsApproval: true, active: true })
    expect(stored[0].openingHours).toEqual([
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
      { weekday: 6, open: '09:00', close: '12:00' },
    ])

    const date = firstWorkingDay()
    await card.locator('.e2e-venue-close').click()
    const close = staff.locator('.e2e-close-form:visible')
    await close.locator('.e2e-close-from input').fill(date)
    await close.locator('.e2e-close-to input').fill(date)
    await close.locator('.e2e-close-reason input').fill('设备调试')
    await close.locator('.e2e-close-save').click()
    await card.locator('.e2e-venue-closure', { hasText: '设备调试' }).waitFor({ timeout: 15_000 })
    await shot(staff, '7-staff-venues')

    const member = await suite.phone('demo-member')
    await member.locator('.e2e-tile-venues').click()
    await on(member, 'venues').locator(`.e2e-venue-${stored[0]._id}`).click({ timeout: 15_000 })
    const detail = on(member, 'venue-detail')
    await detail.locator(`.e2e-venue-day-${date}`).click({ timeout: 15_000 })
    await detail.locator('.e2e-venue-closure', { hasText: '设备调试' }).waitFor({ timeout: 15_000 })
    expect(await detail.locator('.e2e-slot-closed').count()).toBe(4)
    expect(await detail.locator('.e2e-slot-free').count()).toBe(0)
  }, 120_000)
})
