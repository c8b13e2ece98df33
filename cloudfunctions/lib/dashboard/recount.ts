/**
 * The roll-ups (lib/stats) recounted from every document, the way the
 * dashboard counted before it kept them: what `npm run rebuild-stats` writes
 * and what `npm run audit` compares them with. Reads one community at a
 * time, each collection with cursor paging, so memory and time grow with one
 * community, not the 街道.
 */
import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import type { BaseDoc, Database } from '../db/types'
import type { EntryDoc } from '../points/model'
import { chinaMonth, chinaYear } from '../shared/china-time'
import { readAll } from '../shared/paging'
import { DB_PARALLEL, mapBounded } from '../shared/parallel'
import type { RedemptionDoc } from '../shop/model'
import { emptyCounters, participationId, statsDocId, statsFields, type ParticipationDoc, type StatsCounters, type StatsDoc } from '../stats'
import type { RatingDoc } from '../units/model'
import type { CommunityDoc } from '../users/model'
import type { BookingDoc } from '../venues/model'
import type { ClaimDoc, WishDoc } from '../wishes/model'

/** A whole community's history; past this a recount would need a smarter tool than this one. */
const EVERY_ROW = { cap: 2_000_000, message: '数据量过大' }

interface SuggestionFields extends BaseDoc {
  createdAt: Date
  status: string
  repliedAt?: Date
  closedAt?: Date
  rating?: { score: number; at: Date }
}

export interface CommunityRecount {
  /** Counters by Beijing month 'YYYY-MM'; months with nothing are absent. */
  months: Map<string, StatsCounters>
  /** The participation markers the confirmed attendances imply (community and 街道 scope). */
  participations: ParticipationDoc[]
}

/** Every figure of one community, month by month, from its documents. */
export async function recountCommunity(db: Database, community: Pick<CommunityDoc, '_id' | 'districtId'>): Promise<CommunityRecount> {
  const communityId = community._id
  const [enrollments, entries, redemptions, wishes, claims, suggestions, bookings, ratings] = await Promise.all([
    readAll<EnrollmentDoc>(db, 'enrollments', { communityId, status: 'confirmed' }, EVERY_ROW, { userId: true, hours: true, confirmedAt: true }),
    readAll<EntryDoc>(db, 'entries', { communityId, kind: 'earn' }, EVERY_ROW, { amount: true, createdAt: true }),
    readAll<RedemptionDoc>(db, 'redemptions', { communityId, status: 'picked' }, EVERY_ROW, { points: true, closedAt: true }),
    readAll<WishDoc>(db, 'wishes', { communityId }, EVERY_ROW, { createdAt: true, fulfilment: true, confirmation: true }),
    readAll<ClaimDoc>(db, 'claims', { communityId }, EVERY_ROW, { createdAt: true }),
    readAll<SuggestionFields>(db, 'suggestions', { communityId }, EVERY_ROW, { createdAt: true, status: true, repliedAt: true, closedAt: true, rating: true }),
    readAll<BookingDoc>(db, 'bookings', { communityId, status: 'approved' }, EVERY_ROW, { date: true }),
    readAll<RatingDoc>(db, 'ratings', { communityId }, EVERY_ROW, { score: true, createdAt: true }),
  ])
  const months = new Map<string, StatsCounters>()
  const add = (month: string, field: keyof StatsCounters, by: number) => {
    const counters = months.get(month) ?? emptyCounters()
    counters[field] += by
    months.set(month, counters)
  }
  const at = (date: Date | null | undefined): string | null => (date instanceof Date ? chinaMonth(date) : null)
  const rate = (month: string | null, score: number | null | undefined) => {
    if (!month || score == null) return
    add(month, 'ratings', 1)
    if (score >= 4) add(month, 'satisfied', 1)
  }

  const participations = new Map<string, ParticipationDoc>()
  const scopes = community.districtId ? [communityId, community.districtId] : [communityId]
  for (const enrollment of enrollments) {
    const month = at(enrollment.confirmedAt)
    if (!month) continue
    add(month, 'attendances', 1)
    add(month, 'volunteerCentihours', Math.round((enrollment.hours ?? 0) * 100))
    for (const scopeId of scopes) {
      for (const period of [month, String(chinaYear(enrollment.confirmedAt!))]) {
        const id = participationId(scopeId, period, enrollment.userId)
        participations.set(id, { _id: id, scopeId, period, userId: enrollment.userId })
      }
    }
  }
  for (const entry of entries) if (entry.amount > 0) add(chinaMonth(entry.createdAt), 'pointsIssued', entry.amount)
  for (const redemption of redemptions) if (redemption.closedAt) add(chinaMonth(redemption.closedAt), 'pointsRedeemed', redemption.points)
  for (const wish of wishes) {
    add(chinaMonth(wish.createdAt), 'wishesPosted', 1)
    const fulfilled = at(wish.fulfilment?.at)
    if (fulfilled) add(fulfilled, 'wishesFulfilled', 1)
    rate(at(wish.confirmation?.at), wish.confirmation?.rating)
  }
  for (const claim of claims) add(chinaMonth(claim.createdAt), 'wishesClaimed', 1)
  for (const suggestion of suggestions) {
    add(chinaMonth(suggestion.createdAt), 'suggestionsReceived', 1)
    if (suggestion.status === 'closed' && suggestion.closedAt) add(chinaMonth(suggestion.closedAt), 'suggestionsClosed', 1)
    if (suggestion.repliedAt) {
      add(chinaMonth(suggestion.repliedAt), 'suggestionsReplied', 1)
      add(chinaMonth(suggestion.repliedAt), 'responseMs', suggestion.repliedAt.getTime() - suggestion.createdAt.getTime())
    }
    rate(at(suggestion.rating?.at), suggestion.rating?.score)
  }
  for (const booking of bookings) add(booking.date.slice(0, 7), 'bookings', 1)
  for (const rating of ratings) rate(chinaMonth(rating.createdAt), rating.score)
  return { months, participations: [...participations.values()] }
}

