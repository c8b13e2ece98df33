import type { BaseDoc, Database, Where } from '../db/types'
import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import { roundHours, type EntryDoc } from '../points/model'
import type { RedemptionDoc } from '../shop/model'
import type { RatingDoc } from '../units/model'
import type { WishDoc } from '../wishes/model'
import { readAll } from '../shared/paging'
import type { Span } from './period'

/** A 街道's busiest year is tens of thousands of attendances; past this the figure would be wrong, so it refuses. */
const ALL_ROWS = { cap: 200_000, message: '数据量过大，请按月或按社区查看' }
const HOUR_MS = 3600 * 1000

/** The fields of the suggestions collection the dashboard reads (shared contract of issue 6). */
interface SuggestionFields extends BaseDoc {
  communityId: string
  createdAt: Date
  repliedAt?: Date
  closedAt?: Date
  rating?: { score: number; at: Date }
}

/**
 * What one community did in one span, in a form that adds up across
 * communities: people as a set (one person serving two communities is one
 * participant of the 街道), averages as sums and counts.
 */
export interface Tally {
  activitiesHeld: number
  participants: Set<string>
  attendances: number
  volunteerHours: number
  pointsIssued: number
  pointsRedeemed: number
  wishesPosted: number
  wishesClaimed: number
  wishesFulfilled: number
  suggestionsReceived: number
  suggestionsClosed: number
  responseHoursSum: number
  suggestionsReplied: number
  bookings: number
  ratings: number
  /** Ratings of 4 or 5 stars. */
  satisfied: number
}

export interface Figures {
  /**
   * Activities held in the period: those that ended in it (and have ended),
   * not cancelled, and every activity with an attendance confirmed in it — so
   * the figure and `participants` are counted the same way, and a period
   * with participants never shows 0 activities.
   */
  activitiesHeld: number
  /** Distinct people with an attendance confirmed in the period. */
  participants: number
  attendances: number
  volunteerHours: number
  /** Σ positive earn entries. */
  pointsIssued: number
  /** Σ points of redemptions picked up. */
  pointsRedeemed: number
  wishes: { posted: number; claimed: number; fulfilled: number }
  suggestions: {
    received: number
    closed: number
    /** Over the suggestions first replied to in the period; null when none was. */
    averageResponseHours: number | null
    replied: number
  }
  /** Approved bookings whose day falls in the period. */
  bookings: number
  /** 群众评议 over wish confirmations, commitment ratings and suggestion ratings given in the period. */
  satisfaction: { ratings: number; satisfied: number; rate: number | null }
}

export const emptyTally = (): Tally => ({
  activitiesHeld: 0,
  participants: new Set(),
  attendances: 0,
  volunteerHours: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  wishesPosted: 0,
  wishesClaimed: 0,
  wishesFulfilled: 0,
  suggestionsReceived: 0,
  suggestionsClosed: 0,
  responseHoursSum: 0,
  suggestionsReplied: 0,
  bookings: 0,
  ratings: 0,
  satisfied: 0,
})

export function addTally(into: Tally, from: Tally): Tally {
  for (const userId of from.participants) into.participants.add(userId)
  for (const key of Object.keys(from) as Array<keyof Tally>) {
    if (key === 'participants') continue
    into[key] += from[key]
  }
  return into
}

const round1 = (value: number): number => Math.round(value * 10) / 10

export function toFigures(tally: Tally): Figures {
  return {
    activitiesHeld: tally.activitiesHeld,
    participants: tally.participants.size,
    attendances: tally.attendances,
    volunteerHours: roundHours(tally.volunteerHours),
    pointsIssued: tally.pointsIssued,
    pointsRedeemed: tally.pointsRedeemed,
    wishes: { posted: tally.wishesPosted, claimed: tally.wishesClaimed, fulfilled: tally.wishesFulfilled },
    suggestions: {
      received: tally.suggestionsReceived,
      closed: tally.suggestionsClosed,
      averageResponseHours: tally.suggestionsReplied ? round1(tally.responseHoursSum / tally.suggestionsReplied) : null,
      replied: tally.suggestionsReplied,
    },
    bookings: tally.bookings,
    satisfaction: { ratings: tally.ratings, satisfied: tally.satisfied, rate: tally.ratings ? tally.satisfied / tally.ratings : null },
  }
}


const countOf = async (db: Database, collection: string, where: Where): Promise<number> => (await db.collection(collection).where(where).count()).total

