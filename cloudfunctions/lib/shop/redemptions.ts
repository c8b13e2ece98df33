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
import { readHoldIn, readPostIn, readVoidIn } from '../points/ledger'
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
  /** The item as the guard read it, when there is one: the points hold's reads start with the transaction's. */
  item?: ItemDoc
  /** The item's community (the guard read it): where the pick-up code is kept. */
  communityId: string
  userId: string
  redemptionId: string
  expiresAt: Date
  now: Date
}

/**
 * How long a reservation may wait for its redemption before the sweep
 * (`reconcileReservations`) treats it as abandoned: far past a function's
 * time limit (10 s) and a transaction's life (30 s).
 */
export const RESERVATION_GRACE_MS = 2 * 60 * 1000

type Reservation = 'reserved' | 'taken' | 'none'

/**
 * Takes one unit with a conditional decrement, outside any transaction, the
 * way sign-up takes a seat: a popular item is then never written by the
 * points transaction, so redeemers of one item do not conflict with each
 * other. The redemption id goes onto the item in the same atomic update
 * (`reservations`, with its time in `reservedAt`), so that:
 * - the unit is given back exactly once (`returnUnit` is conditional on it);
 * - a crash between the reservation and the transaction leaves a mark that
 *   the sweep finds and settles (`reconcileReservations`);
 * - the same redemption id cannot reserve twice while it is in flight.
 * 'taken': this redemption id already holds a reservation (a concurrent retry).
 */
async function reserveUnit(db: Database, itemId: string, redemptionId: string, now: Date): Promise<Reservation> {
  const _ = db.command
  const items = db.collection<ItemDoc>('items')
  const taken = await items
    .where({ _id: itemId, onShelf: true, stock: _.gte(1), reservations: _.neq(redemptionId) })
    .update({ stock: _.inc(-1), reservations: _.push([redemptionId]), [`reservedAt.${redemptionId}`]: now })
  if (taken.updated === 1) return 'reserved'
  const held = await items.where({ _id: itemId, reservations: redemptionId }).count()
  return held.total > 0 ? 'taken' : 'none'
}

/** Gives a reserved unit back, exactly once however often it is called: only while the mark is there. */
export async function returnUnit(db: Database, itemId: string, redemptionId: string): Promise<boolean> {
  const _ = db.command
  const returned = await db
    .collection<ItemDoc>('items')
    .where({ _id: itemId, reservations: redemptionId })
    .update({ stock: _.inc(1), reservations: _.pull(redemptionId), [`reservedAt.${redemptionId}`]: _.remove() })
  return returned.updated === 1
}

/** The redemption exists and owns its unit: only the mark goes. */
async function settleReservation(db: Database, itemId: string, redemptionId: string): Promise<void> {
  const _ = db.command
  await db
    .collection<ItemDoc>('items')
    .where({ _id: itemId, reservations: redemptionId })
    .update({ reservations: _.pull(redemptionId), [`reservedAt.${redemptionId}`]: _.remove() })
}

/**
 * Holds the price and one unit of stock. Failures in this order: NOT_FOUND,
 * INVALID_STATE (off shelf), OUT_OF_STOCK, LIMIT_EXCEEDED, INSUFFICIENT_POINTS.
 * A replay of a redemption that exists returns it unchanged.
 *
 * Two steps: the unit is reserved on the item (outside the transaction, at
 * the same time as the transaction starts), then one transaction holds the
 * points and writes the redemption, the per-person counter and the pick-up
 * code, reading all it needs at once and writing all at once. If the
 * transaction fails (insufficient points, the limit, a conflict) or finds a
 * replay, the unit goes back, once. A reservation whose redemption was made
 * keeps its mark until `reconcileReservations` (the shop's timer, and
 * `shop.expireDue`) removes it, so the answer costs no extra round trip; a
 * crash before the transaction leaves a mark without a redemption, whose unit
 * the same sweep gives back after RESERVATION_GRACE_MS.
 */
