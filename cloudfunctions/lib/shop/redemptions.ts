/**
 * The redemption state machine: held → picked (post) | cancelled | expired
 * (void). Every move is one transaction over the redemption, the ledger, the
 * item's stock, the per-person counter and the pick-up code, and it starts by
 * re-reading the redemption's status: two racing callers (a pick-up, a
 * cancel, an expiry) both read `held`, both try to commit, and the optimistic
 * check lets exactly one through; the other re-runs, reads the new status and
 * changes nothing.
 */
import { createHash, randomInt } from 'node:crypto'
import type { Database, Transaction, Where } from '../db/types'
import { holdIn, postIn, voidIn } from '../points/ledger'
import { AppError } from '../runtime/errors'
import { withTransaction } from '../shared/transaction'
import type { CommunityDoc } from '../users/model'
import {
  DEFAULT_REDEMPTION_DAYS,
  pickupCodeDocId,
  purchaseDocId,
  type ItemDoc,
  type PickupCodeDoc,
  type PurchaseDoc,
  type RedemptionDoc,
  type RedemptionStatus,
} from './model'

const DAY = 24 * 3600 * 1000

/** Who closes a redemption that ran out of time: no person, the clock. */
export const SYSTEM_ACTOR = 'system'

/** How many random codes to try before giving up; with ≤ a few hundred open codes among 10⁶, one almost always does. */
const CODE_ATTEMPTS = 10

/** Staff set `settings.redemptionDays` (communities.updateSettings); anything but a sane whole number of days falls back to the default. */
export function redemptionDays(community: CommunityDoc | null): number {
  const days = community?.settings?.redemptionDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_REDEMPTION_DAYS
}

/**
 * The same person retrying the same request (same requestId) names the same
 * redemption, so a retried tap never holds twice.
 */
export function redemptionIdFor(userId: string, requestId: string): string {
  return `r${createHash('sha256').update(`${userId}\u0000${requestId}`).digest('hex').slice(0, 23)}`
}

export interface RedeemInput {
  itemId: string
  userId: string
  redemptionId: string
  expiresAt: Date
  now: Date
}

/**
 * Holds the price and one unit of stock. Failures in this order: NOT_FOUND,
 * INVALID_STATE (off shelf), OUT_OF_STOCK, LIMIT_EXCEEDED, INSUFFICIENT_POINTS.
 * A replay of a redemption that exists returns it unchanged.
 */
export async function redeemItem(db: Database, input: RedeemInput): Promise<RedemptionDoc> {
  return withTransaction(db, async (tx) => {
    const redemptions = tx.collection<RedemptionDoc>('redemptions')
    const replay = (await redemptions.doc(input.redemptionId).get()).data
    if (replay) return replay

    const item = (await tx.collection<ItemDoc>('items').doc(input.itemId).get()).data
    if (!item) throw new AppError('NOT_FOUND', '商品不存在')
    if (!item.onShelf) throw new AppError('INVALID_STATE', '商品已下架')
    if (item.stock < 1) throw new AppError('OUT_OF_STOCK')
    const purchaseId = purchaseDocId(item._id, input.userId)
    const purchase = (await tx.collection<PurchaseDoc>('purchases').doc(purchaseId).get()).data
    const count = purchase?.count ?? 0
    if (count >= item.perPersonLimit) throw new AppError('LIMIT_EXCEEDED', `每人限兑 ${item.perPersonLimit} 件`)

    await holdIn(tx, {
      communityId: item.communityId,
      userId: input.userId,
      redemptionId: input.redemptionId,
      points: item.pricePoints,
      actorId: input.userId,
      reason: `兑换：${item.name}`,
      now: input.now,
    })
    const pickupCode = await reserveCode(tx, item.communityId, input.redemptionId, input.now)
    const redemption: RedemptionDoc = {
      _id: input.redemptionId,
      communityId: item.communityId,
      itemId: item._id,
      itemName: item.name,
      userId: input.userId,
      points: item.pricePoints,
      status: 'held',
      pickupCode,
      expiresAt: input.expiresAt,
      createdAt: input.now,
      closedAt: null,
      closedBy: null,
      closeReason: '',
    }
    const { _id, ...body } = redemption
    await redemptions.doc(_id).create(body)
    await tx.collection<ItemDoc>('items').doc(item._id).update({ stock: item.stock - 1, updatedAt: input.now })
    await tx.collection<PurchaseDoc>('purchases').doc(purchaseId).set({
      communityId: item.communityId,
      itemId: item._id,
      userId: input.userId,
      count: count + 1,
      updatedAt: input.now,
    })
    return redemption
  })
}

