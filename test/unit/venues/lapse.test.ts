/**
 * The lapse interleaved by hand with the moves it races: the other side's
 * whole transaction commits right after this one reads the booking, which
 * real HTTP races reach only by luck. Exactly one of them changes the
 * booking; the other re-runs on the new status and changes nothing.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { slotDocId, type BookingDoc, type VenueSlotDoc } from '../../../cloudfunctions/lib/venues/model'
import { approveBooking, cancelBooking, lapseBooking, lapseStale, refuseBooking } from '../../../cloudfunctions/lib/venues/transitions'
import { outcomeOf, withHookAfterRead } from '../../helpers/interleave'

describe('lapse interleavings', () => {
  let db: LocalDatabase
  let booking: BookingDoc
  /** The instant the seeded pending booking starts: stale from here on. */
  let at: Date
  let before: Date
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db, new Date())
    booking = (await db.collection<BookingDoc>('bookings').doc('bk-hall-pending').get()).data[0]
    at = new Date(booking.startAt)
    before = new Date(at.getTime() - 1)
  })
  afterEach(() => db.close())

  const stored = async (): Promise<BookingDoc> => (await db.collection<BookingDoc>('bookings').doc(booking._id).get()).data[0]
  const held = async (): Promise<VenueSlotDoc[]> =>
    (await db.collection<VenueSlotDoc>('venueSlots').where({ venueId: booking.venueId, date: booking.date }).limit(100).get()).data.filter(
      (slot) => slot.bookingId === booking._id,
    )

  it('should hold the seeded pending booking on two slots to start with', async () => {
    expect(booking.status).toBe('pending')
    expect((await held()).map((slot) => slot._id).sort()).toEqual(booking.slots.map((start) => slotDocId(booking.venueId, booking.date, start)).sort())
  })

  it('should fail an approval with INVALID_STATE when the lapse commits between its read and its commit', async () => {
    const racing = withHookAfterRead(db, 'bookings', () => lapseBooking(db, booking._id, at))
    expect(await outcomeOf(approveBooking(racing, booking._id, 'u-staff', before))).toBe('INVALID_STATE')
    expect(await stored()).toMatchObject({ status: 'lapsed', decidedAt: null, decidedBy: null })
    expect(await held()).toEqual([])
  })

  it('should change nothing in a lapse when an approval commits between its read and its commit', async () => {
    const racing = withHookAfterRead(db, 'bookings', () => approveBooking(db, booking._id, 'u-staff', before))
    expect(await lapseBooking(racing, booking._id, at)).toMatchObject({ changed: false })
    expect(await stored()).toMatchObject({ status: 'approved', decidedBy: 'u-staff' })
    expect(await held()).toHaveLength(2)
  })

  it('should lapse once when two lapses interleave, freeing the slots once', async () => {
    let first: boolean | null = null
    const racing = withHookAfterRead(db, 'bookings', async () => {
      first = (await lapseBooking(db, booking._id, at)).changed
    })
    expect(await lapseBooking(racing, booking._id, at)).toMatchObject({ changed: false })
    expect(first).toBe(true)
    expect(await stored()).toMatchObject({ status: 'lapsed', lapsedAt: at })
    expect(await held()).toEqual([])
  })

  it('should fail a refusal or a staff cancel of a stale booking with INVALID_STATE, whoever lapses it', async () => {
    const racing = withHookAfterRead(db, 'bookings', () => lapseStale(db, { communityId: booking.communityId }, at))
    expect(await outcomeOf(refuseBooking(racing, booking._id, 'u-staff', '来不及', at))).toBe('INVALID_STATE')
    expect(await outcomeOf(cancelBooking(db, booking._id, { userId: 'u-staff', isStaff: true }, '场地维修', at))).toBe('INVALID_STATE')
    expect(await stored()).toMatchObject({ status: 'lapsed', refuseReason: '', cancelledAt: null })
    expect(await held()).toEqual([])
  })

  it('should leave a stale booking untouched when someone with no say tries to cancel it', async () => {
    expect(await outcomeOf(cancelBooking(db, booking._id, { userId: 'u-liaison', isStaff: false }, '', at))).toBe('FORBIDDEN')
    expect(await stored()).toEqual(booking)
    expect(await held()).toHaveLength(2)
  })
})
