import type { Database } from '../db/types'
import { adjustIn } from '../points/ledger'
import { withTransaction } from '../shared/transaction'
import { DEFAULT_REDEMPTION_DAYS } from '../shop/model'
import { expiryFrom, redeemItem, redemptionIdFor } from '../shop/redemptions'

const SEED_ACTOR = 'seed'

/**
 * Opening balances for the demo people, written through the ledger like any
 * correction (so `npm run audit` passes on a fresh demo), dated `at`: before
 * anything else the seed credits or debits, since each entry records the
 * balance after it.
 */
export async function seedOpeningBalances(db: Database, at: Date): Promise<void> {
  const openings: Array<[userId: string, amount: number]> = [
    ['u-member', 200],
    ['u-staff', 80],
    ['u-resident', 30],
  ]
  for (const [userId, amount] of openings) {
    await withTransaction(db, (tx) =>
      adjustIn(tx, { communityId: 'c-xingfu', userId, amount, actorId: SEED_ACTOR, requestId: `opening-${userId}`, reason: '演示初始积分', now: at }),
    )
  }
}

/** One held redemption for 张伟, made just now (after his other entries), so staff can try the pick-up at once. */
export async function seedRedemption(db: Database, now: Date): Promise<void> {
  await redeemItem(db, {
    itemId: 'i-soap',
    communityId: 'c-xingfu',
    userId: 'u-member',
    redemptionId: redemptionIdFor('u-member', 'demo-redemption'),
    expiresAt: expiryFrom(now, DEFAULT_REDEMPTION_DAYS),
    now,
  })
}