async function reserveCode(tx: Transaction, communityId: string, redemptionId: string, now: Date): Promise<string> {
  const codes = tx.collection<PickupCodeDoc>('pickupCodes')
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    // randomInt is a CSPRNG: a member cannot predict the next person's code.
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const docId = pickupCodeDocId(communityId, code)
    if ((await codes.doc(docId).get()).data) continue
    await codes.doc(docId).create({ communityId, code, redemptionId, createdAt: now })
    return code
  }
  throw new AppError('CONFLICT', '兑换码分配失败，请稍后再试')
}

export type CloseTarget = Exclude<RedemptionStatus, 'held'>

export interface CloseOutcome {
  redemption: RedemptionDoc
  /** False when the redemption had already left `held`: this call changed nothing. */
  changed: boolean
}

export const isOverdue = (redemption: RedemptionDoc, now: Date): boolean => new Date(redemption.expiresAt).getTime() <= now.getTime()

/**
 * Inside a transaction: moves a held redemption to `target`, or to `expired`
 * when it is overdue whatever the caller wanted (time decides, not who came
 * first). Posts the held points on pick-up; otherwise voids them and gives
 * the unit back to stock and to the person's limit. Releases the code.
 */
export async function closeIn(
  tx: Transaction,
  redemptionId: string,
  target: CloseTarget,
  actorId: string,
  reason: string,
  now: Date,
): Promise<CloseOutcome> {
  const redemptions = tx.collection<RedemptionDoc>('redemptions')
  const redemption = (await redemptions.doc(redemptionId).get()).data
  if (!redemption) throw new AppError('NOT_FOUND', '兑换记录不存在')
  if (redemption.status !== 'held') return { redemption, changed: false }

  const status: CloseTarget = target !== 'expired' && isOverdue(redemption, now) ? 'expired' : target
  const closedBy = status === 'expired' ? SYSTEM_ACTOR : actorId
  const move = {
    communityId: redemption.communityId,
    userId: redemption.userId,
    redemptionId: redemption._id,
    points: redemption.points,
    actorId: closedBy,
    reason: `${closeLabels[status]}：${redemption.itemName}`,
    now,
  }
  if (status === 'picked') {
    await postIn(tx, move)
  } else {
    await voidIn(tx, move)
    const items = tx.collection<ItemDoc>('items')
    const item = (await items.doc(redemption.itemId).get()).data
    if (item) await items.doc(item._id).update({ stock: item.stock + 1, updatedAt: now })
    const purchases = tx.collection<PurchaseDoc>('purchases')
    const purchaseId = purchaseDocId(redemption.itemId, redemption.userId)
    const purchase = (await purchases.doc(purchaseId).get()).data
    if (purchase) await purchases.doc(purchaseId).update({ count: Math.max(0, purchase.count - 1), updatedAt: now })
  }
  await tx.collection<PickupCodeDoc>('pickupCodes').doc(pickupCodeDocId(redemption.communityId, redemption.pickupCode)).delete()
  const closing = { status, closedAt: now, closedBy, closeReason: status === 'expired' ? '逾期未领取' : reason }
  await redemptions.doc(redemption._id).update(closing)
  return { redemption: { ...redemption, ...closing }, changed: true }
}

export const closeLabels: Record<CloseTarget, string> = {
  picked: '核销',
  cancelled: '取消兑换',
  expired: '逾期未领取',
}

export function closeRedemption(db: Database, redemptionId: string, target: CloseTarget, actorId: string, reason: string, now: Date): Promise<CloseOutcome> {
  return withTransaction(db, (tx) => closeIn(tx, redemptionId, target, actorId, reason, now))
}

/** A batch bound: one call stays well inside a function's time limit. */
const EXPIRY_BATCH = 100

/**
 * Expires held redemptions past their time that match `scope` (a community,
 * or one person in one community). Reads call this first, so no timer is
 * needed for anyone to see the truth. Returns how many this call expired.
 */
export async function expireOverdue(db: Database, scope: { communityId: string; userId?: string }, now: Date, batches = 1): Promise<number> {
  const _ = db.command
  let expired = 0
  for (let batch = 0; batch < batches; batch += 1) {
    const where: Where = { communityId: scope.communityId, status: 'held', expiresAt: _.lte(now) }
    if (scope.userId) where.userId = scope.userId
    const due = await db.collection<RedemptionDoc>('redemptions').where(where).orderBy('expiresAt', 'asc').limit(EXPIRY_BATCH).get()
    for (const redemption of due.data) {
      const outcome = await closeRedemption(db, redemption._id, 'expired', SYSTEM_ACTOR, '', now)
      if (outcome.changed) expired += 1
    }
    if (due.data.length < EXPIRY_BATCH) break
  }
  return expired
}

/** Expiry days → the moment a redemption made now runs out. */
export const expiryFrom = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY)
