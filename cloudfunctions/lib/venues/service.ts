import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Database } from '../db/types'
import { queueReminder } from '../reminders'
import { beijingTime } from '../reminders/model'
import type { ActionContext, GuardContext, SystemContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { allCommunityIds } from '../runtime/timers'
import { DB_PARALLEL, mapBounded, mapWithin } from '../shared/parallel'
import { recordAudit } from '../shared/audit'
import { holdIf } from '../shared/content-review'
import { requireUser } from '../shared/caller'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { calendarDay, id, paging, photoId, text, type Page } from '../shared/schemas'
import {
  bookingStatuses,
  closureOn,
  holdingStatuses,
  isStale,
  lastBookableDate,
  slotLengths,
  slotsOn,
  toBookingView,
  toStaffBookingView,
  toVenueCard,
  instantOf,
  type BookingDoc,
  type BookingView,
  type StaffBookingView,
  type VenueCard,
  type VenueDoc,
  type VenueSlotDoc,
} from './model'
import { approveBooking, bookSlots, cancelBooking, lapseBooking, lapseStale, refuseBooking, writeVenueDay } from './transitions'
import { withTransaction } from '../shared/transaction'
import { addDays, chinaDate, minutesOf, weekdayOf } from '../shared/china-time'

// ---------------------------------------------------------------- inputs

const date = calendarDay()
/** Slot boundaries fall on the hour or half hour, so every slot length divides the day evenly. */
const clock = z.string().regex(/^(([01]\d|2[0-3]):(00|30)|24:00)$/, '时间格式应为 HH:mm（整点或半点）')
const startClock = z.string().regex(/^([01]\d|2[0-3]):(00|30)$/, '时间格式应为 HH:mm（整点或半点）')

const openingHours = z
  .array(z.object({ weekday: z.number().int().min(1).max(7), open: clock, close: clock }).strict())
  .min(1, '请至少设置一个开放时段')
  .max(21)
  .superRefine((intervals, issues) => {
    for (const [i, interval] of intervals.entries()) {
      if (minutesOf(interval.open) >= minutesOf(interval.close)) issues.addIssue({ code: 'custom', message: '结束时间应晚于开始时间', path: [i, 'close'] })
      for (const other of intervals.slice(i + 1)) {
        const overlaps = other.weekday === interval.weekday && minutesOf(other.open) < minutesOf(interval.close) && minutesOf(interval.open) < minutesOf(other.close)
        if (overlaps) issues.addIssue({ code: 'custom', message: '同一天的开放时段不能重叠', path: [i] })
      }
    }
  })

const venueFields = {
  name: text(30),
  location: text(60),
  description: z.string().trim().max(300).default(''),
  capacity: z.number().int().min(1).max(1000),
  facilities: z.array(text(20)).max(20).default([]),
  photos: z.array(photoId).max(6, '最多 6 张图片').default([]),
  openingHours,
  slotMinutes: z.union(slotLengths.map((length) => z.literal(length)) as [z.ZodLiteral<30>, z.ZodLiteral<60>, z.ZodLiteral<120>]),
  bookingDays: z.number().int().min(1).max(90),
  needsApproval: z.boolean(),
  cancelHours: z.number().int().min(0).max(168),
  active: z.boolean().default(true),
}

/** Without venueId: a new venue of `communityId`; with it: replaces the venue's settings (its community never moves). */
export const saveInput = z
  .object({ venueId: id.optional(), communityId: id, ...venueFields })
  .strict()

export const listInput = z.object({ communityId: id.optional() }).strict()

export const detailInput = z.object({ venueId: id, date: date.optional() }).strict()

export const closeInput = z
  .object({ venueId: id, from: date, to: date, reason: text(60) })
  .strict()
  .refine((input) => input.from <= input.to, { message: '结束日期不能早于开始日期', path: ['to'] })

export const reopenInput = z.object({ venueId: id, closureId: id }).strict()

export const bookInput = z
  .object({
    venueId: id,
    date,
    start: startClock,
    slotCount: z.number().int().min(1).max(8).default(1),
    purpose: text(100),
    attendees: z.number().int().min(1).max(1000),
  })
  .strict()

export const bookingInput = z.object({ bookingId: id }).strict()

export const cancelInput = z.object({ bookingId: id, reason: z.string().trim().max(200).default('') }).strict()

export const refuseInput = z.object({ bookingId: id, reason: z.string().trim().min(2, '请写明原因').max(200) }).strict()

export const mineInput = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming'), ...paging }).strict()

export const dayInput = z.object({ communityId: id, date }).strict()

export const bookingsInput = z.object({ communityId: id, status: z.enum(bookingStatuses).default('pending'), ...paging }).strict()

// ---------------------------------------------------------------- helpers

async function loadVenue(db: Database, venueId: string): Promise<VenueDoc> {
  return loadDoc<VenueDoc>(db, 'venues', venueId, '场地不存在')
}

async function loadBooking(db: Database, bookingId: string): Promise<BookingDoc> {
  return loadDoc<BookingDoc>(db, 'bookings', bookingId, '预约不存在')
}

/** The guard checks roles in the venue's own community, never one the caller names. */
export async function venueCommunity(input: { venueId: string }, { db }: GuardContext): Promise<string> {
  return (await loadVenue(db, input.venueId)).communityId
}

export async function bookingCommunity(input: { bookingId: string }, { db }: GuardContext): Promise<string> {
  return (await loadBooking(db, input.bookingId)).communityId
}

/** A new venue belongs to the community named; an existing one to its own (a mismatch is refused in the handler). */
export async function saveCommunity(input: { venueId?: string; communityId: string }, ctx: GuardContext): Promise<string> {
  return input.venueId ? venueCommunity({ venueId: input.venueId }, ctx) : input.communityId
}

const isStaff = (ctx: ActionContext): boolean => ctx.roles.has('staff')
const mayBook = (ctx: ActionContext): boolean => ctx.roles.has('member') || ctx.roles.has('liaison') || ctx.roles.has('staff')

const VENUE_LIMIT = 100
const DAY_BOOKING_LIMIT = 1000

async function venuesOf(db: Database, communityId: string): Promise<VenueDoc[]> {
  return (await db.collection<VenueDoc>('venues').where({ communityId }).orderBy('createdAt', 'asc').limit(VENUE_LIMIT).get()).data
}

// ---------------------------------------------------------------- venues

export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<VenueCard[]> {
  const communityId = input.communityId ?? ctx.community?._id
  if (!communityId) throw new AppError('VALIDATION_FAILED', '请选择社区')
  const today = chinaDate(ctx.now())
  const venues = await venuesOf(ctx.db, communityId)
  return venues.filter((venue) => venue.active || isStaff(ctx)).map((venue) => toVenueCard(venue, today))
}

export type SlotState = 'free' | 'taken' | 'closed' | 'past'

export interface SlotView {
  start: string
  end: string
  state: SlotState
  /** The caller's own booking holds it. */
  mine: boolean
}

export interface DayOption {
  date: string
  weekday: number
  /** Opening hours that day and not closed. */
  open: boolean
}

export interface VenueDetail {
  venue: VenueCard
  date: string
  today: string
  lastDate: string
  /** The dates a booker can pick, today … lastDate. */
  days: DayOption[]
  slots: SlotView[]
  closure: { from: string; to: string; reason: string } | null
  /** The caller is a member, liaison or staff of the venue's community. */
  canBook: boolean
}

/** The venue and one day's slots: free, taken, closed or past. Who holds a slot is never shown here. */
export async function detail(input: z.output<typeof detailInput>, ctx: ActionContext): Promise<VenueDetail> {
  const venue = await loadVenue(ctx.db, input.venueId)
  if (!venue.active && !isStaff(ctx)) throw new AppError('NOT_FOUND', '场地已停用')
  const now = ctx.now()
  const today = chinaDate(now)
  const day = input.date ?? today
  const lastDate = lastBookableDate(venue, now)
  // Only a day that has begun can hold a stale booking.
  if (day <= today) await lapseStale(ctx.db, { venueId: venue._id, date: day }, now)
  const held = (
    await ctx.db.collection<VenueSlotDoc>('venueSlots').where({ venueId: venue._id, date: day }).limit(DAY_BOOKING_LIMIT).get()
  ).data
  const heldBy = new Map(held.map((slot) => [slot.start, slot.bookingId]))
  const mine = new Set<string>()
  const userId = ctx.caller.user?._id
  if (userId && held.length > 0) {
    const own = await ctx.db
      .collection<BookingDoc>('bookings')
      .where({ venueId: venue._id, date: day, userId })
      .limit(DAY_BOOKING_LIMIT)
      .get()
    for (const booking of own.data) mine.add(booking._id)
  }
  const closure = closureOn(venue, day)
  const slots = slotsOn(venue, day).map((slot): SlotView => {
    const bookingId = heldBy.get(slot.start)
    const state: SlotState = bookingId
      ? 'taken'
      : instantOf(day, slot.start).getTime() <= now.getTime()
        ? 'past'
        : closure
          ? 'closed'
          : 'free'
    return { ...slot, state, mine: bookingId !== undefined && mine.has(bookingId) }
  })
  const days: DayOption[] = []
  for (let d = today; d <= lastDate; d = addDays(d, 1)) {
    days.push({ date: d, weekday: weekdayOf(d), open: slotsOn(venue, d).length > 0 && !closureOn(venue, d) })
  }
  return {
    venue: toVenueCard(venue, today),
    date: day,
    today,
    lastDate,
    days,
    slots,
    closure: closure ? { from: closure.from, to: closure.to, reason: closure.reason } : null,
    canBook: venue.active && mayBook(ctx),
  }
}

export async function save(input: z.output<typeof saveInput>, ctx: ActionContext): Promise<VenueCard> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const { venueId, communityId, ...fields } = input
  if (venueId) {
    const venue = await loadVenue(ctx.db, venueId)
    if (venue.communityId !== communityId) throw new AppError('FORBIDDEN', '场地不属于这个社区')
    // Hours and slot length apply to new bookings; existing ones keep the times they were booked for.
    await ctx.db.collection<VenueDoc>('venues').doc(venueId).update({ ...fields, openingHours: ctx.db.command.set(fields.openingHours), updatedAt: now })
    return toVenueCard({ ...venue, ...fields, updatedAt: now }, chinaDate(now))
  }
  const venue: Omit<VenueDoc, '_id'> = { communityId, ...fields, closures: [], createdBy: user._id, createdAt: now, updatedAt: now }
  const { id: newId } = await ctx.db.collection<VenueDoc>('venues').add(venue)
  return toVenueCard({ _id: newId, ...venue }, chinaDate(now))
}

