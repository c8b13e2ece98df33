import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import { silentLogger } from '../../cloudfunctions/lib/runtime/logger'
import { runTimer } from '../../cloudfunctions/lib/runtime/timers'
import type { BookingDoc, VenueSlotDoc } from '../../cloudfunctions/lib/venues/model'
import { holdingStatuses, slotDocId } from '../../cloudfunctions/lib/venues/model'
import { venuesFunction } from '../../cloudfunctions/venues'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, errorCode, tally } from './points-fixtures'
import { addBooking, createVenue, inDays, slotAhead, slotsOf } from './venues-fixtures'

/** Races over real HTTP: every request below is in flight at once against one local server. */
describe('venues: races', () => {
  let server: TestServer
  let staff: Client
  const people: Client[] = []
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
    for (let i = 0; i < 50; i += 1) people.push(await addPerson(server, `u-booker-${i}`))
  })
  afterAll(() => server.stop())

  const bookingsOf = async (venueId: string): Promise<BookingDoc[]> =>
    (await server.db.collection<BookingDoc>('bookings').where({ venueId }).limit(1000).get()).data

  it('should let exactly one of 50 people booking one slot at once win, the rest SLOT_TAKEN', async () => {
    const venueId = await createVenue(staff, { capacity: 50 })
    const date = inDays(4)
    const responses = await Promise.all(people.map((person) => person.call('venues', 'book', { venueId, date, start: '10:00', purpose: '抢同一个时段', attendees: 5 })))
    const counts = tally(responses.map(errorCode))
    console.log('50 concurrent bookings of one slot:', counts)
    expect(counts).toEqual({ ok: 1, SLOT_TAKEN: 49 })
    const bookings = await bookingsOf(venueId)
    expect(bookings).toHaveLength(1)
    const winner = responses.find((response) => response.ok) as { data: { id: string } }
    const slots = await slotsOf(server, venueId, date)
    expect(slots.map((slot) => [slot._id, slot.bookingId])).toEqual([[slotDocId(venueId, date, '10:00'), winner.data.id]])
  })

  it('should never hold one slot twice when 50 overlapping multi-slot bookings race', async () => {
    const venueId = await createVenue(staff, { capacity: 50 })
    const date = inDays(5)
    // Runs of 1–4 hours starting between 08:00 and 15:00: most of them overlap several others.
    const requests = people.map((person, i) => ({ person, start: `${String(8 + (i * 7) % 8).padStart(2, '0')}:00`, slotCount: 1 + (i % 4) }))
    const responses = await Promise.all(
      requests.map(({ person, start, slotCount }) => person.call('venues', 'book', { venueId, date, start, slotCount, purpose: '重叠预约', attendees: 3 })),
    )
    const counts = tally(responses.map(errorCode))
    console.log('50 overlapping multi-slot bookings:', counts)
    expect(Object.keys(counts).sort()).toEqual(['SLOT_TAKEN', 'ok'])

    const holding = (await bookingsOf(venueId)).filter((booking) => holdingStatuses.includes(booking.status))
    expect(holding).toHaveLength(counts.ok)
    const held = holding.flatMap((booking) => booking.slots.map((start) => ({ start, bookingId: booking._id })))
    // No start appears in two holding bookings …
    expect(new Set(held.map((slot) => slot.start)).size).toBe(held.length)
    // … and the slot documents are exactly the holding bookings' slots, each pointing at its booking.
    const slots: VenueSlotDoc[] = await slotsOf(server, venueId, date)
    expect(slots.map((slot) => [slot.start, slot.bookingId]).sort()).toEqual(held.map((slot) => [slot.start, slot.bookingId]).sort())
    // Every refused request really overlapped a winner.
    for (const [i, response] of responses.entries()) {
      if (response.ok) continue
      const first = 8 + (i * 7) % 8
      const wanted = Array.from({ length: requests[i].slotCount }, (_, k) => `${String(first + k).padStart(2, '0')}:00`)
      expect(wanted.some((start) => held.some((slot) => slot.start === start))).toBe(true)
    }
  })

  it('should let exactly one of two racing decisions on a pending booking win (approve × refuse, refuse × cancel)', async () => {
    const venueId = await createVenue(staff)
    const outcomes: Record<string, number> = {}
    for (let round = 0; round < 10; round += 1) {
      const booker = people[round]
      const booking = await booker.ok('venues', 'book', { venueId, date: inDays(6), start: `${String(8 + round).padStart(2, '0')}:00`, purpose: '审批与取消', attendees: 2 })
      const moves: Array<[status: string, call: () => ReturnType<Client['call']>]> = [
        round % 2 === 0 ? ['approved', () => staff.call('venues', 'approve', { bookingId: booking.id })] : ['cancelled', () => booker.call('venues', 'cancel', { bookingId: booking.id })],
        ['refused', () => staff.call('venues', 'refuse', { bookingId: booking.id, reason: '同时审核' })],
      ]
      const responses = await Promise.all(moves.map(([, call]) => call()))
      expect(responses.filter((response) => response.ok)).toHaveLength(1)
      expect(errorCode(responses.find((response) => !response.ok)!)).toBe('INVALID_STATE')
      const won = moves[responses.findIndex((response) => response.ok)][0]
      outcomes[won] = (outcomes[won] ?? 0) + 1
      const stored = (await server.db.collection<BookingDoc>('bookings').doc(booking.id).get()).data[0]
      expect(stored.status).toBe(won)
      const slots = await slotsOf(server, venueId, inDays(6))
      expect(slots.some((slot) => slot.bookingId === booking.id)).toBe(won === 'approved')
    }
    console.log('10 rounds of racing decisions:', outcomes)
  })

  it('should hand a slot freed by a cancel to exactly one of 20 people racing for it', async () => {
    const venueId = await createVenue(staff)
    const date = inDays(7)
    const first = await people[0].ok('venues', 'book', { venueId, date, start: '10:00', purpose: '先约', attendees: 2 })
    await people[0].ok('venues', 'cancel', { bookingId: first.id })
    const responses = await Promise.all(people.slice(1, 21).map((person) => person.call('venues', 'book', { venueId, date, start: '10:00', purpose: '再约', attendees: 2 })))
    expect(tally(responses.map(errorCode))).toEqual({ ok: 1, SLOT_TAKEN: 19 })
    expect(await slotsOf(server, venueId, date)).toHaveLength(1)
  })

  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

  /**
   * The hourly timer, run in this process while the HTTP requests are in
   * flight; `after` ms late, since started at once it beats every request
   * still on its way through the server.
   */
  const lapseTimer = async (at: Date, after = 0): Promise<number> => {
    await pause(after)
    const response = await runTimer(venuesFunction, 'lapseStale', { db: server.db, log: silentLogger, now: () => at })
    if (!response.ok) throw new Error(JSON.stringify(response.error))
    return response.data.lapsed
  }

  const remindersOf = async (bookingId: string): Promise<ReminderDoc[]> =>
    (await server.db.collection<ReminderDoc>('reminders').where({ subjectId: bookingId }).limit(1000).get()).data

  it('should lapse a stale pending booking exactly once when the timer, every move and every read race for it', async () => {
    const venueId = await createVenue(staff)
    const timerWins: number[] = []
    for (let round = 0; round < 10; round += 1) {
      const booker = people[20 + round]
      const bookingId = await addBooking(server, venueId, 'pending', { days: -1, userId: `u-booker-${20 + round}` })
      const date = (await server.db.collection<BookingDoc>('bookings').doc(bookingId).get()).data[0].date
      const moves = [
        staff.call('venues', 'approve', { bookingId }),
        staff.call('venues', 'refuse', { bookingId, reason: '来不及了' }),
        booker.call('venues', 'cancel', { bookingId }),
        staff.call('venues', 'cancel', { bookingId, reason: '场地维修' }),
      ]
      const reads = [
        booker.call('venues', 'mine', { when: 'past' }),
        booker.call('venues', 'detail', { venueId, date }),
        staff.call('venues', 'day', { communityId: 'c-xingfu', date }),
        staff.call('venues', 'bookings', { communityId: 'c-xingfu', status: 'pending' }),
      ]
      const timers = [lapseTimer(new Date(), round * 4), lapseTimer(new Date(), round * 6)]
      const [moved, read, lapsed] = await Promise.all([Promise.all(moves), Promise.all(reads), Promise.all(timers)])
      expect(tally(moved.map(errorCode))).toEqual({ INVALID_STATE: 4 })
      expect(tally(read.map(errorCode))).toEqual({ ok: 4 })
      // Whoever lapsed it, it lapsed once: at most one timer run counts it.
      expect(lapsed.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(1)
      timerWins.push(lapsed.reduce((sum, count) => sum + count, 0))
      const stored = (await server.db.collection<BookingDoc>('bookings').doc(bookingId).get()).data[0]
      expect(stored).toMatchObject({ status: 'lapsed', decidedAt: null, cancelledAt: null, refuseReason: '' })
      expect((await slotsOf(server, venueId, date)).filter((slot) => slot.bookingId === bookingId)).toEqual([])
      expect(await remindersOf(bookingId)).toEqual([])
    }
    console.log('10 stale bookings × (timer ×2, 4 moves, 4 reads): lapsed by the timer', timerWins.filter(Boolean).length, 'times, by a request', timerWins.filter((won) => !won).length, 'times')
  })

  it('should let exactly one of the timer and two racing moves win on a booking as its time comes (approve × refuse, refuse × cancel)', async () => {
    const venueId = await createVenue(staff, { cancelHours: 0 })
    const outcomes: Record<string, number> = {}
    for (let round = 0; round < 10; round += 1) {
      const booker = people[30 + round]
      // The requests run before the start (nothing is stale to them); the timer runs at it (the booking is stale to it).
      const bookingId = await addBooking(server, venueId, 'pending', { at: slotAhead(2 + round), userId: `u-booker-${30 + round}` })
      const booking = (await server.db.collection<BookingDoc>('bookings').doc(bookingId).get()).data[0]
      const moves: Array<[status: string, call: () => Promise<{ ok: boolean }>]> = [
        // approve and cancel are not rivals (an approved booking may be cancelled), so each round races one of them.
        round % 2 === 0 ? ['approved', () => staff.call('venues', 'approve', { bookingId })] : ['cancelled', () => booker.call('venues', 'cancel', { bookingId })],
        ['refused', () => staff.call('venues', 'refuse', { bookingId, reason: '同时审核' })],
        ['lapsed', async () => ({ ok: (await lapseTimer(new Date(booking.startAt), round % 2 === 0 ? 0 : 3)) === 1 })],
      ]
      const responses = await Promise.all(moves.map(([, call]) => call()))
      expect(responses.filter((response) => response.ok)).toHaveLength(1)
      for (const response of responses) if (!response.ok && 'error' in response) expect(errorCode(response as never)).toBe('INVALID_STATE')
      const won = moves[responses.findIndex((response) => response.ok)][0]
      outcomes[won] = (outcomes[won] ?? 0) + 1
      const stored = (await server.db.collection<BookingDoc>('bookings').doc(bookingId).get()).data[0]
      expect(stored.status).toBe(won)
      expect((await slotsOf(server, venueId, booking.date)).filter((slot) => slot.bookingId === bookingId)).toHaveLength(won === 'approved' ? 1 : 0)
      expect(await remindersOf(bookingId)).toHaveLength(won === 'approved' ? 1 : 0)
    }
    console.log('10 rounds of decisions racing the lapse:', outcomes)
  })
})