export async function redeemItem(db: Database, input: RedeemInput, attempt = 0): Promise<RedemptionDoc> {
  const reserving = reserveUnit(db, input.itemId, input.redemptionId, input.now)
  reserving.catch(() => undefined)
  // Set by the transaction body (its last run): what the reservation turned out to be, and whether the redemption was made.
  const outcome: { reservation: Reservation; created: boolean } = { reservation: 'none', created: false }
  try {
    const redemption = await withTransaction(db, async (tx) => {
      outcome.created = false
      const redemptions = tx.collection<RedemptionDoc>('redemptions')
      const purchaseId = purchaseDocId(input.itemId, input.userId)
      const codeCandidate = randomCode()
      // The ledger's reads start with ours when the guard's copy of the item gives the price; one round trip for all.
      const moveFor = (item: ItemDoc) => ({
        communityId: item.communityId,
        userId: input.userId,
        redemptionId: input.redemptionId,
        points: item.pricePoints,
        actorId: input.userId,
        reason: `兑换：${item.name}`,
        now: input.now,
      })
      const early = input.item ? readHoldIn(tx, moveFor(input.item)) : null
      early?.catch(() => undefined)
      const [reserved, replay, item, purchase, codeTaken] = await Promise.all([
        reserving,
        redemptions.doc(input.redemptionId).get(),
        tx.collection<ItemDoc>('items').doc(input.itemId).get(),
        tx.collection<PurchaseDoc>('purchases').doc(purchaseId).get(),
        tx.collection<PickupCodeDoc>('pickupCodes').doc(pickupCodeDocId(input.communityId, codeCandidate)).get(),
      ])
      outcome.reservation = reserved
      if (replay.data) return replay.data
      if (!item.data) throw new AppError('NOT_FOUND', '商品不存在')
      if (!item.data.onShelf) throw new AppError('INVALID_STATE', '商品已下架')
      if (reserved === 'taken') throw new SiblingInFlight()
      if (reserved === 'none') throw new AppError('OUT_OF_STOCK')
      const count = purchase.data?.count ?? 0
      if (count >= item.data.perPersonLimit) throw new AppError('LIMIT_EXCEEDED', `每人限兑 ${item.data.perPersonLimit} 件`)

      // Staff changed the price or name since the guard's read: hold what the item says now.
      const current = item.data
      const fresh = input.item && input.item.pricePoints === current.pricePoints && input.item.name === current.name && input.item.communityId === current.communityId
      const hold = fresh && early ? await early : await readHoldIn(tx, moveFor(current))
      if (hold.refusal) throw new AppError(hold.refusal)
      const pickupCode = codeTaken.data ? await freeCode(tx, item.data.communityId) : codeCandidate
      const redemption: RedemptionDoc = {
        _id: input.redemptionId,
        communityId: item.data.communityId,
        itemId: item.data._id,
        itemName: item.data.name,
        userId: input.userId,
        points: item.data.pricePoints,
        status: 'held',
        pickupCode,
        expiresAt: input.expiresAt,
        createdAt: input.now,
        closedAt: null,
        closedBy: null,
        closeReason: '',
      }
      const { _id, ...body } = redemption
      // Every write of the transaction is independent of the others: one round trip.
      await Promise.all([
        hold.write(),
        redemptions.doc(_id).create(body),
        tx.collection<PickupCodeDoc>('pickupCodes').doc(pickupCodeDocId(item.data.communityId, pickupCode)).create({
          communityId: item.data.communityId,
          code: pickupCode,
          redemptionId: input.redemptionId,
          createdAt: input.now,
        }),
        tx.collection<PurchaseDoc>('purchases').doc(purchaseId).set({
          communityId: item.data.communityId,
          itemId: item.data._id,
          userId: input.userId,
          count: count + 1,
          updatedAt: input.now,
        }),
      ])
      outcome.created = true
      return redemption
    })
    // Created: the unit is the redemption's; its mark stays until the shop's sweep settles it (no round trip here).
    // A replay: the unit reserved now is not needed and goes back.
    if (outcome.reservation === 'reserved' && !outcome.created) await returnUnit(db, input.itemId, input.redemptionId)
    return redemption
  } catch (error) {
    if ((await reserving.catch(() => 'none' as const)) === 'reserved') await giveBackUnlessRedeemed(db, input.itemId, input.redemptionId)
    if (error instanceof SiblingInFlight && attempt < 2) return (await redemptionOfSibling(db, input)) ?? redeemItem(db, input, attempt + 1)
    if (error instanceof SiblingInFlight) throw new AppError('CONFLICT', '正在处理同一笔兑换，请稍后再试')
    throw error
  }
}