export interface CloseResult {
  venue: VenueCard
  /** Bookings already holding slots in the range: staff decide about each (cancel with a reason, or keep). */
  affected: StaffBookingView[]
}

const MAX_CLOSURES = 30

/**
 * 维修 / 活动占用: closes the dates to new bookings. Bookings already made stay,
 * listed for staff to settle. The closure and the day documents of every
 * bookable day it covers are written in one transaction: a booking of one of
 * those days racing it writes the same day document, so either the booking
 * commits first (and is in `affected`, which is read after the commit) or it
 * re-runs and sees the closure.
 */
export async function close(input: z.output<typeof closeInput>, ctx: ActionContext): Promise<CloseResult> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const today = chinaDate(now)
  if (input.to < today) throw new AppError('VALIDATION_FAILED', '不能关闭已经过去的日期')
  const closure = { id: randomUUID().replace(/-/g, '').slice(0, 12), from: input.from, to: input.to, reason: input.reason, createdBy: user._id, createdAt: now }
  const { venue, closures } = await withTransaction(ctx.db, async (tx) => {
    const venue = (await tx.collection<VenueDoc>('venues').doc(input.venueId).get()).data
    if (!venue) throw new AppError('NOT_FOUND', '场地不存在')
    const current = venue.closures.filter((kept) => kept.to >= today)
    if (current.length >= MAX_CLOSURES) throw new AppError('LIMIT_EXCEEDED', `最多设置 ${MAX_CLOSURES} 个暂停开放时段`)
    const closures = [...current, closure]
    await tx.collection<VenueDoc>('venues').doc(venue._id).update({ closures: ctx.db.command.set(closures), updatedAt: now })
    // Only days a booking can reach need the guard; one day past the window covers a booking made across midnight.
    const first = input.from > today ? input.from : today
    const lastBookable = addDays(lastBookableDate(venue, now), 1)
    const last = input.to < lastBookable ? input.to : lastBookable
    const days: string[] = []
    for (let day = first; day <= last; day = addDays(day, 1)) days.push(day)
    for (let start = 0; start < days.length; start += GUARD_BATCH) {
      await Promise.all(days.slice(start, start + GUARD_BATCH).map((date) => writeVenueDay(tx, venue, date, `closure:${closure.id}`, now)))
    }
    return { venue, closures }
  })
  await recordAudit(ctx, { kind: 'venue.close', targetId: venue._id, communityId: venue.communityId, detail: { from: input.from, to: input.to }, reason: input.reason })
  const inRange = await ctx.db
    .collection<BookingDoc>('bookings')
    .where({ venueId: venue._id, date: ctx.db.command.and([ctx.db.command.gte(input.from), ctx.db.command.lte(input.to)]) })
    .limit(DAY_BOOKING_LIMIT)
    .get()
  return {
    venue: toVenueCard({ ...venue, closures, updatedAt: now }, today),
    affected: inRange.data.filter((booking) => holdingStatuses.includes(booking.status) && !isStale(booking, now)).map(toStaffBookingView),
  }
}

