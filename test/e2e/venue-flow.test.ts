import type { Page } from 'playwright-core'
import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import type { BookingDoc } from '../../cloudfunctions/lib/venues/model'
import { addDays, daysBetween, shanghaiDate, weekdayOf } from '../../cloudfunctions/lib/venues/time'
import { browserSuite, describeInBrowser, on } from './browser'

const PURPOSE = `E2E 党小组学习会 ${Date.now().toString(36)}`

/** The first working day after today that the seeded hall is open and not closed (its closure is days 10–11). */
function firstWorkingDay(): string {
  for (let d = addDays(shanghaiDate(new Date()), 1); ; d = addDays(d, 1)) if (weekdayOf(d) <= 5) return d
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
    for (let i = 0; i < daysBetween(shanghaiDate(new Date()), date); i += 1) await day.locator('.e2e-day-next').click()
    await day.locator('.e2e-day-venue-v-hall .e2e-day-slot-1600 .e2e-day-booking', { hasText: '张伟' }).waitFor({ timeout: 15_000 })
    await shot(staff, '4-staff-day')

    // ---- the member sees it approved in 我的预约
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-me-link-bookings').click({ timeout: 15_000 })
    await on(member, 'my-bookings').locator('.e2e-booking-approved', { hasText: PURPOSE }).waitFor({ timeout: 15_000 })
    await shot(member, '5-member-mine')
  }, 120_000)
})
