/**
 * The wish state machine. Every move is one transaction that re-reads the
 * wish (and its claim) first, so two racing callers both read the same
 * status, both try to commit, and the optimistic check lets exactly one
 * through; the other re-runs, reads the new status and fails with a typed
 * error. Claims collide on a deterministic `_id` (`<wishId>:<n>`) as well.
 *
 * Time decides before people: a claim past its due date is expired by
 * whichever transaction meets it first (a read, a release, a fulfilment, the
 * timer), exactly once, and that transaction commits the expiry even when the
 * caller's own move then fails — which is why moves return an outcome and
 * their callers throw after the commit.
 */
import type { Database, Transaction } from '../db/types'
import { readEarnIn } from '../points/ledger'
import { ratingChange, statsIn } from '../stats'
import { AppError, type ErrorCode } from '../runtime/errors'
import { withTransaction } from '../shared/transaction'
import { defaultCommunitySettings, type CommunityDoc } from '../users/model'
import { claimDocId, type ClaimDoc, type ClaimerType, type Confirmation, type Fulfilment, type WishDoc } from './model'

const DAY = 24 * 3600 * 1000

export function claimDays(community: CommunityDoc | null): number {
  const days = community?.settings?.claimDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 90 ? days : defaultCommunitySettings.claimDays
}

export function wishPoints(community: CommunityDoc | null): number {
  const points = community?.settings?.wishPoints
  return typeof points === 'number' && Number.isInteger(points) && points >= 0 && points <= 1000 ? points : defaultCommunitySettings.wishPoints
}

export const isOverdue = (wish: Pick<WishDoc, 'status' | 'claimDueAt'>, now: Date): boolean =>
  wish.status === 'claimed' && wish.claimDueAt !== null && new Date(wish.claimDueAt).getTime() <= now.getTime()

/** A failure found inside a transaction that must still commit what it did (an expiry). */
export interface Refusal {
  code: ErrorCode
  message: string
}

export interface Outcome {
  wish: WishDoc
  refusal: Refusal | null
  /** The wish's claim as the move left it, when the move read or wrote it (the caller need not read it again). */
  claim?: ClaimDoc | null
}

const refuse = (wish: WishDoc, code: ErrorCode, message: string): Outcome => ({ wish, refusal: { code, message } })
const done = (wish: WishDoc, claim?: ClaimDoc | null): Outcome => ({ wish, refusal: null, claim })

/** Throws the refusal after its transaction committed. */
export function settled(outcome: Outcome): WishDoc {
  if (outcome.refusal) throw new AppError(outcome.refusal.code, outcome.refusal.message)
  return outcome.wish
}

async function readWish(tx: Transaction, wishId: string): Promise<WishDoc> {
  const wish = (await tx.collection<WishDoc>('wishes').doc(wishId).get()).data
  if (!wish) throw new AppError('NOT_FOUND', '心愿不存在')
  return wish
}

/**
 * The wish and its claim, read together when the caller knows the claim's id
 * (from the guard's copy of the wish): one round trip. If the wish has moved
 * on to another claim since, that one is read after.
 */
async function readWishAndClaim(tx: Transaction, wishId: string, claimIdHint: string | null | undefined): Promise<{ wish: WishDoc; claim: ClaimDoc | null }> {
  const [wish, hinted] = await Promise.all([
    readWish(tx, wishId),
    claimIdHint ? tx.collection<ClaimDoc>('claims').doc(claimIdHint).get().then((read) => read.data) : Promise.resolve(null),
  ])
  if (!wish.claimId) return { wish, claim: null }
  if (hinted && hinted._id === wish.claimId) return { wish, claim: hinted }
  return { wish, claim: await readClaim(tx, wish.claimId) }
}

async function readClaim(tx: Transaction, claimId: string): Promise<ClaimDoc> {
  const claim = (await tx.collection<ClaimDoc>('claims').doc(claimId).get()).data
  if (!claim) throw new Error(`wish claim ${claimId} is missing`)
  return claim
}

/**
 * `update()` merges a nested object field by field (and cannot merge into
 * null), so whole objects — a fulfilment, a confirmation — are replaced with
 * `_.set`.
 */
async function updateWish(db: Database, tx: Transaction, wish: WishDoc, changes: Partial<Omit<WishDoc, '_id'>>): Promise<WishDoc> {
  const body: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(changes)) {
    body[field] = value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) ? db.command.set(value) : value
  }
  await tx.collection<WishDoc>('wishes').doc(wish._id).update(body)
  return { ...wish, ...changes }
}

/** Inside a transaction: expires the wish's claim when it is past due. Returns the wish as it now is. */
async function expireIfOverdueIn(db: Database, tx: Transaction, wish: WishDoc, now: Date): Promise<WishDoc> {
  if (!isOverdue(wish, now) || !wish.claimId) return wish
  const [, after] = await Promise.all([
    tx.collection<ClaimDoc>('claims').doc(wish.claimId).update({ status: 'expired', closedAt: now }),
    updateWish(db, tx, wish, { status: 'open', claimId: null, claimDueAt: null, updatedAt: now }),
  ])
  return after
}