/** Day documents written at once inside the closure's transaction: CloudBase's basic tier has 20 connections. */
const GUARD_BATCH = 10

export async function reopen(input: z.output<typeof reopenInput>, ctx: ActionContext): Promise<VenueCard> {
  const now = ctx.now()
  const venue = await loadVenue(ctx.db, input.venueId)
  if (!venue.closures.some((closure) => closure.id === input.closureId)) throw new AppError('NOT_FOUND', '暂停开放时段不存在')
  const closures = venue.closures.filter((closure) => closure.id !== input.closureId)
  const { updated } = await ctx.db
    .collection<VenueDoc>('venues')
    .where({ _id: venue._id, updatedAt: venue.updatedAt })
    .update({ closures: ctx.db.command.set(closures), updatedAt: now })
  if (updated !== 1) throw new AppError('CONFLICT')
  return toVenueCard({ ...venue, closures, updatedAt: now }, chinaDate(now))
}

// ---------------------------------------------------------------- bookings

export async function book(input: z.output<typeof bookInput>, ctx: ActionContext): Promise<BookingView> {
  const user = requireUser(ctx)
  const verdict = await ctx.checkContent([input.purpose])
  const booking = await bookSlots(ctx.db, {
    venueId: input.venueId,
    date: input.date,
    start: input.start,
    slotCount: input.slotCount,
    purpose: input.purpose,
    attendees: input.attendees,
    user: { id: user._id, name: user.name, phone: user.phone },
    now: ctx.now(),
    held: holdIf(verdict),
  })
  return toBookingView(booking)
}