/** The stored roll-ups of one community, the shards added up, by month. */
export async function storedMonths(db: Database, communityId: string): Promise<Map<string, StatsCounters>> {
  const months = new Map<string, StatsCounters>()
  for (const doc of await readAll<StatsDoc>(db, 'stats', { communityId }, EVERY_ROW)) {
    const counters = months.get(doc.month) ?? emptyCounters()
    for (const field of statsFields) counters[field] += doc[field] ?? 0
    months.set(doc.month, counters)
  }
  return months
}

const allCommunities = (db: Database) => readAll<CommunityDoc>(db, 'communities', {}, EVERY_ROW, { districtId: true })

export interface RebuildProgress {
  /** The last community rebuilt, in `_id` order; the next run starts after it. */
  after: string | null
  rebuilt: number
  done: boolean
}

/**
 * Recomputes the roll-ups of every community from its documents (run it
 * while nobody writes, like the audit): per community, its stats shards are
 * replaced by one document a month holding the totals, and its participation
 * markers by the recounted ones. Community by community in `_id` order,
 * starting after `from`, until `deadline` (wall clock): call it again with
 * the returned `after` to go on.
 */
export async function rebuildStats(db: Database, options: { from?: string | null; deadline?: number } = {}): Promise<RebuildProgress> {
  const communities = (await allCommunities(db)).sort((a, b) => (a._id < b._id ? -1 : 1)).filter((community) => !options.from || community._id > options.from)
  let after = options.from ?? null
  let rebuilt = 0
  for (const community of communities) {
    // At least one community a call, so a short deadline still moves on.
    if (rebuilt > 0 && options.deadline !== undefined && Date.now() >= options.deadline) return { after, rebuilt, done: false }
    const recount = await recountCommunity(db, community)
    await db.collection('stats').where({ communityId: community._id }).remove()
    await db.collection('participations').where({ scopeId: community._id }).remove()
    await mapBounded([...recount.months], DB_PARALLEL, ([month, counters]) =>
      db.collection<StatsDoc>('stats').doc(statsDocId(community._id, month, 0)).set({ communityId: community._id, month, shard: 0, ...counters }),
    )
    // set(): a 街道's markers are shared by its communities, so writing one twice is harmless.
    await mapBounded(recount.participations, DB_PARALLEL, ({ _id, ...marker }) => db.collection<ParticipationDoc>('participations').doc(_id).set(marker))
    after = community._id
    rebuilt += 1
  }
  return { after, rebuilt, done: true }
}

