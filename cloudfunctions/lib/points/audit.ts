/**
 * The ledger audit (`npm run audit`): recomputes every balance from the
 * journal and checks what must always hold, reading everything once in `_id`
 * order so it works the same on the local engine and on CloudBase.
 *
 * - every account: Σ entry.amount = available, Σ entry.heldChange = held
 *   (so Σ = available + held), neither negative, totalEarned − totalSpent =
 *   available + held, and held = Σ points of its held redemptions;
 * - every entry belongs to an existing account;
 * - no item with negative stock; each per-person counter equals the person's
 *   held and picked redemptions of that item;
 * - no unit reserved on an item (lib/shop/redemptions.ts reserveUnit) waits
 *   more than an hour for a redemption that does not exist;
 * - every held redemption owns its pick-up code and every code a held redemption;
 * - at most one active claim per wish, and a wish is `claimed` exactly when it
 *   has one, which its `claimId` names;
 * - demand claims: at most `maxClaims`, each with exactly one linked commitment (units/audit.ts).
 */
import type { BaseDoc, Database } from '../db/types'
import { pickupCodeDocId, purchaseDocId, type ItemDoc, type PickupCodeDoc, type PurchaseDoc, type RedemptionDoc } from '../shop/model'
import { auditDemandClaims } from '../units/audit'
import type { ClaimDoc, WishDoc } from '../wishes/model'
import { accountDocId, type AccountDoc, type EntryDoc } from './model'

export interface AuditReport {
  ok: boolean
  /** How many of each were read. */
  checked: {
    accounts: number
    entries: number
    items: number
    redemptions: number
    purchases: number
    pickupCodes: number
    claims: number
    wishes: number
    demands: number
    linkedCommitments: number
  }
  problems: string[]
  notes: string[]
}

const PAGE = 1000

/** Reads a whole collection in `_id` order, a page at a time (CloudBase caps a read at 1000). */
export async function* scan<T extends BaseDoc>(db: Database, collection: string): AsyncGenerator<T> {
  const _ = db.command
  let after: string | null = null
  for (;;) {
    const query = db.collection<T>(collection)
    const page = await (after === null ? query : query.where({ _id: _.gt(after) })).orderBy('_id', 'asc').limit(PAGE).get()
    for (const doc of page.data) yield doc
    if (page.data.length < PAGE) return
    after = page.data[page.data.length - 1]._id
  }
}

/** A reservation mark older than this with no redemption was missed by the shop's sweep (which settles it after 2 minutes). */
const STALE_RESERVATION_MS = 60 * 60 * 1000

