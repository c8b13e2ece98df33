import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import type { BookingDoc } from '../../cloudfunctions/lib/venues/model'
import { silentLogger } from '../../cloudfunctions/lib/runtime/logger'
import { runTimer } from '../../cloudfunctions/lib/runtime/timers'
import { venuesFunction } from '../../cloudfunctions/venues'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addBooking, bookingDoc, createVenue, slotAhead, slotsOf } from './venues-fixtures'

const HOUR = 3600 * 1000

/**
 * A pending booking still undecided when its time comes lapses: the hourly
 * timer and every read that shows it move it to `lapsed`, free its slots in
 * the same transaction, and tell nobody (no reminder). A pending booking
 * whose time has not come is left alone.
 */
describe('venues: stale pending bookings lapse', () => {
  let server: TestServer
  let staff: Client
  let member: Client
  let venueId: string
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
    member = await server.as('demo-member')
    venueId = await createVenue(staff)
  })
  afterAll(() => server.stop())

  const runLapse = async (at = new Date()): Promise<Record<string, number>> => {
    const response = await runTimer(venuesFunction, 'lapseStale', { db: server.db, log: silentLogger, now: () => at })
    if (!response.ok) throw new Error(JSON.stringify(response.error))
    return response.data
  }

  const remindersAbout = async (bookingId: string): Promise<ReminderDoc[]> =>
    (await server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-member' }).limit(1000).get()).data.filter((reminder) => reminder._id.includes(bookingId))

  const expectLapsed = async (bookingId: string): Promise<void> => {
    const stored = await bookingDoc(server, bookingId)
    expect(stored.status).toBe('lapsed')
    expect(stored.lapsedAt).toBeInstanceOf(Date)
    expect(stored.decidedAt).toBeNull()
    expect((await slotsOf(server, venueId, stored.date)).filter((slot) => slot.bookingId === bookingId)).toEqual([])
    expect(await remindersAbout(bookingId)).toEqual([])
  }

  const ids = (page: { items: Array<{ id: string }> }): string[] => page.items.map((item) => item.id)

  const reads: Array<{ read: string; show: (booking: BookingDoc) => Promise<unknown> }> = [
    {
      read: "the booker's 我的预约 (past)",
      show: async (booking) => {
        const page = await member.ok('venues', 'mine', { when: 'past', pageSize: 50 })
        expect(page.items.find((item: { id: string }) => item.id === booking._id)).toMatchObject({ status: 'lapsed', canCancel: false })
      },
    },
    {
      read: "the venue's slots for that day",
      show: async (booking) => {
        const detail = await member.ok('venues', 'detail', { venueId, date: booking.date })
        expect(detail.slots.find((slot: { start: string }) => slot.start === booking.start)).toMatchObject({ state: 'past', mine: false })
      },
    },
    {
      read: "staff's day view",
      show: async (booking) => {
        const day = await staff.ok('venues', 'day', { communityId: 'c-xingfu', date: booking.date })
        const venue = day.venues.find((entry: { venue: { id: string } }) => entry.venue.id === venueId)
        expect(venue.slots.find((slot: { start: string }) => slot.start === booking.start)).toMatchObject({ state: 'past', booking: null })
      },
    },
    {
      read: "staff's pending queue",
      show: async (booking) => {
        expect(ids(await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending', pageSize: 50 }))).not.toContain(booking._id)
        expect(ids(await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'lapsed', pageSize: 50 }))).toContain(booking._id)
      },
    },
  ]

  it.each(reads)('should lapse a stale pending booking when $read shows it, free its slot and send no reminder', async ({ show }) => {
    const bookingId = await addBooking(server, venueId, 'pending', { days: -1 })
    expect(await slotsOf(server, venueId, (await bookingDoc(server, bookingId)).date)).toContainEqual(expect.objectContaining({ bookingId }))
    await show(await bookingDoc(server, bookingId))
    await expectLapsed(bookingId)
  })

  it('should leave pending bookings whose time has not come, and decided ones, as they are', async () => {
    const waiting = await addBooking(server, venueId, 'pending', { days: 2 })
    const approvedPast = await addBooking(server, venueId, 'approved', { days: -1 })
    const before = await Promise.all([waiting, approvedPast].map((id) => bookingDoc(server, id)))
    await member.ok('venues', 'mine', { when: 'upcoming' })
    await member.ok('venues', 'mine', { when: 'past' })
    await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending' })
    await staff.ok('venues', 'day', { communityId: 'c-xingfu', date: before[1].date })
    await runLapse()
    expect(await Promise.all([waiting, approvedPast].map((id) => bookingDoc(server, id)))).toEqual(before)
    expect(ids(await staff.ok('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending', pageSize: 50 }))).toContain(waiting)
  })

  it('should lapse in the hourly timer the stale bookings nobody looks at, in every community, and lapse each once', async () => {
    const hexieVenue = await createVenue(await server.as('demo-staff-hexie'), { communityId: 'c-hexie' })
    const stale = [await addBooking(server, venueId, 'pending', { days: -2 }), await addBooking(server, hexieVenue, 'pending', { days: -2, userId: 'u-staff-hexie' })]
    // Starts in about two hours: the timer running now leaves it; the one running once it has started lapses it.
    const later = await addBooking(server, venueId, 'pending', { at: slotAhead(2) })
    const laterStart = new Date((await bookingDoc(server, later)).startAt).getTime()
    expect(await runLapse()).toEqual({ lapsed: 2 })
    for (const bookingId of stale) expect((await bookingDoc(server, bookingId)).status).toBe('lapsed')
    expect(await slotsOf(server, hexieVenue, (await bookingDoc(server, stale[1])).date)).toEqual([])
    expect((await bookingDoc(server, later)).status).toBe('pending')
    expect(await runLapse(new Date(laterStart - 1))).toEqual({ lapsed: 0 })
    expect(await runLapse(new Date(laterStart))).toEqual({ lapsed: 1 })
    await expectLapsed(later)
    expect(await runLapse(new Date(laterStart + HOUR))).toEqual({ lapsed: 0 })
  })
})
