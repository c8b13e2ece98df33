import type { BaseDoc } from '../db/types'
import { addDays, chinaDate, instantOf, minutesOf, timeOf, weekdayOf } from '../shared/china-time'
import { contentReviewOf, type ContentReview, type Reviewable } from '../shared/content-review'
import { nameFor } from '../shared/privacy'

export const slotLengths = [30, 60, 120] as const
export type SlotMinutes = (typeof slotLengths)[number]

/** One opening interval of one weekday (1 Monday … 7 Sunday); a weekday may have two (morning, afternoon). */
export interface OpeningHours {
  weekday: number
  open: string
  close: string
}

/** 维修 / 活动占用: no booking on these days, both ends included. */
export interface Closure {
  id: string
  from: string
  to: string
  reason: string
  createdBy: string
  createdAt: Date
}

export interface VenueDoc extends BaseDoc {
  communityId: string
  name: string
  location: string
  description: string
  capacity: number
  facilities: string[]
  photos: string[]
  openingHours: OpeningHours[]
  slotMinutes: SlotMinutes
  /** Booking opens this many days ahead: today … today + bookingDays. */
  bookingDays: number
  /** false: a booking is approved as it is made. */
  needsApproval: boolean
  /** The booker may cancel until this many hours before the start. */
  cancelHours: number
  closures: Closure[]
  /** Retired venues keep their bookings but take no new ones and leave the public list. */
  active: boolean
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** lapsed: still pending when its time came, so nobody can decide it any more (set by a read or the hourly timer). */
export const bookingStatuses = ['pending', 'approved', 'refused', 'cancelled', 'lapsed'] as const
export type BookingStatus = (typeof bookingStatuses)[number]

/** Bookings in these states hold their slots; refusing, cancelling or lapsing frees them. */
export const holdingStatuses: readonly BookingStatus[] = ['pending', 'approved']

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  refused: '未通过',
  cancelled: '已取消',
  lapsed: '已过期',
}

/**
 * `contentReview` is 'pending' when the purpose went unchecked
 * (lib/shared/content-review.ts). Only the booker and staff read a purpose,
 * so nothing is hidden: it is a tag for staff, settled when they approve or
 * refuse (on a venue without approval it stays, as the record that it went unchecked).
 */
export interface BookingDoc extends BaseDoc, Reviewable {
  venueId: string
  venueName: string
  communityId: string
  userId: string
  userName: string
  userPhone: string
  /** Shanghai wall-clock, as booked. */
  date: string
  start: string
  end: string
  /** The start of every slot held, in order. */
  slots: string[]
  startAt: Date
  endAt: Date
  purpose: string
  attendees: number
  status: BookingStatus
  createdAt: Date
  updatedAt: Date
  decidedAt: Date | null
  /** Staff who approved or refused; 'auto' when the venue needs no approval. */
  decidedBy: string | null
  refuseReason: string
  cancelledAt: Date | null
  cancelledBy: string | null
  cancelReason: string
  /** When it lapsed; absent on bookings that never did (and on those made before lapsing existed). */
  lapsedAt?: Date
}

/** Pending when its first slot starts: too late to approve, so it lapses rather than hold the slots. */
export const isStale = (booking: Pick<BookingDoc, 'status' | 'startAt'>, now: Date): boolean =>
  booking.status === 'pending' && new Date(booking.startAt).getTime() <= now.getTime()

/**
 * The unit of exclusion: one document per held slot, `_id`
 * `<venueId>:<date>:<start>`, created in the booking's transaction. Two
 * bookings of one slot collide on this id, so at most one commits.
 */
export interface VenueSlotDoc extends BaseDoc {
  venueId: string
  communityId: string
  date: string
  start: string
  bookingId: string
  createdAt: Date
}

export const slotDocId = (venueId: string, date: string, start: string): string => `${venueId}:${date}:${start}`

/**
 * One venue's day, written by every booking of that day and by every closure
 * that covers it. CloudBase transactions abort on write-write conflicts only:
 * a booking that merely READ the venue's closures could commit on a day staff
 * closed a moment before, and miss the `affected` list the closure returns.
 * Both writing this document makes them conflict, so one re-runs and sees
 * the other. `_id` is `<venueId>:<date>`.
 */
export interface VenueDayDoc extends BaseDoc {
  venueId: string
  communityId: string
  date: string
  /** The last booking or closure that wrote the day (each write changes it, so it is never a no-op). */
  lastWrite: string
  updatedAt: Date
}

export const venueDayId = (venueId: string, date: string): string => `${venueId}:${date}`

/** Slot starts of a day, in order, each with the end of its slot. */
export interface Slot {
  start: string
  end: string
}

