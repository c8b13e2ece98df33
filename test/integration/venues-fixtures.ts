import type { BookingDoc, BookingStatus, VenueDoc, VenueSlotDoc } from '../../cloudfunctions/lib/venues/model'
import { slotDocId } from '../../cloudfunctions/lib/venues/model'
import { addDays, chinaDate, chinaTime, instantOf } from '../../cloudfunctions/lib/shared/china-time'
import type { Client, TestServer } from '../helpers/server'

const HOUR = 3600 * 1000

/** Open every day round the clock, so any date and hour in the window is a slot. */
export const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }))

let venueCounter = 0

export async function createVenue(staff: Client, fields: Record<string, unknown> = {}): Promise<string> {
  venueCounter += 1
  const venue = await staff.ok<{ id: string }>('venues', 'save', {
    communityId: 'c-xingfu',
    name: `测试场地 ${venueCounter}`,
    location: '测试楼一层',
    capacity: 10,
    openingHours: allDay,
    slotMinutes: 60,
    bookingDays: 30,
    needsApproval: true,
    cancelHours: 24,
    ...fields,
  })
  return venue.id
}

export const today = (): string => chinaDate(new Date())
export const inDays = (days: number): string => addDays(today(), days)

/** A slot start `hoursAhead` hours from now (rounded up to the hour), as Shanghai date and time. */
export function slotAhead(hoursAhead: number): { date: string; start: string } {
  const at = new Date(Math.ceil((Date.now() + hoursAhead * HOUR) / HOUR) * HOUR)
  return { date: chinaDate(at), start: chinaTime(at) }
}

export async function bookingDoc(server: TestServer, bookingId: string): Promise<BookingDoc> {
  return (await server.db.collection<BookingDoc>('bookings').doc(bookingId).get()).data[0]
}

export async function slotsOf(server: TestServer, venueId: string, date: string): Promise<VenueSlotDoc[]> {
  return (await server.db.collection<VenueSlotDoc>('venueSlots').where({ venueId, date }).limit(1000).get()).data
}

let bookingCounter = 0

/**
 * A booking in any status, written straight into the engine (with the slots
 * a holding one occupies), on its own slot `days` ahead so tests never collide,
 * or on the hour-long slot `at` names.
 */
export async function addBooking(
  server: TestServer,
  venueId: string,
  status: BookingStatus,
  options: { userId?: string; days?: number; at?: { date: string; start: string } } = {},
): Promise<string> {
  bookingCounter += 1
  const venue = (await server.db.collection<VenueDoc>('venues').doc(venueId).get()).data[0]
  const days = options.days ?? 5
  // Later bookings spill onto further days: forward for future ones, backward for past ones, so a past booking stays past.
  const date = options.at?.date ?? inDays(days + Math.sign(days || 1) * Math.floor(bookingCounter / 24))
  const hour = options.at ? Number(options.at.start.slice(0, 2)) : bookingCounter % 24
  const start = `${String(hour).padStart(2, '0')}:00`
  const end = hour === 23 ? '24:00' : `${String(hour + 1).padStart(2, '0')}:00`
  const _id = `bk-test-${bookingCounter}`
  const now = new Date()
  const userId = options.userId ?? 'u-member'
  await server.db.collection<BookingDoc>('bookings').add({
    _id,
    venueId,
    venueName: venue.name,
    communityId: venue.communityId,
    userId,
    userName: '张伟',
    userPhone: '13800000002',
    date,
    start,
    end,
    slots: [start],
    startAt: instantOf(date, start),
    endAt: instantOf(date, end),
    purpose: '测试预约',
    attendees: 5,
    status,
    createdAt: now,
    updatedAt: now,
    decidedAt: status === 'approved' || status === 'refused' ? now : null,
    decidedBy: status === 'approved' || status === 'refused' ? 'u-staff' : null,
    refuseReason: status === 'refused' ? '测试' : '',
    cancelledAt: status === 'cancelled' ? now : null,
    cancelledBy: status === 'cancelled' ? userId : null,
    cancelReason: '',
  })
  if (status === 'pending' || status === 'approved') {
    await server.db.collection<VenueSlotDoc>('venueSlots').add({
      _id: slotDocId(venueId, date, start),
      venueId,
      communityId: venue.communityId,
      date,
      start,
      bookingId: _id,
      createdAt: now,
    })
  }
  return _id
}
