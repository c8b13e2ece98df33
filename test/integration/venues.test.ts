import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import type { BookingDoc, VenueDoc } from '../../cloudfunctions/lib/venues/model'
import { weekdayOf } from '../../cloudfunctions/lib/shared/china-time'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, errorCode } from './points-fixtures'
import { addBooking, allDay, bookingDoc, createVenue, inDays, slotAhead, slotsOf, today } from './venues-fixtures'

const counted = ['venues', 'bookings', 'venueSlots', 'reminders', 'audit']

describe('venues', () => {
  let server: TestServer
  let staff: Client
  let member: Client
  let liaison: Client
  let resident: Client
  let hexieStaff: Client
  let venueId: string
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
    member = await server.as('demo-member')
    liaison = await server.as('demo-liaison')
    resident = await server.as('demo-resident')
    hexieStaff = await server.as('demo-staff-hexie')
    venueId = await createVenue(staff)
  })
  afterAll(() => server.stop())

  const book = (client: Client, fields: Record<string, unknown>) =>
    client.call('venues', 'book', { venueId, date: inDays(3), start: '10:00', purpose: '党小组学习', attendees: 5, ...fields })

  describe('venues and their slots', () => {
    it('should list the active venues of the caller community, the seeded ones included', async () => {
      const venues = await member.ok<Array<{ id: string; name: string; capacity: number; needsApproval: boolean }>>('venues', 'list', {})
      const seeded = venues.filter((venue) => venue.id.startsWith('v-'))
      expect(seeded.map((venue) => [venue.id, venue.capacity, venue.needsApproval])).toEqual([
        ['v-hall', 60, true],
        ['v-home', 12, false],
      ])
      const anonymous = await server.anonymous.ok<Array<{ id: string }>>('venues', 'list', { communityId: 'c-hexie' })
      expect(anonymous.map((venue) => venue.id)).toEqual(['v-hexie-room'])
    })

    it('should hide a retired venue from bookers but not from staff', async () => {
      const retired = await createVenue(staff, { active: false })
      expect((await member.ok<Array<{ id: string }>>('venues', 'list', {})).map((venue) => venue.id)).not.toContain(retired)
      expect((await staff.ok<Array<{ id: string }>>('venues', 'list', {})).map((venue) => venue.id)).toContain(retired)
      expect(errorCode(await member.call('venues', 'detail', { venueId: retired }))).toBe('NOT_FOUND')
      expect(errorCode(await staff.call('venues', 'book', { venueId: retired, date: inDays(3), start: '10:00', purpose: '测试', attendees: 1 }))).toBe('NOT_FOUND')
    })

    it('should show each slot of the day as free, taken, closed or past, and never who holds it', async () => {
      const seeded = await bookingDoc(server, 'bk-hall-pending')
      const detail = await resident.ok('venues', 'detail', { venueId: 'v-hall', date: seeded.date })
      const states = Object.fromEntries(detail.slots.map((slot: { start: string; state: string }) => [slot.start, slot.state]))
      expect(states['09:00']).toBe('taken')
      expect(states['10:00']).toBe('taken')
      expect(states['11:00']).toBe('free')
      expect(detail.slots.map((slot: { start: string }) => slot.start)).not.toContain('12:00')
      expect(JSON.stringify(detail)).not.toContain('张伟')
      expect(detail.canBook).toBe(false)

      const closed = await resident.ok('venues', 'detail', { venueId: 'v-hall', date: inDays(10) })
      if (weekdayOf(inDays(10)) !== 7) expect(new Set(closed.slots.map((slot: { state: string }) => slot.state))).toEqual(new Set(['closed']))
      expect(closed.closure.reason).toBe('空调检修')

      const yesterday = await member.ok('venues', 'detail', { venueId, date: inDays(-1) })
      expect(new Set(yesterday.slots.map((slot: { state: string }) => slot.state))).toEqual(new Set(['past']))
      expect(yesterday.canBook).toBe(true)
    })

    it('should offer the days from today to the end of the booking window, marking closed and shut days', async () => {
      const detail = await member.ok('venues', 'detail', { venueId: 'v-hall' })
      expect(detail.date).toBe(today())
      expect(detail.days[0].date).toBe(today())
      expect(detail.days).toHaveLength(15)
      expect(detail.days.at(-1).date).toBe(inDays(14))
      const sunday = detail.days.find((option: { weekday: number }) => option.weekday === 7)
      expect(sunday.open).toBe(false)
      expect(detail.days.find((option: { date: string }) => option.date === inDays(10)).open).toBe(false)
    })
  })

  describe('booking', () => {
    it('should hold a pending booking of two consecutive slots where the venue needs approval', async () => {
      const booking = await member.ok('venues', 'book', { venueId, date: inDays(3), start: '09:00', slotCount: 2, purpose: '支部学习会', attendees: 8 })
      expect(booking).toMatchObject({ status: 'pending', start: '09:00', end: '11:00', slotCount: 2 })
      const stored = await bookingDoc(server, booking.id)
      // 09:00 in Shanghai is 01:00 UTC on the same day.
      expect(new Date(stored.startAt).toISOString()).toBe(`${inDays(3)}T01:00:00.000Z`)
      const held = (await slotsOf(server, venueId, inDays(3))).filter((slot) => slot.bookingId === booking.id)
      expect(held.map((slot) => slot.start).sort()).toEqual(['09:00', '10:00'])
    })

    it('should approve at once where the venue needs no approval, for a unit liaison too', async () => {
      const home = await liaison.ok('venues', 'book', { venueId: 'v-home', date: inDays(2), start: '16:30', purpose: '共建单位碰头会', attendees: 6 })
      expect(home).toMatchObject({ status: 'approved', start: '16:30', end: '17:00' })
      expect((await bookingDoc(server, home.id)).decidedBy).toBe('auto')
    })

    it('should store a late-evening Shanghai slot on its Shanghai date, the UTC instant falling the same day', async () => {
      const late = await member.ok('venues', 'book', { venueId, date: inDays(4), start: '23:00', purpose: '夜间值守', attendees: 2 })
      const stored = await bookingDoc(server, late.id)
      expect(stored.date).toBe(inDays(4))
      expect(new Date(stored.startAt).toISOString()).toBe(`${inDays(4)}T15:00:00.000Z`)
      expect(new Date(stored.endAt).toISOString()).toBe(`${inDays(4)}T16:00:00.000Z`)
      const early = await member.ok('venues', 'book', { venueId, date: inDays(4), start: '00:00', purpose: '凌晨值守', attendees: 2 })
      expect(new Date((await bookingDoc(server, early.id)).startAt).toISOString()).toBe(`${inDays(3)}T16:00:00.000Z`)
    })

    const refusals: Array<{ label: string; fields: () => Record<string, unknown>; venue?: string; code: string }> = [
      { label: 'a time that is not a slot start', venue: 'v-hall', fields: () => ({ date: hallDay(), start: '12:00' }), code: 'OUTSIDE_HOURS' },
      { label: 'a run crossing the lunch break', venue: 'v-hall', fields: () => ({ date: hallDay(), start: '11:00', slotCount: 2 }), code: 'OUTSIDE_HOURS' },
      { label: 'a run past the close', fields: () => ({ date: inDays(3), start: '23:00', slotCount: 2 }), code: 'OUTSIDE_HOURS' },
      { label: 'a slot of yesterday', fields: () => ({ date: inDays(-1), start: '10:00' }), code: 'SLOT_PAST' },
      { label: 'a slot beyond the booking window', fields: () => ({ date: inDays(31), start: '10:00' }), code: 'BEYOND_WINDOW' },
      { label: 'a closed day', venue: 'v-hall', fields: () => ({ date: closedHallDay(), start: '09:00' }), code: 'VENUE_CLOSED' },
      { label: 'more people than the venue holds', fields: () => ({ date: inDays(3), start: '15:00', attendees: 11 }), code: 'OVER_CAPACITY' },
      { label: 'a slot already held', venue: 'v-hall', fields: () => ({ date: hallPendingDay(), start: '10:00' }), code: 'SLOT_TAKEN' },
    ]
    let hallPending: BookingDoc
    const hallDay = () => hallPending.date
    const hallPendingDay = () => hallPending.date
    const closedHallDay = () => (weekdayOf(inDays(10)) === 7 ? inDays(11) : inDays(10))
    beforeAll(async () => {
      hallPending = await bookingDoc(server, 'bk-hall-pending')
    })

    it.each(refusals)('should refuse $label with $code and change nothing', async ({ fields, venue, code }) => {
      const before = await countAll(server, counted)
      const response = await member.call('venues', 'book', { venueId: venue ?? venueId, purpose: '测试', attendees: 5, ...fields() })
      expect(errorCode(response)).toBe(code)
      expect(await countAll(server, counted)).toEqual(before)
    })

    it('should check the reasons in a fixed order: hours before past before window before closure before capacity before taken', async () => {
      // A past, too-full request on a closed day: the first failing rule wins.
      const closed = await createVenue(staff, { capacity: 2 })
      await staff.ok('venues', 'close', { venueId: closed, from: today(), to: inDays(30), reason: '装修' })
      expect(errorCode(await member.call('venues', 'book', { venueId: closed, date: inDays(-1), start: '10:30', purpose: '测试', attendees: 9 }))).toBe('OUTSIDE_HOURS')
      expect(errorCode(await member.call('venues', 'book', { venueId: closed, date: inDays(-1), start: '10:00', purpose: '测试', attendees: 9 }))).toBe('SLOT_PAST')
      expect(errorCode(await member.call('venues', 'book', { venueId: closed, date: inDays(40), start: '10:00', purpose: '测试', attendees: 9 }))).toBe('BEYOND_WINDOW')
      expect(errorCode(await member.call('venues', 'book', { venueId: closed, date: inDays(3), start: '10:00', purpose: '测试', attendees: 9 }))).toBe('VENUE_CLOSED')
    })
  })

  describe('who may do what', () => {
    it.each([
      { who: 'a resident who is not a member', as: () => resident, code: 'FORBIDDEN' },
      { who: 'staff of another community', as: () => hexieStaff, code: 'FORBIDDEN' },
      { who: 'someone not signed in', as: () => server.anonymous, code: 'UNAUTHENTICATED' },
    ])('should refuse a booking by $who with $code', async ({ as, code }) => {
      const before = await countAll(server, counted)
      expect(errorCode(await book(as(), { start: '20:00' }))).toBe(code)
      expect(await countAll(server, counted)).toEqual(before)
    })

    it('should refuse a member of 和谐社区 booking 幸福社区 venue', async () => {
      const hexieMember = await addPerson(server, 'u-hexie-booker', { communityId: 'c-hexie', roles: ['member'] })
      expect(errorCode(await book(hexieMember, { start: '20:00' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieMember.call('venues', 'book', { venueId: 'v-hexie-room', date: inDays(3), start: '10:00', purpose: '兴趣小组', attendees: 4 }))).not.toBe('FORBIDDEN')
    })

    it('should keep venue settings and decisions to staff of the venue community', async () => {
      const pending = await member.ok('venues', 'book', { venueId, date: inDays(6), start: '10:00', purpose: '审批测试', attendees: 3 })
      const before = await countAll(server, counted)
      const edit = { venueId, communityId: 'c-xingfu', name: '改名', location: '别处', capacity: 5, openingHours: allDay, slotMinutes: 60, bookingDays: 7, needsApproval: true, cancelHours: 1 }
      expect(errorCode(await member.call('venues', 'save', edit))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'save', { ...edit, communityId: 'c-hexie' }))).toBe('FORBIDDEN')
      expect(errorCode(await staff.call('venues', 'save', { ...edit, communityId: 'c-hexie' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'close', { venueId, from: inDays(1), to: inDays(2), reason: '维修' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'approve', { bookingId: pending.id }))).toBe('FORBIDDEN')
      expect(errorCode(await member.call('venues', 'approve', { bookingId: pending.id }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'refuse', { bookingId: pending.id, reason: '不行' }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'cancel', { bookingId: pending.id, reason: '不行' }))).toBe('FORBIDDEN')
      expect(errorCode(await liaison.call('venues', 'cancel', { bookingId: pending.id }))).toBe('FORBIDDEN')
      expect(errorCode(await hexieStaff.call('venues', 'day', { communityId: 'c-xingfu', date: inDays(6) }))).toBe('FORBIDDEN')
      expect(errorCode(await member.call('venues', 'bookings', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(await countAll(server, counted)).toEqual(before)
      expect((await bookingDoc(server, pending.id)).status).toBe('pending')
      expect(((await server.db.collection<VenueDoc>('venues').doc(venueId).get()).data[0]).name).not.toBe('改名')
    })
  })

  describe('bad input', () => {
    const valid = () => ({ venueId, date: inDays(3), start: '18:00', purpose: '测试', attendees: 3 })
    it.each([
      { label: 'a start off the half hour', patch: { start: '18:15' } },
      { label: 'a date that does not exist', patch: { date: '2026-02-30' } },
      { label: 'no slots', patch: { slotCount: 0 } },
      { label: 'nine slots', patch: { slotCount: 9 } },
      { label: 'no attendees', patch: { attendees: 0 } },
      { label: 'an empty purpose', patch: { purpose: '  ' } },
      { label: 'an unknown field', patch: { userId: 'u-staff' } },
      { label: 'a numeric venue id', patch: { venueId: 7 } },
    ])('should answer VALIDATION_FAILED to a booking with $label and change nothing', async ({ patch }) => {
      const before = await countAll(server, counted)
      expect(errorCode(await member.call('venues', 'book', { ...valid(), ...patch }))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, counted)).toEqual(before)
    })

    const venue = { communityId: 'c-xingfu', name: '新场地', location: '一楼', capacity: 10, openingHours: allDay, slotMinutes: 60, bookingDays: 7, needsApproval: true, cancelHours: 2 }
    it.each([
      { label: 'a slot length of 45 minutes', patch: { slotMinutes: 45 } },
      { label: 'overlapping hours on one day', patch: { openingHours: [{ weekday: 1, open: '09:00', close: '12:00' }, { weekday: 1, open: '11:00', close: '13:00' }] } },
      { label: 'a close before the open', patch: { openingHours: [{ weekday: 1, open: '12:00', close: '09:00' }] } },
      { label: 'weekday 8', patch: { openingHours: [{ weekday: 8, open: '09:00', close: '12:00' }] } },
      { label: 'no opening hours', patch: { openingHours: [] } },
      { label: 'a zero capacity', patch: { capacity: 0 } },
      { label: 'a booking window of 91 days', patch: { bookingDays: 91 } },
    ])('should answer VALIDATION_FAILED to a venue with $label and change nothing', async ({ patch }) => {
      const before = await countAll(server, counted)
      expect(errorCode(await staff.call('venues', 'save', { ...venue, ...patch }))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, counted)).toEqual(before)
    })

    it('should refuse a closure ending before it starts, or in the past', async () => {
      const before = await countAll(server, counted)
      expect(errorCode(await staff.call('venues', 'close', { venueId, from: inDays(3), to: inDays(2), reason: '维修' }))).toBe('VALIDATION_FAILED')
      expect(errorCode(await staff.call('venues', 'close', { venueId, from: inDays(-3), to: inDays(-2), reason: '维修' }))).toBe('VALIDATION_FAILED')
      expect(errorCode(await staff.call('venues', 'close', { venueId, from: inDays(2), to: inDays(3), reason: '' }))).toBe('VALIDATION_FAILED')
      expect(await countAll(server, counted)).toEqual(before)
    })
  })

  describe('decisions and cancellations', () => {
    it('should queue one booking_approved reminder to the booker when staff approve', async () => {
      const pending = await member.ok('venues', 'book', { venueId, date: inDays(7), start: '10:00', purpose: '党员大会', attendees: 9 })
      const approved = await staff.ok('venues', 'approve', { bookingId: pending.id })
      expect(approved).toMatchObject({ status: 'approved', userName: '张伟' })
      const reminders = (await server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-member', reason: 'booking_approved', subjectId: pending.id }).limit(10).get()).data
      expect(reminders).toHaveLength(1)
      const stored = await bookingDoc(server, pending.id)
      expect(reminders[0].fields).toEqual({ venue: stored.venueName, time: `${inDays(7).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')} 10:00`, note: '党员大会（至 11:00）' })
      expect(reminders[0].page).toBe('/packages/venues/pages/mine/index')
    })

    it('should free the slots of a refused booking so someone else can take them', async () => {
      const pending = await member.ok('venues', 'book', { venueId, date: inDays(7), start: '13:00', slotCount: 2, purpose: '读书会', attendees: 4 })
      expect(errorCode(await liaison.call('venues', 'book', { venueId, date: inDays(7), start: '14:00', purpose: '碰头会', attendees: 4 }))).toBe('SLOT_TAKEN')
      expect(errorCode(await staff.call('venues', 'refuse', { bookingId: pending.id, reason: '' }))).toBe('VALIDATION_FAILED')
      const refused = await staff.ok('venues', 'refuse', { bookingId: pending.id, reason: '当天有上级检查' })
      expect(refused).toMatchObject({ status: 'refused', refuseReason: '当天有上级检查' })
      expect((await slotsOf(server, venueId, inDays(7))).filter((slot) => slot.bookingId === pending.id)).toEqual([])
      expect(await liaison.ok('venues', 'book', { venueId, date: inDays(7), start: '14:00', purpose: '碰头会', attendees: 4 })).toMatchObject({ status: 'pending' })
    })

    it('should let the booker cancel before the cut-off and free the slot', async () => {
      const booking = await member.ok('venues', 'book', { venueId, date: inDays(8), start: '10:00', purpose: '取消测试', attendees: 2 })
      const cancelled = await member.ok('venues', 'cancel', { bookingId: booking.id })
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledByStaff: false })
      expect(await slotsOf(server, venueId, inDays(8))).toEqual([])
    })

    it('should refuse the booker after the cut-off with CUTOFF_PASSED, while staff still cancel with a reason', async () => {
      const soon = slotAhead(3)
      const booking = await member.ok('venues', 'book', { venueId, ...soon, purpose: '临近的预约', attendees: 2 })
      const before = await bookingDoc(server, booking.id)
      expect(errorCode(await member.call('venues', 'cancel', { bookingId: booking.id }))).toBe('CUTOFF_PASSED')
      expect(await bookingDoc(server, booking.id)).toEqual(before)
      expect(errorCode(await staff.call('venues', 'cancel', { bookingId: booking.id }))).toBe('VALIDATION_FAILED')
      const cancelled = await staff.ok('venues', 'cancel', { bookingId: booking.id, reason: '临时停电' })
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '临时停电', cancelledByStaff: true })
      const audit = await server.db.collection('audit').where({ targetId: booking.id }).limit(5).get()
      expect(audit.data).toHaveLength(1)
    })

    it('should list the booker own bookings, upcoming soonest first, with whether each can still be cancelled', async () => {
      const page = await member.ok('venues', 'mine', {})
      const starts = page.items.map((item: { startAt: string }) => item.startAt)
      expect([...starts].sort()).toEqual(starts)
      const seeded = page.items.find((item: { id: string }) => item.id === 'bk-hall-pending')
      expect(seeded.canCancel).toBe(true)
      const past = await member.ok('venues', 'mine', { when: 'past' })
      expect(past.items.map((item: { id: string }) => item.id)).toContain('bk-home-past')
      expect(page.items.map((item: { id: string }) => item.id)).not.toContain('bk-home-past')
    })
  })

  describe('staff views', () => {
    it('should show staff the day: every venue × slot with the booking and its booker', async () => {
      const seeded = await bookingDoc(server, 'bk-hall-approved')
      const day = await staff.ok('venues', 'day', { communityId: 'c-xingfu', date: seeded.date })
      const hall = day.venues.find((entry: { venue: { id: string } }) => entry.venue.id === 'v-hall')
      const slot = hall.slots.find((entry: { start: string }) => entry.start === '14:00')
      expect(slot.state).toBe('taken')
      expect(slot.booking).toMatchObject({ id: 'bk-hall-approved', userName: '陈刚', userPhone: '13800000004', status: 'approved' })
      expect(hall.slots.find((entry: { start: string }) => entry.start === '16:00').booking).toBeNull()
    })

    it('should list pending bookings soonest first for staff', async () => {
      const page = await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending' })
      expect(page.items.every((item: { status: string }) => item.status === 'pending')).toBe(true)
      expect(page.items.map((item: { id: string }) => item.id)).toContain('bk-hall-pending')
      const starts = page.items.map((item: { startAt: string }) => item.startAt)
      expect([...starts].sort()).toEqual(starts)
      const stale = await addBooking(server, venueId, 'pending', { days: -1 })
      const queue = await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending', pageSize: 50 })
      expect(queue.items.map((item: { id: string }) => item.id)).not.toContain(stale)
      const lapsed = await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'lapsed', pageSize: 50 })
      expect(lapsed.items.map((item: { id: string }) => item.id)).toContain(stale)
      expect(errorCode(await staff.call('venues', 'approve', { bookingId: stale }))).toBe('INVALID_STATE')
      const refused = await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'refused' })
      expect(refused.items.map((item: { id: string }) => item.id)).toContain('bk-hall-refused')
    })

    it('should close dates to new bookings, list the bookings already there, and reopen them', async () => {
      const held = await member.ok('venues', 'book', { venueId, date: inDays(12), start: '10:00', purpose: '已有预约', attendees: 2 })
      const closed = await staff.ok('venues', 'close', { venueId, from: inDays(12), to: inDays(13), reason: '活动占用' })
      expect(closed.affected.map((booking: { id: string }) => booking.id)).toEqual([held.id])
      expect(errorCode(await liaison.call('venues', 'book', { venueId, date: inDays(13), start: '10:00', purpose: '测试', attendees: 2 }))).toBe('VENUE_CLOSED')
      const detail = await member.ok('venues', 'detail', { venueId, date: inDays(13) })
      expect(detail.slots.find((slot: { start: string }) => slot.start === '10:00').state).toBe('closed')
      const closure = closed.venue.closures.find((entry: { reason: string }) => entry.reason === '活动占用')
      await staff.ok('venues', 'reopen', { venueId, closureId: closure.id })
      expect(await liaison.ok('venues', 'book', { venueId, date: inDays(13), start: '10:00', purpose: '测试', attendees: 2 })).toMatchObject({ status: 'pending' })
    })

    it('should apply new hours to new bookings and keep the existing ones as booked', async () => {
      const own = await createVenue(staff)
      const booking = await member.ok('venues', 'book', { venueId: own, date: inDays(3), start: '20:00', purpose: '晚间', attendees: 2 })
      await staff.ok('venues', 'save', {
        venueId: own,
        communityId: 'c-xingfu',
        name: '改过的场地',
        location: '二楼',
        capacity: 20,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '12:00' })),
        slotMinutes: 120,
        bookingDays: 7,
        needsApproval: false,
        cancelHours: 1,
      })
      expect((await bookingDoc(server, booking.id)).start).toBe('20:00')
      expect(errorCode(await member.call('venues', 'book', { venueId: own, date: inDays(3), start: '09:00', purpose: '测试', attendees: 2 }))).toBe('OUTSIDE_HOURS')
      expect(await member.ok('venues', 'book', { venueId: own, date: inDays(3), start: '10:00', purpose: '测试', attendees: 2 })).toMatchObject({ status: 'approved', end: '12:00' })
    })
  })
})
