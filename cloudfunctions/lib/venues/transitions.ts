/**
 * The booking state machine: pending → approved | refused | lapsed, and
 * pending | approved → cancelled. A booking holds its slots (one `venueSlots`
 * document each) while pending or approved; refusing, cancelling or lapsing
 * deletes them in the same transaction, so the slot is free again exactly
 * when the booking stops holding it. Every move re-reads the booking inside
 * its transaction: two racing moves both read the same status, and the
 * optimistic commit lets one through; the other re-runs, reads the new
 * status and fails typed.
 *
 * A pending booking lapses when its first slot starts undecided. Time
 * decides, not who comes first: a move that finds it stale lapses it instead
 * (committed) and fails INVALID_STATE, exactly as a read or the timer would
 * have lapsed it a moment earlier. */
import { randomUUID } from 'node:crypto'
import { DbErrorCode, isDbError, type Database, type Transaction, type Where } from '../db/types'
import { AppError } from '../runtime/errors'
import { withTransaction } from '../shared/transaction'
import { statsIn } from '../stats'
import {
  cancelCutoff,
  closureOn,
  consecutiveSlots,
  holdingStatuses,
  instantOf,
  isStale,
  lastBookableDate,
  slotDocId,
  venueDayId,
  type BookingDoc,
  type BookingStatus,
  type VenueDayDoc,
  type VenueDoc,
  type VenueSlotDoc,
} from './model'

export interface BookRequest {
  venueId: string
  date: string
  start: string
  slotCount: number
  purpose: string
  attendees: number
  user: { id: string; name: string; phone: string }
  now: Date
  /** The purpose went unchecked (lib/shared/content-review.ts). */
  held?: Pick<BookingDoc, 'contentReview'>
}

async function readVenue(tx: Transaction, venueId: string): Promise<VenueDoc> {
  const venue = (await tx.collection<VenueDoc>('venues').doc(venueId).get()).data
  if (!venue) throw new AppError('NOT_FOUND', '场地不存在')
  return venue
}

async function readBooking(tx: Transaction, bookingId: string): Promise<BookingDoc> {
  const booking = (await tx.collection<BookingDoc>('bookings').doc(bookingId).get()).data
  if (!booking) throw new AppError('NOT_FOUND', '预约不存在')
  return booking
}

/**
 * Books `slotCount` consecutive slots. Failures in order: NOT_FOUND (no such
 * venue, or retired), OUTSIDE_HOURS, SLOT_PAST, BEYOND_WINDOW, VENUE_CLOSED,
 * OVER_CAPACITY, SLOT_TAKEN. The venue is read in the transaction's
 * snapshot; a closure of the same day racing the booking conflicts with it on
 * the day document (VenueDayDoc), so one of them re-runs and sees the other.
 */
export async function bookSlots(db: Database, request: BookRequest): Promise<BookingDoc> {
  const bookingId = randomUUID().replace(/-/g, '')
  try {
    return await withTransaction(db, async (tx) => {
      const venue = await readVenue(tx, request.venueId)
      if (!venue.active) throw new AppError('NOT_FOUND', '场地已停用')
      const run = consecutiveSlots(venue, request.date, request.start, request.slotCount)
      if (!run) throw new AppError('OUTSIDE_HOURS', '所选时段不在场地开放时间内（或跨过了休息时间）')
      const startAt = instantOf(request.date, run[0].start)
      if (startAt.getTime() <= request.now.getTime()) throw new AppError('SLOT_PAST')
      if (request.date > lastBookableDate(venue, request.now)) throw new AppError('BEYOND_WINDOW', `只能预约 ${venue.bookingDays} 天以内的时段`)
      const closure = closureOn(venue, request.date)
      if (closure) throw new AppError('VENUE_CLOSED', `场地当天暂停开放：${closure.reason}`)
      if (request.attendees > venue.capacity) throw new AppError('OVER_CAPACITY', `参加人数超过场地容纳人数（${venue.capacity} 人）`)

      const slotIds = run.map((slot) => slotDocId(venue._id, request.date, slot.start))
      for (const slotId of slotIds) {
        if ((await tx.collection<VenueSlotDoc>('venueSlots').doc(slotId).get()).data) throw new AppError('SLOT_TAKEN')
      }
      const status: BookingStatus = venue.needsApproval ? 'pending' : 'approved'
      const booking: BookingDoc = {
        _id: bookingId,
        venueId: venue._id,
        venueName: venue.name,
        communityId: venue.communityId,
        userId: request.user.id,
        userName: request.user.name,
        userPhone: request.user.phone,
        date: request.date,
        start: run[0].start,
        end: run[run.length - 1].end,
        slots: run.map((slot) => slot.start),
        startAt,
        endAt: instantOf(request.date, run[run.length - 1].end),
        purpose: request.purpose,
        attendees: request.attendees,
        status,
        createdAt: request.now,
        updatedAt: request.now,
        decidedAt: venue.needsApproval ? null : request.now,
        decidedBy: venue.needsApproval ? null : 'auto',
        refuseReason: '',
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: '',
        ...request.held,
      }
      const { _id, ...fields } = booking
      await tx.collection<BookingDoc>('bookings').doc(_id).create(fields)
      if (status === 'approved') await statsIn(tx, { communityId: venue.communityId, at: request.date, subject: bookingId }, { bookings: 1 })
      // The closure guard: a closure of this day writes the same document, so the two cannot both commit.
      await writeVenueDay(tx, venue, request.date, `booking:${bookingId}`, request.now)
      for (const [i, slotId] of slotIds.entries()) {
        await tx.collection<VenueSlotDoc>('venueSlots').doc(slotId).create({
          venueId: venue._id,
          communityId: venue.communityId,
          date: request.date,
          start: run[i].start,
          bookingId,
          createdAt: request.now,
        })
      }
      return booking
    })
  } catch (error) {
    // A slot created between our read and our commit can surface as a duplicate rather than a conflict.
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('SLOT_TAKEN')
    throw error
  }
}

