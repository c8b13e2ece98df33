/**
 * The points ledger (DESIGN §5, the TigerBeetle model): every change of an
 * account is one append-only entry whose `_id` is its idempotency key, written
 * in the same transaction as the account it changes. A key that already
 * exists means the change was applied before: the call changes nothing and
 * reports `applied: false`, so retries never double a credit or a debit.
 *
 * Everything here runs inside a caller's transaction (`…In(tx, …)`), so other
 * domains can move points in the same transaction as their own state change
 * (an enrollment's confirmation, a redemption's pick-up).
 */
import type { Database, Transaction } from '../db/types'
import { AppError } from '../runtime/errors'
import { chinaYear } from '../shared/china-time'
import { withTransaction } from '../shared/transaction'
import { statsIn } from '../stats'
import { accountDocId, roundHours, type AccountDoc, type EntryDoc, type EntryKind, type EntryRefType } from './model'

export interface EarnInput {
  communityId: string
  userId: string
  /** Integer ≥ 0. */
  points: number
  /** ≥ 0, kept to 2 decimals. */
  hours: number
  refType: 'enrollment' | 'wish'
  refId: string
  actorId: string
  reason: string
  now: Date
}

export const earnKey = (refType: string, refId: string): string => `earn:${refType}:${refId}`
export const holdKey = (redemptionId: string): string => `hold:${redemptionId}`
export const postKey = (redemptionId: string): string => `post:${redemptionId}`
export const voidKey = (redemptionId: string): string => `void:${redemptionId}`
export const adjustKey = (actorId: string, requestId: string): string => `adjust:${actorId}:${requestId}`

/** One change of one account, before it is checked and written. */
interface Change {
  key: string
  kind: EntryKind
  communityId: string
  userId: string
  amount: number
  heldChange: number
  hours: number
  /** Change of totalSpent (posts only). */
  spent: number
  refType: EntryRefType
  refId: string
  actorId: string
  reason: string
  now: Date
}

export interface Applied {
  applied: boolean
  entry: EntryDoc
  account: AccountDoc
}

/**
 * Inside a caller's transaction: creates entry `earn:<refType>:<refId>` and
 * credits the account (creating it if needed). Returns applied: false (and
 * changes nothing) when that entry already exists.
 */
export async function earnIn(tx: Transaction, input: EarnInput): Promise<{ applied: boolean }> {
  if (!Number.isSafeInteger(input.points) || input.points < 0) throw new Error(`earn: points must be an integer ≥ 0, got ${input.points}`)
  if (!Number.isFinite(input.hours) || input.hours < 0) throw new Error(`earn: hours must be ≥ 0, got ${input.hours}`)
  const { applied } = await applyIn(tx, {
    key: earnKey(input.refType, input.refId),
    kind: 'earn',
    communityId: input.communityId,
    userId: input.userId,
    amount: input.points,
    heldChange: 0,
    hours: roundHours(input.hours),
    spent: 0,
    refType: input.refType,
    refId: input.refId,
    actorId: input.actorId,
    reason: input.reason,
    now: input.now,
  })
  return { applied }
}

/** Same, in its own transaction. */
export async function earn(db: Database, input: EarnInput): Promise<{ applied: boolean }> {
  return withTransaction(db, (tx) => earnIn(tx, input))
}

export interface AdjustInput {
  communityId: string
  userId: string
  /** Non-zero integer; a debit fails with INSUFFICIENT_POINTS rather than overdraw. */
  amount: number
  actorId: string
  requestId: string
  reason: string
  now: Date
}

/** A staff correction: a new entry, never an edit. Idempotent per (actor, request). */
export async function adjustIn(tx: Transaction, input: AdjustInput): Promise<Applied> {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw new Error(`adjust: amount must be a non-zero integer, got ${input.amount}`)
  return applyIn(tx, {
    key: adjustKey(input.actorId, input.requestId),
    kind: 'adjust',
    communityId: input.communityId,
    userId: input.userId,
    amount: input.amount,
    heldChange: 0,
    hours: 0,
    spent: 0,
    refType: 'adjustment',
    refId: input.requestId,
    actorId: input.actorId,
    reason: input.reason,
    now: input.now,
  })
}

export interface RedemptionMove {
  communityId: string
  userId: string
  redemptionId: string
  points: number
  actorId: string
  reason: string
  now: Date
}

