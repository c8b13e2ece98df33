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
  const { applied } = await applyIn(tx, earnChange(input))
  return { applied }
}

/** Earn, read only: see `ReadChange` (an earn is never refused). */
export function readEarnIn(tx: Transaction, input: EarnInput): Promise<ReadChange> {
  return readIn(tx, earnChange(input))
}

function earnChange(input: EarnInput): Change {
  if (!Number.isSafeInteger(input.points) || input.points < 0) throw new Error(`earn: points must be an integer ≥ 0, got ${input.points}`)
  if (!Number.isFinite(input.hours) || input.hours < 0) throw new Error(`earn: hours must be ≥ 0, got ${input.hours}`)
  return {
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
  }
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
 * A change read but not yet written: the ledger's two reads (the entry, the
 * account) are done; `refusal` says whether it may be written; `write()`
 * writes both documents. Split so that a caller can overlap these reads and
 * writes with its own in the same transaction (one round trip each, not four).
 */
export interface ReadChange {
  /** Already applied before (the entry exists): `write()` changes nothing. */
  alreadyApplied: boolean
  /** INSUFFICIENT_POINTS when available would go negative; checked by the caller in its own order. */
  refusal: 'INSUFFICIENT_POINTS' | null
  write(): Promise<Applied>
}

/** Redemption phase one, read only: see `ReadChange`. The caller checks `refusal`, then calls `write()`. */
export function readHoldIn(tx: Transaction, move: RedemptionMove): Promise<ReadChange> {
  return readIn(tx, redemptionChange(move, 'hold', holdKey(move.redemptionId), -move.points, move.points, 0))
}

/** Pick-up, read only. */
export function readPostIn(tx: Transaction, move: RedemptionMove): Promise<ReadChange> {
  return readIn(tx, redemptionChange(move, 'post', postKey(move.redemptionId), 0, -move.points, move.points))
}

/** Cancel or expiry, read only. */
export function readVoidIn(tx: Transaction, move: RedemptionMove): Promise<ReadChange> {
  return readIn(tx, redemptionChange(move, 'void', voidKey(move.redemptionId), move.points, -move.points, 0))
}

/**
 * The one place an account changes. Checks in a fixed order: already applied
 * (→ no-op), available would go negative (INSUFFICIENT_POINTS), held would go
 * negative (a bug: only a hold can be posted or voided, and each once).
 */
async function applyIn(tx: Transaction, change: Change): Promise<Applied> {
  const read = await readIn(tx, change)
  if (read.refusal) throw new AppError(read.refusal)
  return read.write()
}

async function readIn(tx: Transaction, change: Change): Promise<ReadChange> {
  const entries = tx.collection<EntryDoc>('entries')
  const accounts = tx.collection<AccountDoc>('accounts')
  const accountId = accountDocId(change.communityId, change.userId)
  // Independent reads: one round trip.
  const [existing, stored] = await Promise.all([entries.doc(change.key).get(), accounts.doc(accountId).get()])
  const account = stored.data ?? emptyAccount(change.communityId, change.userId, change.now)
  if (existing.data) {
    const applied: Applied = { applied: false, entry: existing.data, account }
    return { alreadyApplied: true, refusal: null, write: async () => applied }
  }

  const available = account.available + change.amount
  const held = account.held + change.heldChange
  const refusal = available < 0 ? ('INSUFFICIENT_POINTS' as const) : null

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
  return {
    alreadyApplied: false,
    refusal,
    async write() {
      if (refusal) throw new AppError(refusal)
      // Checked at the write, not the read: a caller reads before it knows whether it will move anything (closeIn).
      if (held < 0) throw new Error(`ledger: ${change.key} would make held negative on ${accountId}`)
      const event = { communityId: change.communityId, at: change.now, subject: change.userId }
      // The entry, the account and the dashboard's 发放积分 / 兑换积分 roll-up: documents of one transaction, written together.
      // set() replaces the whole account: an update() with a nested hoursByYear would merge paths in CloudBase.
      await Promise.all([
        entries.doc(change.key).create(entryBody),
        accounts.doc(accountId).set(accountBody),
        change.kind === 'earn' && change.amount > 0 ? statsIn(tx, event, { pointsIssued: change.amount }) : undefined,
        change.kind === 'post' ? statsIn(tx, event, { pointsRedeemed: change.spent }) : undefined,
      ])
      return { applied: true, entry, account: next }
    },
  }
}