export async function approve(input: z.output<typeof bookingInput>, ctx: ActionContext): Promise<StaffBookingView> {
  const user = requireUser(ctx)
  const booking = await approveBooking(ctx.db, input.bookingId, user._id, ctx.now())
  await queueReminder(ctx, {
    userId: booking.userId,
    communityId: booking.communityId,
    reason: 'booking_approved',
    subjectId: booking._id,
    title: '场地预约已通过',
    // The keys the booking_approved template maps (reminders/messenger.ts): venue, time (start), note.
    fields: { venue: booking.venueName, time: beijingTime(new Date(booking.startAt)), note: `${booking.purpose}（至 ${booking.end}）` },
    page: '/packages/venues/pages/mine/index',
  })
  return toStaffBookingView(booking)
}

export async function refuse(input: z.output<typeof refuseInput>, ctx: ActionContext): Promise<StaffBookingView> {
  const user = requireUser(ctx)
  const booking = await refuseBooking(ctx.db, input.bookingId, user._id, input.reason, ctx.now())
  return toStaffBookingView(booking)
}

export async function cancel(input: z.output<typeof cancelInput>, ctx: ActionContext): Promise<BookingView> {
  const user = requireUser(ctx)
  const staff = isStaff(ctx)
  const booking = await loadBooking(ctx.db, input.bookingId)
  // Staff cancelling someone else's booking owe them a reason.
  if (staff && booking.userId !== user._id && input.reason.length < 2) throw new AppError('VALIDATION_FAILED', '请写明取消原因')
  const cancelled = await cancelBooking(ctx.db, input.bookingId, { userId: user._id, isStaff: staff }, input.reason, ctx.now())
  if (cancelled.userId !== user._id) {
    await recordAudit(ctx, { kind: 'booking.cancel', targetId: cancelled._id, communityId: cancelled.communityId, reason: input.reason })
  }
  return toBookingView(cancelled)
}

export interface MyBooking extends BookingView {
  /** The booker can still cancel it themselves. */
  canCancel: boolean
  cancelBefore: Date
}

export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<MyBooking>> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const _ = ctx.db.command
  await lapseStale(ctx.db, { userId: user._id }, now)
  const query = ctx.db
    .collection<BookingDoc>('bookings')
    .where({ userId: user._id, endAt: input.when === 'upcoming' ? _.gt(now) : _.lte(now) })
  const page = await pageOf(query, ['startAt', input.when === 'upcoming' ? 'asc' : 'desc'], input, (booking) => booking)
  const venueIds = [...new Set(page.items.map((booking) => booking.venueId))]
  const venues = venueIds.length
    ? (await ctx.db.collection<VenueDoc>('venues').where({ _id: _.in(venueIds) }).limit(venueIds.length).get()).data
    : []
  const cancelHours = new Map(venues.map((venue) => [venue._id, venue.cancelHours]))
  return {
    ...page,
    items: page.items.map((booking) => {
      const cancelBefore = new Date(new Date(booking.startAt).getTime() - (cancelHours.get(booking.venueId) ?? 0) * 3600 * 1000)
      return { ...toBookingView(booking), cancelBefore, canCancel: holdingStatuses.includes(booking.status) && now.getTime() <= cancelBefore.getTime() }
    }),
  }
}