/** Every slot of the venue's opening hours on `date`; a slot never runs past its interval's close. */
export function slotsOn(venue: Pick<VenueDoc, 'openingHours' | 'slotMinutes'>, date: string): Slot[] {
  const weekday = weekdayOf(date)
  const slots: Slot[] = []
  const intervals = venue.openingHours.filter((hours) => hours.weekday === weekday).sort((a, b) => minutesOf(a.open) - minutesOf(b.open))
  for (const interval of intervals) {
    for (let start = minutesOf(interval.open); start + venue.slotMinutes <= minutesOf(interval.close); start += venue.slotMinutes) {
      slots.push({ start: timeOf(start), end: timeOf(start + venue.slotMinutes) })
    }
  }
  return slots
}

/**
 * `count` consecutive slots from `start`, or null when `start` is not a slot
 * or the run crosses a gap (a lunch break) or the close.
 */
export function consecutiveSlots(venue: Pick<VenueDoc, 'openingHours' | 'slotMinutes'>, date: string, start: string, count: number): Slot[] | null {
  const slots = slotsOn(venue, date)
  const first = slots.findIndex((slot) => slot.start === start)
  if (first < 0 || first + count > slots.length) return null
  const run = slots.slice(first, first + count)
  for (let i = 1; i < run.length; i += 1) if (run[i].start !== run[i - 1].end) return null
  return run
}

export const closureOn = (venue: Pick<VenueDoc, 'closures'>, date: string): Closure | null =>
  venue.closures.find((closure) => closure.from <= date && date <= closure.to) ?? null

/** The last date that can be booked now. */
export const lastBookableDate = (venue: Pick<VenueDoc, 'bookingDays'>, now: Date): string => addDays(chinaDate(now), venue.bookingDays)

/** When the booker's own cancellation closes. */
export const cancelCutoff = (booking: Pick<BookingDoc, 'startAt'>, venue: Pick<VenueDoc, 'cancelHours'>): Date =>
  new Date(new Date(booking.startAt).getTime() - venue.cancelHours * 3600 * 1000)

export { instantOf }

// ---------------------------------------------------------------- views

export interface VenueCard {
  id: string
  communityId: string
  name: string
  location: string
  description: string
  capacity: number
  facilities: string[]
  photos: string[]
  openingHours: OpeningHours[]
  slotMinutes: SlotMinutes
  bookingDays: number
  needsApproval: boolean
  cancelHours: number
  closures: Array<Pick<Closure, 'id' | 'from' | 'to' | 'reason'>>
  active: boolean
}

export function toVenueCard(venue: VenueDoc, today: string): VenueCard {
  return {
    id: venue._id,
    communityId: venue.communityId,
    name: venue.name,
    location: venue.location,
    description: venue.description,
    capacity: venue.capacity,
    facilities: venue.facilities,
    photos: venue.photos,
    openingHours: venue.openingHours,
    slotMinutes: venue.slotMinutes,
    bookingDays: venue.bookingDays,
    needsApproval: venue.needsApproval,
    cancelHours: venue.cancelHours,
    // Past closures are history, not something a booker needs to read.
    closures: venue.closures.filter((closure) => closure.to >= today).map(({ id, from, to, reason }) => ({ id, from, to, reason })),
    active: venue.active,
  }
}

export interface BookingView {
  id: string
  venueId: string
  venueName: string
  communityId: string
  date: string
  start: string
  end: string
  slotCount: number
  startAt: Date
  purpose: string
  attendees: number
  status: BookingStatus
  createdAt: Date
  decidedAt: Date | null
  refuseReason: string
  cancelledAt: Date | null
  cancelReason: string
  /** Cancelled by someone other than the booker (staff). */
  cancelledByStaff: boolean
}

export function toBookingView(booking: BookingDoc): BookingView {
  return {
    id: booking._id,
    venueId: booking.venueId,
    venueName: booking.venueName,
    communityId: booking.communityId,
    date: booking.date,
    start: booking.start,
    end: booking.end,
    slotCount: booking.slots.length,
    startAt: booking.startAt,
    purpose: booking.purpose,
    attendees: booking.attendees,
    status: booking.status,
    createdAt: booking.createdAt,
    decidedAt: booking.decidedAt,
    refuseReason: booking.refuseReason,
    cancelledAt: booking.cancelledAt,
    cancelReason: booking.cancelReason,
    cancelledByStaff: booking.cancelledBy !== null && booking.cancelledBy !== booking.userId,
  }
}

/** What staff see: the booker by name and phone, to call them about it. */
export interface StaffBookingView extends BookingView {
  userId: string
  userName: string
  userPhone: string
  /** 待人工审核 when the purpose went unchecked. */
  contentReview: ContentReview | null
}

export const toStaffBookingView = (booking: BookingDoc): StaffBookingView => ({
  ...toBookingView(booking),
  userId: booking.userId,
  userName: nameFor(booking.userName, 'staff'),
  userPhone: booking.userPhone,
  contentReview: contentReviewOf(booking),
})