/** A blind write of the day document (see VenueDayDoc): it conflicts with any other writer of the day since our snapshot. */
export async function writeVenueDay(tx: Transaction, venue: VenueDoc, date: string, lastWrite: string, now: Date): Promise<void> {
  await tx.collection<VenueDayDoc>('venueDays').doc(venueDayId(venue._id, date)).set({ venueId: venue._id, communityId: venue.communityId, date, lastWrite, updatedAt: now })
}

async function freeSlots(tx: Transaction, booking: BookingDoc): Promise<void> {
  for (const start of booking.slots) {
    const slotId = slotDocId(booking.venueId, booking.date, start)
    const slot = (await tx.collection<VenueSlotDoc>('venueSlots').doc(slotId).get()).data
    // Only our own hold is ours to free.
    if (slot?.bookingId === booking._id) await tx.collection<VenueSlotDoc>('venueSlots').doc(slotId).delete()
  }
}

const moved = async (tx: Transaction, booking: BookingDoc, changes: Partial<Omit<BookingDoc, '_id'>>): Promise<BookingDoc> => {
  await tx.collection<BookingDoc>('bookings').doc(booking._id).update(changes)
  // 场地预约 counts approved bookings by their day: in when approved, out again when an approved one is cancelled.
  const approved = (status: BookingDoc['status'] | undefined) => status === 'approved'
  if (changes.status && approved(changes.status) !== approved(booking.status)) {
    await statsIn(tx, { communityId: booking.communityId, at: booking.date, subject: booking._id }, { bookings: approved(changes.status) ? 1 : -1 })
  }
  return { ...booking, ...changes }
}

const LAPSED = '预约时段已开始，未审批的预约已过期'

const notPending = (booking: BookingDoc): AppError =>
  new AppError('INVALID_STATE', booking.status === 'lapsed' ? LAPSED : '只能审核待审核的预约')

/** Inside a transaction: stale pending → lapsed, freeing the slots. No reminder: nobody decided anything. */
async function lapseIn(tx: Transaction, booking: BookingDoc, now: Date): Promise<BookingDoc> {
  await freeSlots(tx, booking)
  return moved(tx, booking, { status: 'lapsed', lapsedAt: now, updatedAt: now })
}

type Outcome = { booking: BookingDoc; lapsed: boolean }

/**
 * Reads the booking in a transaction and applies `move`, unless the booking
 * is stale: then it lapses, the lapse commits, and the move fails. `check`
 * runs first, for failures that must leave even a stale booking untouched
 * (someone with no say over it).
 */
async function moveOrLapse(
  db: Database,
  bookingId: string,
  now: Date,
  move: (tx: Transaction, booking: BookingDoc) => Promise<BookingDoc>,
  check: (booking: BookingDoc) => void = () => undefined,
): Promise<BookingDoc> {
  const outcome = await withTransaction(db, async (tx): Promise<Outcome> => {
    const booking = await readBooking(tx, bookingId)
    check(booking)
    if (isStale(booking, now)) return { booking: await lapseIn(tx, booking, now), lapsed: true }
    return { booking: await move(tx, booking), lapsed: false }
  })
  if (outcome.lapsed) throw new AppError('INVALID_STATE', LAPSED)
  return outcome.booking
}