/** Expires the claim of one wish if it is past due; `changed` is false when there was nothing to expire. */
export async function expireIfOverdue(db: Database, wishId: string, now: Date): Promise<{ wish: WishDoc; changed: boolean }> {
  return withTransaction(db, async (tx) => {
    const wish = await readWish(tx, wishId)
    const after = await expireIfOverdueIn(db, tx, wish, now)
    return { wish: after, changed: after !== wish }
  })
}

/** The caller's claim of this wish, as who they are: themselves, or a unit they are the liaison of. */
export interface Claimant {
  userId: string
  unitIds: readonly string[]
}

export const holdsClaim = (claim: Pick<ClaimDoc, 'claimerType' | 'claimerId' | 'actorId'>, who: Claimant): boolean =>
  claim.actorId === who.userId || (claim.claimerType === 'unit' && who.unitIds.includes(claim.claimerId))

export interface ClaimInput {
  wishId: string
  /** The wish's community, as the guard read it: its claimDays setting (the default without it). */
  community?: CommunityDoc | null
  claimerType: ClaimerType
  claimerId: string
  claimerName: string
  actorId: string
  now: Date
}

/** open → claimed. Failures in order: NOT_FOUND, NOT_CLAIMABLE, FORBIDDEN (own wish), ALREADY_CLAIMED. */
export function claimWish(db: Database, input: ClaimInput): Promise<Outcome> {
  return withTransaction(db, async (tx) => {
    const wish = await expireIfOverdueIn(db, tx, await readWish(tx, input.wishId), input.now)
    if (wish.status !== 'open' && wish.status !== 'claimed') return refuse(wish, 'NOT_CLAIMABLE', '这个心愿当前不可认领')
    if (wish.wisherId === input.actorId) return refuse(wish, 'FORBIDDEN', '不能认领自己的心愿')
    if (wish.status === 'claimed') return refuse(wish, 'ALREADY_CLAIMED', '这个心愿已被认领')

    const n = (wish.claimCount ?? 0) + 1
    const claimId = claimDocId(wish._id, n)
    const dueAt = new Date(input.now.getTime() + claimDays(input.community ?? null) * DAY)
    const claim: Omit<ClaimDoc, '_id'> = {
      wishId: wish._id,
      communityId: wish.communityId,
      claimerType: input.claimerType,
      claimerId: input.claimerId,
      claimerName: input.claimerName,
      actorId: input.actorId,
      status: 'active',
      dueAt,
      releaseReason: '',
      createdAt: input.now,
      closedAt: null,
    }
    const [, , claimed] = await Promise.all([
      tx.collection<ClaimDoc>('claims').doc(claimId).create(claim),
      statsIn(tx, { communityId: wish.communityId, at: input.now, subject: wish._id }, { wishesClaimed: 1 }),
      updateWish(db, tx, wish, { status: 'claimed', claimId, claimDueAt: dueAt, claimCount: n, updatedAt: input.now }),
    ])
    return done(claimed, { _id: claimId, ...claim })
  })
}

/** The active claim of a claimed wish, held by `who`: INVALID_STATE when there is none, FORBIDDEN when it is someone else's. */
function ownActiveClaim(wish: WishDoc, claim: ClaimDoc | null, who: Claimant): ClaimDoc | Refusal {
  if (wish.status !== 'claimed' || !wish.claimId || !claim) return { code: 'INVALID_STATE', message: '这个心愿当前没有进行中的认领' }
  if (!holdsClaim(claim, who)) return { code: 'FORBIDDEN', message: '只有认领人可以操作' }
  return claim
}

const isRefusal = (value: ClaimDoc | Refusal): value is Refusal => 'code' in value

/** claimed → open, by the claimer with a reason. An overdue claim expires instead (INVALID_STATE). */
export function releaseClaim(db: Database, wishId: string, who: Claimant, reason: string, now: Date, claimIdHint?: string | null): Promise<Outcome> {
  return withTransaction(db, async (tx) => {
    const { wish: read, claim: current } = await readWishAndClaim(tx, wishId, claimIdHint)
    const wish = await expireIfOverdueIn(db, tx, read, now)
    if (wish !== read) return refuse(wish, 'INVALID_STATE', '认领已逾期，心愿已自动回到心愿墙')
    const claim = ownActiveClaim(wish, current, who)
    if (isRefusal(claim)) return { wish, refusal: claim }
    const closing = { status: 'released' as const, releaseReason: reason, closedAt: now }
    const [, released] = await Promise.all([
      tx.collection<ClaimDoc>('claims').doc(claim._id).update(closing),
      updateWish(db, tx, wish, { status: 'open', claimId: null, claimDueAt: null, updatedAt: now }),
    ])
    return done(released, { ...claim, ...closing })
  })
}

/**
 * claimed → fulfilled, by the claimer. An overdue claim expires instead (INVALID_STATE).
 * `held` marks the note as unchecked (lib/shared/content-review.ts).
 */