export interface DaySlot {
  start: string
  end: string
  state: SlotState
  booking: StaffBookingView | null
}

export interface DayVenue {
  venue: Pick<VenueCard, 'id' | 'name' | 'location' | 'capacity' | 'needsApproval'>
  closure: { reason: string } | null
  slots: DaySlot[]
}

/** Staff day view: every venue of the community × its slots that day, with the booking and booker holding each. */
export async function day(input: z.output<typeof dayInput>, ctx: ActionContext): Promise<{ date: string; venues: DayVenue[] }> {
  const now = ctx.now()
  if (input.date <= chinaDate(now)) await lapseStale(ctx.db, { communityId: input.communityId, date: input.date }, now)
  const venues = (await venuesOf(ctx.db, input.communityId)).filter((venue) => venue.active)
  const bookings = (
    await ctx.db.collection<BookingDoc>('bookings').where({ communityId: input.communityId, date: input.date }).limit(DAY_BOOKING_LIMIT).get()
  ).data.filter((booking) => holdingStatuses.includes(booking.status))
  const holder = new Map<string, BookingDoc>()
  for (const booking of bookings) for (const start of booking.slots) holder.set(`${booking.venueId}:${start}`, booking)
  return {
    date: input.date,
    venues: venues.map((venue) => {
      const closure = closureOn(venue, input.date)
      return {
        venue: { id: venue._id, name: venue.name, location: venue.location, capacity: venue.capacity, needsApproval: venue.needsApproval },
        closure: closure ? { reason: closure.reason } : null,
        slots: slotsOn(venue, input.date).map((slot): DaySlot => {
          const booking = holder.get(`${venue._id}:${slot.start}`) ?? null
          const state: SlotState = booking ? 'taken' : instantOf(input.date, slot.start).getTime() <= now.getTime() ? 'past' : closure ? 'closed' : 'free'
          return { ...slot, state, booking: booking ? toStaffBookingView(booking) : null }
        }),
      }
    }),
  }
}

/**
 * Staff list by status: pending soonest first (what to decide next), the rest
 * newest first. Stale pending bookings lapse first, so the queue holds only
 * what can still be decided and the 已过期 tab what could not.
 */
export async function bookings(input: z.output<typeof bookingsInput>, ctx: ActionContext): Promise<Page<StaffBookingView>> {
  const now = ctx.now()
  const pending = input.status === 'pending'
  await lapseStale(ctx.db, { communityId: input.communityId }, now)
  // The bound keeps a stale booking beyond the lapse batch out of the queue until the next read lapses it.
  const query = ctx.db
    .collection<BookingDoc>('bookings')
    .where(pending ? { communityId: input.communityId, status: 'pending', startAt: ctx.db.command.gt(now) } : { communityId: input.communityId, status: input.status })
  return pageOf(query, ['startAt', pending ? 'asc' : 'desc'], input, toStaffBookingView)
}

/** Stale bookings of one community one timer run reads (CloudBase's largest page); more wait for the next tick. */
const LAPSE_SWEEP = 1000

/**
 * The timer: lapses every community's stale pending bookings, the ones no read
 * has come across. Reads a batch of each community's (a few at a time), then
 * lapses them ten at a time until the tick's deadline; whatever is left is
 * still stale on the next tick, which takes it (`pending` says how many).
 */
export async function lapseAllStale(ctx: SystemContext): Promise<Record<string, number>> {
  const now = ctx.now()
  const perCommunity = await mapBounded(await allCommunityIds(ctx.db), DB_PARALLEL, (communityId) =>
    ctx.db.collection<BookingDoc>('bookings').where({ communityId, status: 'pending', startAt: ctx.db.command.lte(now) }).field({ _id: true }).limit(LAPSE_SWEEP).get(),
  )
  const due = perCommunity.flatMap((page) => page.data.map((booking) => booking._id))
  const { results, remaining } = await mapWithin(due, DB_PARALLEL, ctx.deadline ?? Number.POSITIVE_INFINITY, (bookingId) => lapseBooking(ctx.db, bookingId, now))
  const lapsed = results.filter((outcome) => outcome.changed).length
  return remaining.length ? { lapsed, pending: remaining.length } : { lapsed }
}