/**
 * One community's tally for one span. Every query names the community and a
 * range on an indexed time field (see schema.ts), so it reads only the
 * period's records; sums page through just the fields they add up.
 */
export async function tallyCommunity(db: Database, communityId: string, span: Span, now: Date): Promise<Tally> {
  const _ = db.command
  const within = _.and(_.gte(span.start), _.lt(span.end))
  // Held means over: an activity ending later this month has not been held yet.
  const heldUntil = new Date(Math.min(span.end.getTime(), now.getTime()))
  const ended = _.and(_.gte(span.start), _.lt(heldUntil))
  const heldIds = () =>
    heldUntil > span.start
      ? readAll(db.collection<ActivityDoc>('activities').where({ communityId, status: _.in(['published', 'finished']), endAt: ended }).field({ _id: true }), ALL_ROWS)
      : Promise.resolve([] as Array<Pick<ActivityDoc, '_id'>>)

  // The queries are independent; in CloudBase each is a round trip, so they go out together.
  const [
    endedActivities,
    attendances,
    earned,
    picked,
    wishesPosted,
    wishesClaimed,
    wishesFulfilled,
    suggestionsReceived,
    suggestionsClosed,
    replied,
    bookings,
    confirmed,
    rated,
    ratedSuggestions,
  ] = await Promise.all([
    heldIds(),
    readAll(db.collection<EnrollmentDoc>('enrollments').where({ communityId, status: 'confirmed', confirmedAt: within }).field({ activityId: true, userId: true, hours: true }), ALL_ROWS),
    readAll(db.collection<EntryDoc>('entries').where({ communityId, kind: 'earn', createdAt: within }).field({ amount: true }), ALL_ROWS),
    readAll(db.collection<RedemptionDoc>('redemptions').where({ communityId, status: 'picked', closedAt: within }).field({ points: true }), ALL_ROWS),
    countOf(db, 'wishes', { communityId, createdAt: within }),
    countOf(db, 'claims', { communityId, createdAt: within }),
    countOf(db, 'wishes', { communityId, fulfilment: { at: within } }),
    countOf(db, 'suggestions', { communityId, createdAt: within }),
    countOf(db, 'suggestions', { communityId, status: 'closed', closedAt: within }),
    readAll(db.collection<SuggestionFields>('suggestions').where({ communityId, repliedAt: within }).field({ createdAt: true, repliedAt: true }), ALL_ROWS),
    // A booking is keyed by the day the venue is used ('YYYY-MM-DD'), not an instant.
    countOf(db, 'bookings', { communityId, status: 'approved', date: _.and(_.gte(span.startDate), _.lt(span.endDate)) }),
    readAll(db.collection<WishDoc>('wishes').where({ communityId, confirmation: { at: within } }).field({ confirmation: true }), ALL_ROWS),
    readAll(db.collection<RatingDoc>('ratings').where({ communityId, createdAt: within }).field({ score: true }), ALL_ROWS),
    readAll(db.collection<SuggestionFields>('suggestions').where({ communityId, rating: { at: within } }).field({ rating: true }), ALL_ROWS),
  ])

  const scores = [
    ...confirmed.flatMap((wish) => (wish.confirmation?.rating != null ? [wish.confirmation.rating] : [])),
    ...rated.map((rating) => rating.score),
    ...ratedSuggestions.flatMap((suggestion) => (suggestion.rating ? [suggestion.rating.score] : [])),
  ]
  return {
    activitiesHeld: new Set([...endedActivities.map((activity) => activity._id), ...attendances.map((attendance) => attendance.activityId)]).size,
    participants: new Set(attendances.map((attendance) => attendance.userId)),
    attendances: attendances.length,
    volunteerHours: attendances.reduce((sum, attendance) => sum + (attendance.hours ?? 0), 0),
    pointsIssued: earned.reduce((sum, entry) => sum + Math.max(0, entry.amount), 0),
    pointsRedeemed: picked.reduce((sum, redemption) => sum + redemption.points, 0),
    wishesPosted,
    wishesClaimed,
    wishesFulfilled,
    suggestionsReceived,
    suggestionsClosed,
    responseHoursSum: replied.reduce((sum, suggestion) => sum + (suggestion.repliedAt!.getTime() - suggestion.createdAt.getTime()) / HOUR_MS, 0),
    suggestionsReplied: replied.length,
    bookings,
    ratings: scores.length,
    satisfied: scores.filter((score) => score >= 4).length,
  }
}
