/**
 * Bookings interleaved by hand: another caller's whole move commits at the
 * exact point between this transaction's read and its commit, which real
 * HTTP races reach only by luck. The optimistic commit must notice, re-run
 * on the new state and fail typed, leaving no half-held run of slots.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import type { BookingDoc, VenueSlotDoc } from '../../../cloudfunctions/lib/venues/model'
import { addDays, chinaDate } from '../../../cloudfunctions/lib/shared/china-time'
import { bookSlots, cancelBooking, type BookRequest } from '../../../cloudfunctions/lib/venues/transitions'
import { outcomeOf, withHookAfterRead } from '../../helpers/interleave'
import { functions } from '../../../cloudfunctions/registry'
import { invoke } from '../../../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'

describe('booking interleavings', () => {
  let db: LocalDatabase
  const now = new Date()
  const date = addDays(chinaDate(now), 1)
  const request = (userId: string, start: string, slotCount = 1): BookRequest => ({
    venueId: 'v-home',
    date,
    start,
    slotCount,
    purpose: '测试',
    attendees: 2,
    user: { id: userId, name: userId, phone: '13900000000' },
    now,
  })
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db, now)
  })
  afterEach(() => db.close())

  const slots = async () => (await db.collection<VenueSlotDoc>('venueSlots').where({ venueId: 'v-home', date }).limit(100).get()).data
  const bookings = async () => (await db.collection<BookingDoc>('bookings').where({ venueId: 'v-home', date }).limit(100).get()).data

  it('should refuse with SLOT_TAKEN when another booking of the slot commits between our read of it and our commit', async () => {
    const before = (await bookings()).length
    const racing = withHookAfterRead(db, 'venueSlots', () => bookSlots(db, request('u-other', '14:00')))
    expect(await outcomeOf(bookSlots(racing, request('u-member', '14:00')))).toBe('SLOT_TAKEN')
    expect((await slots()).filter((slot) => slot.start === '14:00').map((slot) => slot.bookingId)).toHaveLength(1)
    expect(await bookings()).toHaveLength(before + 1)
  })

  it('should hold none of a run when its second slot is taken between our first read and our commit', async () => {
    const racing = withHookAfterRead(db, 'venueSlots', () => bookSlots(db, request('u-other', '15:30')))
    expect(await outcomeOf(bookSlots(racing, request('u-member', '15:00', 3)))).toBe('SLOT_TAKEN')
    const held = await slots()
    expect(held.filter((slot) => ['15:00', '16:00'].includes(slot.start))).toEqual([])
    expect(held.filter((slot) => slot.start === '15:30')).toHaveLength(1)
  })

  /** venues.close as staff call it, through the same runtime as production. */
  const closeDay = () =>
    invoke(functions.venues!, { action: 'close', data: { venueId: 'v-home', from: date, to: date, reason: '临时维修' } }, {
      db,
      openid: 'demo-staff',
      log: silentLogger,
      signingKey: null,
      contentCheck: async () => true,
      now: () => now,
    })

  it('should refuse with VENUE_CLOSED when staff close the day between our read of the venue and our commit', async () => {
    let closed: Awaited<ReturnType<typeof closeDay>> | undefined
    const racing = withHookAfterRead(db, 'venues', async () => (closed = await closeDay()))
    expect(await outcomeOf(bookSlots(racing, request('u-member', '11:00')))).toBe('VENUE_CLOSED')
    expect(closed).toMatchObject({ ok: true })
    expect((await slots()).filter((slot) => slot.start === '11:00')).toEqual([])
  })

  it('should let the booker cancel once when staff cancel between the read and the commit', async () => {
    const booking = await bookSlots(db, request('u-member', '12:00'))
    const racing = withHookAfterRead(db, 'bookings', () => cancelBooking(db, booking._id, { userId: 'u-staff', isStaff: true }, '场地维修', now))
    expect(await outcomeOf(cancelBooking(racing, booking._id, { userId: 'u-member', isStaff: false }, '', now))).toBe('INVALID_STATE')
    const stored = (await db.collection<BookingDoc>('bookings').doc(booking._id).get()).data[0]
    expect(stored).toMatchObject({ status: 'cancelled', cancelledBy: 'u-staff', cancelReason: '场地维修' })
    expect((await slots()).filter((slot) => slot.start === '12:00')).toEqual([])
  })
})
