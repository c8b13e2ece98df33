/**
 * Dashboard roll-ups, kept as events happen so that no report rescans
 * history (a leaf service: domains write through these ports and never read
 * the dashboard; lib/dashboard reads them).
 *
 * - `stats`: per community × Beijing month, the additive figures. Each month
 *   of a community is split over STATS_SHARDS (32) documents
 *   (`<communityId>:<YYYY-MM>:<shard>`, the shard picked from the event's
 *   subject), so ten confirmations running at once do not all write one
 *   document and abort each other (CloudBase transactions conflict on
 *   write-write). A report adds the shards up: a 街道 year is
 *   10 × 12 × 32 small documents, four reads.
 * - `participations`: one marker per person, scope (community or 街道) and
 *   period (month or year), `<scopeId>:<period>:<userId>`, so "distinct
 *   participants" of any view is one count, and a person who served in two
 *   communities is one participant of the 街道.
 *
 * `statsIn` / `participationIn` run inside the event's own transaction, so a
 * figure moves exactly when its event commits. Events written with a single
 * conditional update (no transaction) call `statsAdd` right after the
 * winning write: an atomic `inc`. A crash between the two leaves that figure
 * one short until `npm run rebuild-stats`; `npm run audit` finds it.
 */
import type { BaseDoc, Database, Transaction } from '../db/types'
import { chinaMonth, chinaYear } from '../shared/china-time'

export const statsFields = [
  'attendances',
  /** Volunteer hours × 100: integers add up exactly. */
  'volunteerCentihours',
  'pointsIssued',
  'pointsRedeemed',
  'wishesPosted',
  'wishesClaimed',
  'wishesFulfilled',
  'suggestionsReceived',
  'suggestionsClosed',
  /** Suggestions first replied to, and the sum of their response times in ms (an integer). */
  'suggestionsReplied',
  'responseMs',
  /** Approved bookings by the day of use. */
  'bookings',
  /** 群众评议 given (wish confirmations with stars, commitment ratings, suggestion ratings), and those of 4–5 stars. */
  'ratings',
  'satisfied',
] as const
export type StatsField = (typeof statsFields)[number]
export type StatsCounters = Record<StatsField, number>
export type StatsChange = Partial<StatsCounters>

export interface StatsDoc extends BaseDoc, StatsCounters {
  communityId: string
  /** 'YYYY-MM', Beijing. */
  month: string
  shard: number
}

export interface ParticipationDoc extends BaseDoc {
  /** A community or a 街道. */
  scopeId: string
  /** 'YYYY-MM' or 'YYYY', Beijing. */
  period: string
  userId: string
}

export const STATS_SHARDS = 32

export const statsDocId = (communityId: string, month: string, shard: number): string => `${communityId}:${month}:${shard}`
export const participationId = (scopeId: string, period: string, userId: string): string => `${scopeId}:${period}:${userId}`

export const emptyCounters = (): StatsCounters => Object.fromEntries(statsFields.map((field) => [field, 0])) as StatsCounters

/** FNV-1a: the same subject always lands on the same shard. */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % STATS_SHARDS
}

/** Where an event counts: its community, its Beijing month (an instant, or a 'YYYY-MM-DD' day of use) and the subject that picks the shard. */
export interface StatsEvent {
  communityId: string
  at: Date | string
  subject: string
}

const monthOf = (at: Date | string): string => (typeof at === 'string' ? at.slice(0, 7) : chinaMonth(at))

const nonZero = (change: StatsChange): Array<[StatsField, number]> =>
  (Object.entries(change) as Array<[StatsField, number | undefined]>).filter((entry): entry is [StatsField, number] => typeof entry[1] === 'number' && entry[1] !== 0)

/**
 * Inside the event's transaction: adds `change` to the event's month. Reads
 * and writes the shard (read-your-writes: two changes in one transaction
 * add up), so the transaction conflicts with a concurrent one on the same
 * shard and is retried, never losing a count.
 */
export function statsIn(tx: Transaction, event: StatsEvent, change: StatsChange): Promise<void> {
  // A transaction's writers run in parallel (one round trip per phase), and two of them may change the same
  // shard: each change is a read-modify-write of the transaction's copy, so they take turns, per transaction.
  const previous = pending.get(tx) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(() => applyStatsIn(tx, event, change))
  pending.set(tx, next)
  return next
}

const pending = new WeakMap<Transaction, Promise<void>>()

async function applyStatsIn(tx: Transaction, event: StatsEvent, change: StatsChange): Promise<void> {
  const changes = nonZero(change)
  if (changes.length === 0) return
  const month = monthOf(event.at)
  const shard = shardOf(event.subject)
  const ref = tx.collection<StatsDoc>('stats').doc(statsDocId(event.communityId, month, shard))
  const current = (await ref.get()).data
  const next: Omit<StatsDoc, '_id'> = current ? { ...stripId(current) } : { communityId: event.communityId, month, shard, ...emptyCounters() }
  for (const [field, by] of changes) next[field] = (next[field] ?? 0) + by
  await ref.set(next)
}

const stripId = (doc: StatsDoc): Omit<StatsDoc, '_id'> => {
  const { _id: _ignored, ...rest } = doc
  return rest
}

/**
 * Outside a transaction, right after the event's own winning write: an
 * atomic increment of the shard, creating it on first use.
 */
export async function statsAdd(db: Database, event: StatsEvent, change: StatsChange): Promise<void> {
  const changes = nonZero(change)
  if (changes.length === 0) return
  const month = monthOf(event.at)
  // An atomic increment conflicts with nobody, so it needs no spreading: shard 0, the one the seeds and
  // rebuild-stats write, so it exists after the month's first event and an add costs one round trip.
  const shard = 0
  const id = statsDocId(event.communityId, month, shard)
  const stats = db.collection<StatsDoc>('stats')
  const incs = Object.fromEntries(changes.map(([field, by]) => [field, db.command.inc(by)]))
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if ((await stats.where({ _id: id }).update(incs)).updated === 1) return
    try {
      const fresh = { communityId: event.communityId, month, shard, ...emptyCounters() }
      for (const [field, by] of changes) fresh[field] += by
      await stats.doc(id).create(fresh)
      return
    } catch (error) {
      // Another event created the shard first: add to it.
      if ((error as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw error
    }
  }
  throw new Error(`stats: could not add to ${id}`)
}

/**
 * Inside a confirmation's transaction: marks the person as a participant of
 * the community and of its 街道, for the month and the year. `set` is
 * idempotent, so a second attendance in the period changes nothing.
 */
export async function participationIn(tx: Transaction, event: { communityId: string; districtId: string | null; at: Date; userId: string }): Promise<void> {
  const scopes = event.districtId ? [event.communityId, event.districtId] : [event.communityId]
  const periods = [chinaMonth(event.at), String(chinaYear(event.at))]
  const markers = tx.collection<ParticipationDoc>('participations')
  await Promise.all(
    scopes.flatMap((scopeId) => periods.map((period) => markers.doc(participationId(scopeId, period, event.userId)).set({ scopeId, period, userId: event.userId }))),
  )
}

/** The figures a 群众评议 adds: one rating, satisfied at 4 or 5 stars. */
export const ratingChange = (score: number): StatsChange => ({ ratings: 1, satisfied: score >= 4 ? 1 : 0 })