export function fulfilWish(
  db: Database,
  wishId: string,
  who: Claimant,
  fulfilment: Fulfilment,
  now: Date,
  held: Pick<WishDoc, 'contentReview'> = {},
  claimIdHint?: string | null,
): Promise<Outcome> {
  return withTransaction(db, async (tx) => {
    const { wish: read, claim: current } = await readWishAndClaim(tx, wishId, claimIdHint)
    const wish = await expireIfOverdueIn(db, tx, read, now)
    if (wish !== read) return refuse(wish, 'INVALID_STATE', '认领已逾期，心愿已自动回到心愿墙')
    const claim = ownActiveClaim(wish, current, who)
    if (isRefusal(claim)) return { wish, refusal: claim }
    const [, , fulfilled] = await Promise.all([
      tx.collection<ClaimDoc>('claims').doc(claim._id).update({ status: 'fulfilled' }),
      statsIn(tx, { communityId: wish.communityId, at: fulfilment.at, subject: wish._id }, { wishesFulfilled: 1 }),
      updateWish(db, tx, wish, { status: 'fulfilled', claimDueAt: null, fulfilment, ...held, updatedAt: now }),
    ])
    return done(fulfilled, { ...claim, status: 'fulfilled' })
  })
}

export interface Confirmer {
  userId: string
  unitIds: readonly string[]
  /** Staff of the wish's community: they confirm for a beneficiary without an account. */
  isStaff: boolean
}

/**
 * fulfilled → confirmed, crediting the claiming person the community's wish
 * points in the same transaction (entry `earn:wish:<wishId>`, so once).
 * Failures in order: NOT_FOUND, FORBIDDEN (not the wisher / staff, or the
 * claimer themselves), INVALID_STATE.
 */
export function confirmWish(
  db: Database,
  wishId: string,
  who: Confirmer,
  confirmation: Omit<Confirmation, 'by' | 'at'>,
  now: Date,
  held: Pick<WishDoc, 'contentReview'> = {},
  /** The guard's copy of the wish and its community: the claim and the claimer's account are read with the wish. */
  known: { wish?: WishDoc; community: CommunityDoc | null } = { community: null },
): Promise<Outcome> {
  return withTransaction(db, async (tx) => {
    const hinted = known.wish?.claimId ?? null
    const earnFor = (claim: ClaimDoc, wish: Pick<WishDoc, '_id' | 'communityId' | 'title'>) => ({
      communityId: wish.communityId,
      userId: claim.actorId,
      points: wishPoints(known.community),
      hours: 0,
      refType: 'wish' as const,
      refId: wish._id,
      actorId: who.userId,
      reason: `微心愿：${wish.title}`,
      now,
    })
    const [read, hintedClaim] = await Promise.all([
      readWish(tx, wishId),
      hinted ? tx.collection<ClaimDoc>('claims').doc(hinted).get().then((doc) => doc.data) : Promise.resolve(null),
    ])
    const wish = await expireIfOverdueIn(db, tx, read, now)
    const mayConfirm = wish.wisherId ? wish.wisherId === who.userId : who.isStaff
    if (!mayConfirm) return refuse(wish, 'FORBIDDEN', wish.wisherId ? '只有许愿人可以确认' : '只有社区工作人员可以代为确认')
    const claim = !wish.claimId ? null : hintedClaim?._id === wish.claimId ? hintedClaim : await readClaim(tx, wish.claimId)
    if (claim && holdsClaim(claim, who)) return refuse(wish, 'FORBIDDEN', '认领人不能确认自己的心愿')
    if (wish.status !== 'fulfilled' || !claim) return refuse(wish, 'INVALID_STATE', '心愿尚未完成，不能确认')

    const ledger = await readEarnIn(tx, earnFor(claim, wish))
    const closing = { status: 'confirmed' as const, closedAt: now }
    // The credit, the claim, the satisfaction roll-up and the wish: independent writes of one transaction, one round trip.
    const [, , , confirmed] = await Promise.all([
      ledger.write(),
      tx.collection<ClaimDoc>('claims').doc(claim._id).update(closing),
      confirmation.rating != null ? statsIn(tx, { communityId: wish.communityId, at: now, subject: wish._id }, ratingChange(confirmation.rating)) : undefined,
      updateWish(db, tx, wish, { status: 'confirmed', confirmation: { ...confirmation, at: now, by: who.userId }, ...held, updatedAt: now }),
    ])
    return done(confirmed, { ...claim, ...closing })
  })
}

/** A move the wisher (or staff) makes before anyone claimed: review, edit, withdraw. */
export function moveUnclaimed(
  db: Database,
  wishId: string,
  check: (wish: WishDoc) => Refusal | null,
  changes: (wish: WishDoc) => Partial<Omit<WishDoc, '_id'>>,
  now: Date,
): Promise<Outcome> {
  return withTransaction(db, async (tx) => {
    const wish = await expireIfOverdueIn(db, tx, await readWish(tx, wishId), now)
    const refusal = check(wish)
    if (refusal) return { wish, refusal }
    return done(await updateWish(db, tx, wish, { ...changes(wish), updatedAt: now }))
  })
}