/** The same redemption id (a retried tap) is being redeemed by another call right now. */
class SiblingInFlight extends Error {}

const SIBLING_POLLS = 30
const SIBLING_POLL_MS = 100

/**
 * Waits for the call that holds this redemption's reservation: its
 * redemption once it exists, or null when that call gave the unit back
 * without one (then this call tries afresh).
 */
async function redemptionOfSibling(db: Database, input: RedeemInput): Promise<RedemptionDoc | null> {
  for (let poll = 0; poll < SIBLING_POLLS; poll += 1) {
    const [redemption, marked] = await Promise.all([
      db.collection<RedemptionDoc>('redemptions').doc(input.redemptionId).get(),
      db.collection<ItemDoc>('items').where({ _id: input.itemId, reservations: input.redemptionId }).count(),
    ])
    if (redemption.data[0]) return redemption.data[0]
    if (marked.total === 0) return null
    await new Promise((resolve) => setTimeout(resolve, SIBLING_POLL_MS))
  }
  throw new AppError('CONFLICT', '正在处理同一笔兑换，请稍后再试')
}

/**
 * After a failed transaction: the unit goes back unless the redemption exists
 * after all (a commit that landed although its answer was lost).
 */
async function giveBackUnlessRedeemed(db: Database, itemId: string, redemptionId: string): Promise<void> {
  const exists = (await db.collection<RedemptionDoc>('redemptions').doc(redemptionId).get()).data.length > 0
  if (exists) await settleReservation(db, itemId, redemptionId)
  else await returnUnit(db, itemId, redemptionId)
}

/** Marks settled in one sweep at a time, so a sweep's writes stay bounded. */
const SWEEP_PARALLEL = 20

/**
 * Settles the reservation marks of a community's items: a mark whose
 * redemption exists is removed (the unit is the redemption's); one without a
 * redemption, older than RESERVATION_GRACE_MS (no call can still be working
 * on it), gives its unit back, once. Run by the shop's timer and
 * `shop.expireDue`. Returns the units given back.
 */
export async function reconcileReservations(db: Database, communityId: string, now: Date): Promise<number> {
  const items = await db.collection<ItemDoc>('items').where({ communityId }).limit(1000).get()
  const marks = items.data.flatMap((item) =>
    (item.reservations ?? []).map((redemptionId) => ({ itemId: item._id, redemptionId, at: new Date(item.reservedAt?.[redemptionId] ?? 0) })),
  )
  let returned = 0
  for (let start = 0; start < marks.length; start += SWEEP_PARALLEL) {
    const batch = marks.slice(start, start + SWEEP_PARALLEL)
    const found = await db
      .collection<RedemptionDoc>('redemptions')
      .where({ _id: db.command.in(batch.map((mark) => mark.redemptionId)) })
      .limit(batch.length)
      .get()
    const redeemed = new Set(found.data.map((redemption) => redemption._id))
    const results = await Promise.all(
      batch.map(async (mark) => {
        if (redeemed.has(mark.redemptionId)) return settleReservation(db, mark.itemId, mark.redemptionId).then(() => false)
        if (now.getTime() - mark.at.getTime() < RESERVATION_GRACE_MS) return false
        return returnUnit(db, mark.itemId, mark.redemptionId)
      }),
    )
    returned += results.filter(Boolean).length
  }
  return returned
}

const randomCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0')