/** Redemption phase one: available → held. INSUFFICIENT_POINTS when available is short. */
export function holdIn(tx: Transaction, move: RedemptionMove): Promise<Applied> {
  return applyIn(tx, redemptionChange(move, 'hold', holdKey(move.redemptionId), -move.points, move.points, 0))
}

/** Pick-up: held → spent. */
export function postIn(tx: Transaction, move: RedemptionMove): Promise<Applied> {
  return applyIn(tx, redemptionChange(move, 'post', postKey(move.redemptionId), 0, -move.points, move.points))
}

/** Cancel or expiry: held → available. */
export function voidIn(tx: Transaction, move: RedemptionMove): Promise<Applied> {
  return applyIn(tx, redemptionChange(move, 'void', voidKey(move.redemptionId), move.points, -move.points, 0))
}

function redemptionChange(move: RedemptionMove, kind: EntryKind, key: string, amount: number, heldChange: number, spent: number): Change {
  if (!Number.isSafeInteger(move.points) || move.points <= 0) throw new Error(`${kind}: points must be a positive integer, got ${move.points}`)
  return {
    key,
    kind,
    communityId: move.communityId,
    userId: move.userId,
    amount,
    heldChange,
    hours: 0,
    spent,
    refType: 'redemption',
    refId: move.redemptionId,
    actorId: move.actorId,
    reason: move.reason,
    now: move.now,
  }
}

export function emptyAccount(communityId: string, userId: string, now: Date): AccountDoc {
  return {
    _id: accountDocId(communityId, userId),
    communityId,
    userId,
    available: 0,
    held: 0,
    totalEarned: 0,
    totalSpent: 0,
    hoursTotal: 0,
    hoursByYear: {},
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * The one place an account changes. Checks in a fixed order: already applied
 * (→ no-op), available would go negative (INSUFFICIENT_POINTS), held would go
 * negative (a bug: only a hold can be posted or voided, and each once).
 */
async function applyIn(tx: Transaction, change: Change): Promise<Applied> {
  const entries = tx.collection<EntryDoc>('entries')
  const accounts = tx.collection<AccountDoc>('accounts')
  const accountId = accountDocId(change.communityId, change.userId)
  const existing = await entries.doc(change.key).get()
  const stored = await accounts.doc(accountId).get()
  const account = stored.data ?? emptyAccount(change.communityId, change.userId, change.now)
  if (existing.data) return { applied: false, entry: existing.data, account }

  const available = account.available + change.amount
  const held = account.held + change.heldChange
  if (available < 0) throw new AppError('INSUFFICIENT_POINTS')
  if (held < 0) throw new Error(`ledger: ${change.key} would make held negative on ${accountId}`)

  const year = String(chinaYear(change.now))
  const credited = change.kind === 'earn' || change.kind === 'adjust' ? change.amount : 0
  const next: AccountDoc = {
    ...account,
    available,
    held,
    totalEarned: account.totalEarned + credited,
    totalSpent: account.totalSpent + change.spent,
    hoursTotal: roundHours(account.hoursTotal + change.hours),
    hoursByYear: change.hours > 0 ? { ...account.hoursByYear, [year]: roundHours((account.hoursByYear[year] ?? 0) + change.hours) } : account.hoursByYear,
    updatedAt: change.now,
  }
  const entry: EntryDoc = {
    _id: change.key,
    accountId,
    communityId: change.communityId,
    userId: change.userId,
    kind: change.kind,
    amount: change.amount,
    heldChange: change.heldChange,
    hours: change.hours,
    refType: change.refType,
    refId: change.refId,
    actorId: change.actorId,
    reason: change.reason,
    availableAfter: available,
    heldAfter: held,
    createdAt: change.now,
  }
  const { _id: _entryId, ...entryBody } = entry
  const { _id: _accountId, ...accountBody } = next
  await entries.doc(change.key).create(entryBody)
  // 发放积分 and 兑换积分 of the dashboard, in the same transaction as the entry.
  if (change.kind === 'earn' && change.amount > 0) await statsIn(tx, { communityId: change.communityId, at: change.now, subject: change.userId }, { pointsIssued: change.amount })
  if (change.kind === 'post') await statsIn(tx, { communityId: change.communityId, at: change.now, subject: change.userId }, { pointsRedeemed: change.spent })
  // set() replaces the whole document: an update() with a nested hoursByYear would merge paths in CloudBase.
  await accounts.doc(accountId).set(accountBody)
  return { applied: true, entry, account: next }
}