export interface StatsAudit {
  communities: number
  months: number
  participations: number
  problems: string[]
}

/** Every community's stored roll-ups against a recount from its documents. */
export async function auditStats(db: Database): Promise<StatsAudit> {
  const problems: string[] = []
  const communities = await allCommunities(db)
  let months = 0
  let markers = 0
  const expectedByDistrict = new Map<string, Set<string>>()
  for (const community of communities) {
    const [recount, stored] = await Promise.all([recountCommunity(db, community), storedMonths(db, community._id)])
    for (const month of new Set([...recount.months.keys(), ...stored.keys()])) {
      months += 1
      const want = recount.months.get(month) ?? emptyCounters()
      const have = stored.get(month) ?? emptyCounters()
      const wrong = statsFields.filter((field) => want[field] !== have[field])
      if (wrong.length) problems.push(`stats ${community._id} ${month}: ${wrong.map((field) => `${field} ${have[field]} ≠ recount ${want[field]}`).join(', ')}`)
    }
    const own = new Set(recount.participations.filter((marker) => marker.scopeId === community._id).map((marker) => marker._id))
    const storedOwn = (await readAll<ParticipationDoc>(db, 'participations', { scopeId: community._id }, EVERY_ROW, { _id: true })).map((marker) => marker._id)
    markers += storedOwn.length
    compareSets(`participations of ${community._id}`, own, storedOwn, problems)
    if (community.districtId) {
      const set = expectedByDistrict.get(community.districtId) ?? new Set<string>()
      for (const marker of recount.participations) if (marker.scopeId === community.districtId) set.add(marker._id)
      expectedByDistrict.set(community.districtId, set)
    }
  }
  for (const [districtId, expected] of expectedByDistrict) {
    const stored = (await readAll<ParticipationDoc>(db, 'participations', { scopeId: districtId }, EVERY_ROW, { _id: true })).map((marker) => marker._id)
    markers += stored.length
    compareSets(`participations of 街道 ${districtId}`, expected, stored, problems)
  }
  return { communities: communities.length, months, participations: markers, problems }
}

function compareSets(name: string, expected: Set<string>, stored: string[], problems: string[]): void {
  const have = new Set(stored)
  const missing = [...expected].filter((id) => !have.has(id))
  const extra = stored.filter((id) => !expected.has(id))
  if (missing.length) problems.push(`${name}: ${missing.length} missing, e.g. ${missing.slice(0, 3).join(', ')}`)
  if (extra.length) problems.push(`${name}: ${extra.length} without a confirmed attendance, e.g. ${extra.slice(0, 3).join(', ')}`)
}

/** Activities held (ended, not cancelled) of some communities in [start, end), by community and Beijing month: few rows, read directly. */
export async function activitiesHeld(db: Database, communityIds: string[], start: Date, end: Date): Promise<Map<string, number>> {
  const held = new Map<string, number>()
  if (end <= start || communityIds.length === 0) return held
  const _ = db.command
  const rows = await readAll<ActivityDoc>(
    db,
    'activities',
    { communityId: _.in(communityIds), status: _.in(['published', 'finished']), endAt: _.and(_.gte(start), _.lt(end)) },
    EVERY_ROW,
    { communityId: true, endAt: true },
  )
  for (const row of rows) {
    const key = `${row.communityId}:${chinaMonth(row.endAt)}`
    held.set(key, (held.get(key) ?? 0) + 1)
  }
  return held
}