export interface LapseOutcome {
  booking: BookingDoc
  /** False when the booking was not stale (decided, or its time not yet come): nothing changed. */
  changed: boolean
}

/** stale pending → lapsed. Changes nothing otherwise, so the timer and every read may call it at once. */
export function lapseBooking(db: Database, bookingId: string, now: Date): Promise<LapseOutcome> {
  return withTransaction(db, async (tx) => {
    const booking = await readBooking(tx, bookingId)
    if (!isStale(booking, now)) return { booking, changed: false }
    return { booking: await lapseIn(tx, booking, now), changed: true }
  })
}

/** A batch bound: one call stays well inside a function's time limit. */
const LAPSE_BATCH = 100

/**
 * Lapses the stale pending bookings matching `scope` (a community, a user, a
 * venue's day). Reads call this first, so nobody is shown a pending booking
 * that can no longer be decided; the timer catches the ones nobody reads.
 * Returns how many this call lapsed.
 */
export async function lapseStale(db: Database, scope: Where, now: Date, batches = 1): Promise<number> {
  const _ = db.command
  let lapsed = 0
  for (let batch = 0; batch < batches; batch += 1) {
    const due = await db
      .collection<BookingDoc>('bookings')
      .where({ ...scope, status: 'pending', startAt: _.lte(now) })
      .orderBy('startAt', 'asc')
      .limit(LAPSE_BATCH)
      .get()
    for (const booking of due.data) if ((await lapseBooking(db, booking._id, now)).changed) lapsed += 1
    if (due.data.length < LAPSE_BATCH) break
  }
  return lapsed
}

/** pending → approved. Failures in order: NOT_FOUND, INVALID_STATE (decided, or lapsed: its time came undecided). */
export function approveBooking(db: Database, bookingId: string, staffId: string, now: Date): Promise<BookingDoc> {
  return moveOrLapse(db, bookingId, now, async (tx, booking) => {
    if (booking.status !== 'pending') throw notPending(booking)
    // Deciding is staff reading the booking: an unchecked purpose is settled with it.
    return moved(tx, booking, { status: 'approved', decidedAt: now, decidedBy: staffId, contentReview: null, updatedAt: now })
  })
}

/** pending → refused, freeing the slots. Failures in order: NOT_FOUND, INVALID_STATE (decided or lapsed). */
export function refuseBooking(db: Database, bookingId: string, staffId: string, reason: string, now: Date): Promise<BookingDoc> {
  return moveOrLapse(db, bookingId, now, async (tx, booking) => {
    if (booking.status !== 'pending') throw notPending(booking)
    await freeSlots(tx, booking)
    return moved(tx, booking, { status: 'refused', decidedAt: now, decidedBy: staffId, refuseReason: reason, contentReview: null, updatedAt: now })
  })
}

export interface Canceller {
  userId: string
  /** Staff of the booking's community cancel any time, with a reason. */
  isStaff: boolean
}

/**
 * pending | approved → cancelled, freeing the slots. Failures in order:
 * NOT_FOUND, FORBIDDEN (neither the booker nor staff), INVALID_STATE
 * (ended, or lapsed), CUTOFF_PASSED (the booker, after the venue's cut-off).
 */
export function cancelBooking(db: Database, bookingId: string, who: Canceller, reason: string, now: Date): Promise<BookingDoc> {
  const mayCancel = (booking: BookingDoc): void => {
    if (booking.userId !== who.userId && !who.isStaff) throw new AppError('FORBIDDEN', '只能取消自己的预约')
  }
  return moveOrLapse(
    db,
    bookingId,
    now,
    async (tx, booking) => {
      if (!holdingStatuses.includes(booking.status)) throw new AppError('INVALID_STATE', booking.status === 'lapsed' ? LAPSED : '这个预约已结束，不能取消')
      // Staff cancelling their own booking still act as staff: the cut-off protects other bookers' planning, not staff's.
      if (!who.isStaff) {
        const venue = (await tx.collection<VenueDoc>('venues').doc(booking.venueId).get()).data
        const cutoff = cancelCutoff(booking, { cancelHours: venue?.cancelHours ?? 0 })
        if (now.getTime() > cutoff.getTime()) throw new AppError('CUTOFF_PASSED', `开始前 ${venue?.cancelHours ?? 0} 小时内不能自行取消，请联系社区工作人员`)
      }
      await freeSlots(tx, booking)
      return moved(tx, booking, { status: 'cancelled', cancelledAt: now, cancelledBy: who.userId, cancelReason: reason, updatedAt: now })
    },
    mayCancel,
  )
}
