/**
 * Service hours as the ledger keeps them (accounts.hoursTotal: the hours of
 * every earn entry, i.e. every confirmed attendance): the port honours and
 * the dashboard read 星级 from.
 */
import type { Database } from '../db/types'
import type { AccountDoc } from './model'

/** A person holds an account in each community they served; a few at most. */
const MAX_ACCOUNTS = 50

/** A person's confirmed service hours, all communities together, to 0.01 h. */
export async function hoursOfPerson(db: Database, userId: string): Promise<number> {
  const accounts = await db.collection<AccountDoc>('accounts').where({ userId }).limit(MAX_ACCOUNTS).get()
  return Math.round(accounts.data.reduce((sum, account) => sum + (account.hoursTotal ?? 0), 0) * 100) / 100
}

/**
 * How many accounts of a community have at least each of `thresholds` hours
 * (ascending), and how many have any hours at all: one count per threshold,
 * run side by side.
 */
export async function accountsAtLeast(db: Database, communityId: string, thresholds: readonly number[]): Promise<{ served: number; atLeast: number[] }> {
  const accounts = db.collection<AccountDoc>('accounts')
  const [served, ...atLeast] = await Promise.all([
    accounts.where({ communityId, hoursTotal: db.command.gt(0) }).count(),
    ...thresholds.map((hours) => accounts.where({ communityId, hoursTotal: db.command.gte(hours) }).count()),
  ])
  return { served: served.total, atLeast: atLeast.map((count) => count.total) }
}
