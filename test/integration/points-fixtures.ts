import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import { earn } from '../../cloudfunctions/lib/points/ledger'
import type { AccountDoc } from '../../cloudfunctions/lib/points/model'
import type { ItemDoc, RedemptionDoc } from '../../cloudfunctions/lib/shop/model'
import { roleDocId, type GrantedRole, type RoleDoc, type UserDoc } from '../../cloudfunctions/lib/users/model'
import type { Client, TestServer } from '../helpers/server'

/**
 * Shared set-up for the points and shop suites: people written straight into
 * the engine (registration and grants are covered by the users suite) and
 * funded through the ledger, so the journal always explains their balance.
 */
export async function addPerson(
  server: TestServer,
  userId: string,
  options: { communityId?: string; roles?: GrantedRole[]; points?: number; name?: string } = {},
): Promise<Client> {
  const communityId = options.communityId ?? 'c-xingfu'
  const now = new Date()
  await server.db.collection<UserDoc>('users').add({
    _id: userId,
    openid: `openid-${userId}`,
    name: options.name ?? '测试成员',
    phone: '13900000000',
    communityId,
    building: '',
    createdAt: now,
    updatedAt: now,
  })
  for (const role of options.roles ?? ['member']) {
    await server.db.collection<RoleDoc>('roles').add({ _id: roleDocId(communityId, userId, role), userId, role, scopeId: communityId, grantedBy: 'test', createdAt: now })
  }
  if (options.points) await fund(server, communityId, userId, options.points, `opening-${userId}`)
  return server.as(`openid-${userId}`)
}

export async function fund(server: TestServer, communityId: string, userId: string, points: number, refId: string): Promise<void> {
  await earn(server.db, { communityId, userId, points, hours: 0, refType: 'enrollment', refId, actorId: 'test', reason: '测试积分', now: new Date() })
}

export async function accountOf(server: TestServer, userId: string, communityId = 'c-xingfu'): Promise<AccountDoc | undefined> {
  return (await server.db.collection<AccountDoc>('accounts').doc(`${communityId}:${userId}`).get()).data[0]
}

export async function itemDoc(server: TestServer, itemId: string): Promise<ItemDoc> {
  return (await server.db.collection<ItemDoc>('items').doc(itemId).get()).data[0]
}

export async function redemptionDoc(server: TestServer, redemptionId: string): Promise<RedemptionDoc> {
  return (await server.db.collection<RedemptionDoc>('redemptions').doc(redemptionId).get()).data[0]
}

/** Makes a held redemption overdue, as if its days had passed. */
export async function makeOverdue(server: TestServer, redemptionId: string, msAgo = 1000): Promise<void> {
  await server.db.collection('redemptions').doc(redemptionId).update({ expiresAt: new Date(Date.now() - msAgo) })
}

let itemCounter = 0

export async function createItem(
  staff: Client,
  fields: { pricePoints: number; stock: number; perPersonLimit?: number; communityId?: string; onShelf?: boolean; name?: string },
): Promise<string> {
  itemCounter += 1
  const item = await staff.ok<{ id: string }>('shop', 'saveItem', {
    communityId: fields.communityId ?? 'c-xingfu',
    name: fields.name ?? `测试商品 ${itemCounter}`,
    pricePoints: fields.pricePoints,
    perPersonLimit: fields.perPersonLimit ?? 100,
    onShelf: fields.onShelf ?? true,
    stock: fields.stock,
  })
  return item.id
}

export const errorCode = (response: ApiResponse<unknown>): string | null => (response.ok ? null : response.error.code)

export function tally(codes: Array<string | null>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const code of codes) counts[code ?? 'ok'] = (counts[code ?? 'ok'] ?? 0) + 1
  return counts
}
