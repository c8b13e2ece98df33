import { roundHours } from '../points/model'
import { emptyCounters, statsFields, type StatsCounters } from '../stats'

const HOUR_MS = 3600 * 1000

/**
 * What some communities did in some months, in a form that adds up: the
 * roll-ups' counters (lib/stats) and the activities held. Distinct
 * participants do not add up across months or communities; they are counted
 * per view from the participation markers (overview.ts).
 */
export interface Tally extends StatsCounters {
  activitiesHeld: number
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

export const emptyTally = (): Tally => ({ ...emptyCounters(), activitiesHeld: 0 })

export function addTally(into: Tally, from: Partial<Tally>): Tally {
  for (const field of [...statsFields, 'activitiesHeld'] as const) into[field] += from[field] ?? 0
  return into
}

const round1 = (value: number): number => Math.round(value * 10) / 10

export function toFigures(tally: Tally, participants: number): Figures {
  return {
    activitiesHeld: tally.activitiesHeld,
    participants,
    attendances: tally.attendances,
    volunteerHours: roundHours(tally.volunteerCentihours / 100),
    pointsIssued: tally.pointsIssued,
    pointsRedeemed: tally.pointsRedeemed,
    wishes: { posted: tally.wishesPosted, claimed: tally.wishesClaimed, fulfilled: tally.wishesFulfilled },
    suggestions: {
      received: tally.suggestionsReceived,
      closed: tally.suggestionsClosed,
      averageResponseHours: tally.suggestionsReplied ? round1(tally.responseMs / HOUR_MS / tally.suggestionsReplied) : null,
      replied: tally.suggestionsReplied,
    },
    bookings: tally.bookings,
    satisfaction: { ratings: tally.ratings, satisfied: tally.satisfied, rate: tally.ratings ? tally.satisfied / tally.ratings : null },
  }
}