/** The first random code was taken (rare): try others, one read each. */
async function freeCode(tx: Transaction, communityId: string): Promise<string> {
  const codes = tx.collection<PickupCodeDoc>('pickupCodes')
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    // randomInt is a CSPRNG: a member cannot predict the next person's code.
    const code = randomCode()
    if (!(await codes.doc(pickupCodeDocId(communityId, code)).get()).data) return code
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
  /** The redemption as read before the transaction, when the caller has it: its fixed fields let every read start at once. */
  known?: RedemptionDoc,
): Promise<CloseOutcome> {
  const redemptions = tx.collection<RedemptionDoc>('redemptions')
  const fixed = known ?? (await redemptions.doc(redemptionId).get()).data
  if (!fixed) throw new AppError('NOT_FOUND', '兑换记录不存在')
  const purchases = tx.collection<PurchaseDoc>('purchases')
  const purchaseId = purchaseDocId(fixed.itemId, fixed.userId)
  const moveFor = (status: CloseTarget) => ({
    communityId: fixed.communityId,
    userId: fixed.userId,
    redemptionId: fixed._id,
    points: fixed.points,
    actorId: status === 'expired' ? SYSTEM_ACTOR : actorId,
    reason: `${closeLabels[status]}：${fixed.itemName}`,
    now,
  })
  // Whether it is overdue is fixed by expiresAt: the ledger's reads start with the redemption's.
  const planned: CloseTarget = target !== 'expired' && isOverdue(fixed, now) ? 'expired' : target
  const giveBack = planned !== 'picked'
  const [current, ledger, purchase, item] = await Promise.all([
    known ? redemptions.doc(redemptionId).get().then((read) => read.data) : Promise.resolve(fixed),
    giveBack ? readVoidIn(tx, moveFor(planned)) : readPostIn(tx, moveFor(planned)),
    giveBack ? purchases.doc(purchaseId).get().then((read) => read.data) : Promise.resolve(null),
    giveBack ? tx.collection<ItemDoc>('items').doc(fixed.itemId).get().then((read) => read.data) : Promise.resolve(null),
  ])
  if (!current) throw new AppError('NOT_FOUND', '兑换记录不存在')
  if (current.status !== 'held') return { redemption: current, changed: false }

  const status = planned
  const closedBy = status === 'expired' ? SYSTEM_ACTOR : actorId
  const closing = { status, closedAt: now, closedBy, closeReason: status === 'expired' ? '逾期未领取' : reason }
  const writes: Array<Promise<unknown>> = [
    ledger.write(),
    tx.collection<PickupCodeDoc>('pickupCodes').doc(pickupCodeDocId(current.communityId, current.pickupCode)).delete(),
    redemptions.doc(current._id).update(closing),
  ]
  if (giveBack) {
    // The unit goes back to stock and to the person's limit.
    if (item) writes.push(tx.collection<ItemDoc>('items').doc(item._id).update({ stock: item.stock + 1, updatedAt: now }))
    if (purchase) writes.push(purchases.doc(purchaseId).update({ count: Math.max(0, purchase.count - 1), updatedAt: now }))
  }
  // Independent writes of one transaction: one round trip.
  await Promise.all(writes)
  return { redemption: { ...current, ...closing }, changed: true }
}

export const closeLabels: Record<CloseTarget, string> = {
  picked: '核销',
  cancelled: '取消兑换',
  expired: '逾期未领取',
}

export function closeRedemption(
  db: Database,
  redemptionId: string,
  target: CloseTarget,
  actorId: string,
  reason: string,
  now: Date,
  known?: RedemptionDoc,
): Promise<CloseOutcome> {
  return withTransaction(db, (tx) => closeIn(tx, redemptionId, target, actorId, reason, now, known))
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
      const outcome = await closeRedemption(db, redemption._id, 'expired', SYSTEM_ACTOR, '', now, redemption)
      if (outcome.changed) expired += 1
    }
    if (due.data.length < EXPIRY_BATCH) break
  }
  return expired
}

/** Expiry days → the moment a redemption made now runs out. */
export const expiryFrom = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY)