export async function auditLedger(db: Database, now: Date = new Date()): Promise<AuditReport> {
  const problems: string[] = []
  const notes: string[] = []
  const checked: AuditReport['checked'] = { accounts: 0, entries: 0, items: 0, redemptions: 0, purchases: 0, pickupCodes: 0, claims: 0, wishes: 0, demands: 0, linkedCommitments: 0 }

  const sums = new Map<string, { amount: number; held: number }>()
  for await (const entry of scan<EntryDoc>(db, 'entries')) {
    checked.entries += 1
    if (entry.accountId !== accountDocId(entry.communityId, entry.userId)) problems.push(`entry ${entry._id}: accountId ${entry.accountId} does not match its community and user`)
    if (!Number.isSafeInteger(entry.amount) || !Number.isSafeInteger(entry.heldChange)) problems.push(`entry ${entry._id}: amounts must be integers`)
    const sum = sums.get(entry.accountId) ?? { amount: 0, held: 0 }
    sum.amount += entry.amount
    sum.held += entry.heldChange
    sums.set(entry.accountId, sum)
  }

  const heldByAccount = new Map<string, number>()
  const unitsByPurchase = new Map<string, number>()
  const heldCodes = new Map<string, string>()
  const redemptionIds = new Set<string>()
  for await (const redemption of scan<RedemptionDoc>(db, 'redemptions')) {
    checked.redemptions += 1
    redemptionIds.add(redemption._id)
    const accountId = accountDocId(redemption.communityId, redemption.userId)
    if (redemption.status === 'held') {
      heldByAccount.set(accountId, (heldByAccount.get(accountId) ?? 0) + redemption.points)
      heldCodes.set(pickupCodeDocId(redemption.communityId, redemption.pickupCode), redemption._id)
    }
    if (redemption.status === 'held' || redemption.status === 'picked') {
      const purchaseId = purchaseDocId(redemption.itemId, redemption.userId)
      unitsByPurchase.set(purchaseId, (unitsByPurchase.get(purchaseId) ?? 0) + 1)
    }
  }

  for await (const account of scan<AccountDoc>(db, 'accounts')) {
    checked.accounts += 1
    const sum = sums.get(account._id) ?? { amount: 0, held: 0 }
    sums.delete(account._id)
    const name = `account ${account._id}`
    if (sum.amount !== account.available) problems.push(`${name}: Σ entry amounts ${sum.amount} ≠ available ${account.available}`)
    if (sum.held !== account.held) problems.push(`${name}: Σ held changes ${sum.held} ≠ held ${account.held}`)
    if (sum.amount + sum.held !== account.available + account.held) {
      problems.push(`${name}: Σ entries ${sum.amount + sum.held} ≠ available + held ${account.available + account.held}`)
    }
    if (account.available < 0) problems.push(`${name}: available ${account.available} is negative`)
    if (account.held < 0) problems.push(`${name}: held ${account.held} is negative`)
    if (account.totalEarned - account.totalSpent !== account.available + account.held) {
      problems.push(`${name}: totalEarned − totalSpent ${account.totalEarned - account.totalSpent} ≠ available + held ${account.available + account.held}`)
    }
    const held = heldByAccount.get(account._id) ?? 0
    heldByAccount.delete(account._id)
    if (held !== account.held) problems.push(`${name}: held redemptions ${held} ≠ held ${account.held}`)
  }
  for (const accountId of sums.keys()) problems.push(`entries of ${accountId} have no account`)
  for (const [accountId, held] of heldByAccount) problems.push(`held redemptions of ${held} points on ${accountId}, which has no account`)

  for await (const item of scan<ItemDoc>(db, 'items')) {
    checked.items += 1
    if (!Number.isInteger(item.stock) || item.stock < 0) problems.push(`item ${item._id}: stock ${item.stock} is negative or not whole`)
    // A unit reserved for a redemption that never got made is owed back to stock; the sweep gives it back after 2 minutes.
    for (const redemptionId of item.reservations ?? []) {
      const at = new Date(item.reservedAt?.[redemptionId] ?? 0).getTime()
      if (!redemptionIds.has(redemptionId) && now.getTime() - at > STALE_RESERVATION_MS) {
        problems.push(`item ${item._id}: a unit reserved for redemption ${redemptionId} was never redeemed nor given back (run shop.expireDue)`)
      }
    }
  }

  for await (const purchase of scan<PurchaseDoc>(db, 'purchases')) {
    checked.purchases += 1
    const units = unitsByPurchase.get(purchase._id) ?? 0
    unitsByPurchase.delete(purchase._id)
    if (purchase.count !== units) problems.push(`purchase ${purchase._id}: count ${purchase.count} ≠ held and picked redemptions ${units}`)
  }
  for (const [purchaseId, units] of unitsByPurchase) problems.push(`purchase ${purchaseId}: ${units} held or picked redemptions but no counter`)

  for await (const code of scan<PickupCodeDoc>(db, 'pickupCodes')) {
    checked.pickupCodes += 1
    if (heldCodes.get(code._id) !== code.redemptionId) problems.push(`pick-up code ${code._id} does not belong to a held redemption`)
    heldCodes.delete(code._id)
  }
  for (const [codeId, redemptionId] of heldCodes) problems.push(`held redemption ${redemptionId} has no pick-up code ${codeId}`)

  // Wish claims: at most one active claim per wish, and a wish is `claimed` exactly when it has one (and points at it).
  const activeByWish = new Map<string, string[]>()
  for await (const claim of scan<ClaimDoc>(db, 'claims')) {
    checked.claims += 1
    if (claim.status !== 'active') continue
    activeByWish.set(claim.wishId, [...(activeByWish.get(claim.wishId) ?? []), claim._id])
  }
  for await (const wish of scan<WishDoc>(db, 'wishes')) {
    checked.wishes += 1
    const active = activeByWish.get(wish._id) ?? []
    activeByWish.delete(wish._id)
    if (active.length > 1) problems.push(`wish ${wish._id} has ${active.length} active claims: ${active.join(', ')}`)
    if (wish.status === 'claimed' && active.length !== 1) problems.push(`wish ${wish._id} is claimed but has ${active.length} active claims`)
    if (wish.status !== 'claimed' && active.length > 0) problems.push(`wish ${wish._id} is ${wish.status} but has an active claim ${active.join(', ')}`)
    if (wish.status === 'claimed' && active.length === 1 && wish.claimId !== active[0]) problems.push(`wish ${wish._id} points at claim ${wish.claimId}, its active claim is ${active[0]}`)
  }
  for (const [wishId, active] of activeByWish) problems.push(`active claims ${active.join(', ')} belong to no wish ${wishId}`)

  const demands = await auditDemandClaims(db)
  Object.assign(checked, demands.checked)
  problems.push(...demands.problems)

  return { ok: problems.length === 0, checked, problems, notes }
}

/** The report as `npm run audit` prints it. */
export function formatAuditReport(report: AuditReport): string {
  const { checked } = report
  const lines = [
    `checked ${checked.accounts} accounts against ${checked.entries} entries (Σ amount = available, Σ heldChange = held, no negative balance, totals, held redemptions)`,
    `checked ${checked.items} items (no negative stock), ${checked.purchases} per-person counters, ${checked.redemptions} redemptions, ${checked.pickupCodes} open pick-up codes`,
    `checked ${checked.claims} claims against ${checked.wishes} wishes (at most one active claim per wish; claimed exactly when it has one)`,
    `checked ${checked.demands} demands against ${checked.linkedCommitments} linked commitments (claims ≤ maxClaims, one linked commitment per claim)`,
    ...report.notes.map((note) => `note: ${note}`),
  ]
  if (report.ok) lines.push('audit passed')
  else lines.push(`audit FAILED: ${report.problems.length} problem(s)`, ...report.problems.map((problem) => `  - ${problem}`))
  return lines.join('\n')
}
