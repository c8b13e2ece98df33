import type { BaseDoc } from '../db/types'

/**
 * One person's points in one community (`_id` is `<communityId>:<userId>`):
 * points are earned by service there and spent in that community's shop.
 * The balances are a cache of the journal: Σ entries.amount = available and
 * Σ entries.heldChange = held, which `npm run audit` proves.
 */
export interface AccountDoc extends BaseDoc {
  communityId: string
  userId: string
  /** Spendable now. Never negative. */
  available: number
  /** Reserved by redemptions awaiting pick-up. Never negative. */
  held: number
  /** Σ earn + Σ adjust: what the person was credited, corrections included. */
  totalEarned: number
  /** Σ posted redemptions. */
  totalSpent: number
  hoursTotal: number
  /** Credited hours by China-time calendar year ('2026' → 12.5). */
  /** Keyed by the China-calendar year ('2026'): 年度志愿服务时长 is what staff read. */
  hoursByYear: Record<string, number>
  createdAt: Date
  updatedAt: Date
}

export const entryKinds = ['earn', 'hold', 'post', 'void', 'adjust'] as const
export type EntryKind = (typeof entryKinds)[number]

export type EntryRefType = 'enrollment' | 'wish' | 'redemption' | 'adjustment'

/**
 * One append-only journal line. `_id` is the idempotency key
 * (`earn:<refType>:<refId>`, `hold:<redemptionId>`, `post:…`, `void:…`,
 * `adjust:<actorId>:<requestId>`), so a retried change is a duplicate, not a
 * second line. Never edited or deleted: a mistake is fixed by an adjust entry.
 */
export interface EntryDoc extends BaseDoc {
  accountId: string
  communityId: string
  userId: string
  kind: EntryKind
  /** Signed change of `available`. */
  amount: number
  /** Signed change of `held`. */
  heldChange: number
  /** Credited service hours; 0 except on earn entries. */
  hours: number
  refType: EntryRefType
  refId: string
  actorId: string
  reason: string
  availableAfter: number
  heldAfter: number
  createdAt: Date
}

export const accountDocId = (communityId: string, userId: string): string => `${communityId}:${userId}`

/** Hours are kept to two decimals; rounding each sum stops float drift (0.1 + 0.2). */
export const roundHours = (hours: number): number => Math.round(hours * 100) / 100
