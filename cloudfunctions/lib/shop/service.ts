/**
 * 积分超市: items staff manage, and redemptions members make. The money-like
 * moves live in ./redemptions (the state machine) and ../points/ledger; this
 * file checks who may do what and shapes what callers see.
 */
import { allCommunityIds } from '../runtime/timers'
import { createHash } from 'node:crypto'
import * as z from 'zod'
import { DbErrorCode, isDbError, type Database, type Where } from '../db/types'
import { resolved, type ActionContext, type GuardContext, type Resolved, type SystemContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, text, type Page } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import type { UserDoc } from '../users/model'
import { pickupCodeDocId, pickupQrPayload, redemptionStatuses, type ItemDoc, type PickupCodeDoc, type RedemptionDoc, type RedemptionStatus } from './model'
import { closeIn, closeRedemption, expireOverdue, expiryFrom, reconcileReservations, redeemItem, redemptionDays, redemptionIdFor, type CloseOutcome } from './redemptions'

/** A community's shop is a shelf, not a warehouse: one read holds it all. */
const MAX_ITEMS = 1000
/** How many pages of overdue redemptions `expireDue` works through in one call. */
const EXPIRE_DUE_BATCHES = 10

const points = (max: number) => z.number().int().min(1).max(max)

export const itemsInput = z
  .object({
    communityId: id.optional(),
    includeOffShelf: z.boolean().default(false),
  })
  .strict()

export const saveItemInput = z
  .object({
    communityId: id,
    itemId: id.optional(),
    name: text(40),
    photoUrl: z.string().trim().min(1).max(500).nullable().optional(),
    pricePoints: points(100_000),
    perPersonLimit: z.number().int().min(1).max(100),
    onShelf: z.boolean(),
    /** Only when creating: later changes go through restock, which keeps a reason. */
    stock: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((input) => input.itemId === undefined || input.stock === undefined, { message: '库存请通过补货调整', path: ['stock'] })

export const restockInput = z
  .object({
    itemId: id,
    delta: z
      .number()
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((delta) => delta !== 0, '变动数量不能为 0'),
    reason: text(200),
  })
  .strict()

export const redeemInput = z.object({ itemId: id }).strict()

export const myRedemptionsInput = z
  .object({
    communityId: id.optional(),
    status: z.enum(redemptionStatuses).optional(),
    ...paging,
  })
  .strict()

export const cancelInput = z
  .object({
    redemptionId: id,
    reason: z.string().trim().max(200).default(''),
  })
  .strict()

export const pickupInput = z
  .object({
    communityId: id,
    code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字兑换码'),
  })
  .strict()

export const redemptionsInput = z
  .object({
    communityId: id,
    status: z.enum(redemptionStatuses).optional(),
    ...paging,
  })
  .strict()

export const expireDueInput = z.object({ communityId: id }).strict()

export interface ItemView {
  id: string
  name: string
  photoUrl: string | null
  pricePoints: number
  stock: number
  perPersonLimit: number
  onShelf: boolean
}

export interface RedemptionView {
  id: string
  itemId: string
  itemName: string
  points: number
  status: RedemptionStatus
  /** Only while held; every view of a redemption goes to its owner or to staff. */
  pickupCode: string | null
  qrPayload: string | null
  expiresAt: Date
  createdAt: Date
  closedAt: Date | null
}

export const toItemView = (item: ItemDoc): ItemView => ({
  id: item._id,
  name: item.name,
  photoUrl: item.photoUrl,
  pricePoints: item.pricePoints,
  stock: item.stock,
  perPersonLimit: item.perPersonLimit,
  onShelf: item.onShelf,
})

export function toRedemptionView(redemption: RedemptionDoc): RedemptionView {
  const open = redemption.status === 'held'
  return {
    id: redemption._id,
    itemId: redemption.itemId,
    itemName: redemption.itemName,
    points: redemption.points,
    status: redemption.status,
    pickupCode: open ? redemption.pickupCode : null,
    qrPayload: open ? pickupQrPayload(redemption.communityId, redemption.pickupCode) : null,
    expiresAt: redemption.expiresAt,
    createdAt: redemption.createdAt,
    closedAt: redemption.closedAt,
  }
}

async function findItem(db: Database, itemId: string): Promise<ItemDoc | null> {
  return (await db.collection<ItemDoc>('items').doc(itemId).get()).data[0] ?? null
}

/** Guard hook: an item's actions are checked in the item's own community, never one the caller names. */
export async function itemCommunity(input: { itemId: string }, { db }: GuardContext): Promise<Resolved<ItemDoc>> {
  const item = await findItem(db, input.itemId)
  if (!item) throw new AppError('NOT_FOUND', '商品不存在')
  return resolved(item.communityId, item)
}

/** A new item names its community; an edit is checked in the item's own (and hands the item on). */
export async function saveItemCommunity(input: { communityId: string; itemId?: string }, ctx: GuardContext): Promise<Resolved<ItemDoc | null>> {
  return input.itemId ? itemCommunity({ itemId: input.itemId }, ctx) : resolved(input.communityId, null)
}

/** Guard hook: a redemption's actions are checked in its community. */
export async function redemptionCommunity(input: { redemptionId: string }, { db }: GuardContext): Promise<Resolved<RedemptionDoc>> {
  const redemption = await loadDoc<RedemptionDoc>(db, 'redemptions', input.redemptionId, '兑换记录不存在')
  return resolved(redemption.communityId, redemption)
}

/**
 * Guard hook for pick-up: roles are checked in `communityId` as given, and
 * the code is looked up at the same time (null when unknown), so the
 * transaction can start from the redemption it names.
 */
export async function pickupCommunity(input: { communityId: string; code: string }, { db }: GuardContext): Promise<Resolved<PickupCodeDoc | null>> {
  const code = (await db.collection<PickupCodeDoc>('pickupCodes').doc(pickupCodeDocId(input.communityId, input.code)).get()).data[0] ?? null
  return resolved(input.communityId, code)
}

export async function listItems(input: z.output<typeof itemsInput>, ctx: ActionContext): Promise<{ items: ItemView[] }> {
  const community = ctx.community
  if (!community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  if (input.includeOffShelf && !ctx.roles.has('staff')) throw new AppError('FORBIDDEN', '只有工作人员可以查看下架商品')
  const where: Where = input.includeOffShelf ? { communityId: community._id } : { communityId: community._id, onShelf: true }
  const found = await ctx.db.collection<ItemDoc>('items').where(where).orderBy('createdAt', 'desc').limit(MAX_ITEMS).get()
  return { items: found.data.map(toItemView) }
}

export async function saveItem(input: z.output<typeof saveItemInput>, ctx: ActionContext<ItemDoc | null>): Promise<ItemView> {
  const items = ctx.db.collection<ItemDoc>('items')
  const now = ctx.now()
  if (input.itemId) {
    const existing = ctx.target
    if (!existing || existing.communityId !== input.communityId) throw new AppError('NOT_FOUND', '商品不存在')
    // Stock is left out on purpose: redemptions change it concurrently, restock changes it with a reason.
    const changes: Partial<ItemDoc> = {
      name: input.name,
      pricePoints: input.pricePoints,
      perPersonLimit: input.perPersonLimit,
      onShelf: input.onShelf,
      updatedAt: now,
    }
    if (input.photoUrl !== undefined) changes.photoUrl = input.photoUrl
    await items.doc(existing._id).update(changes)
    // Stock may have moved since the guard read it; everything else is what was just written.
    return toItemView({ ...existing, ...changes })
  }
  // Derived from the request, so a retried 保存 creates the item once.
  const itemId = `i${createHash('sha256').update(`${input.communityId}\u0000${ctx.requestId}`).digest('hex').slice(0, 23)}`
  const item: ItemDoc = {
    _id: itemId,
    communityId: input.communityId,
    name: input.name,
    photoUrl: input.photoUrl ?? null,
    pricePoints: input.pricePoints,
    stock: input.stock ?? 0,
    perPersonLimit: input.perPersonLimit,
    onShelf: input.onShelf,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await items.add(item)
  } catch (error) {
    if (!isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw error
    return toItemView((await findItem(ctx.db, itemId))!)
  }
  return toItemView(item)
}

/** Stock changes by a delta with a reason, never set outright, so a restock cannot erase units redeemed meanwhile. */
export async function restock(input: z.output<typeof restockInput>, ctx: ActionContext): Promise<ItemView> {
  const _ = ctx.db.command
  const items = ctx.db.collection<ItemDoc>('items')
  const where: Where = input.delta < 0 ? { _id: input.itemId, stock: _.gte(-input.delta) } : { _id: input.itemId }
  const result = await items.where(where).update({ stock: _.inc(input.delta), updatedAt: ctx.now() })
  if (result.updated === 0) throw new AppError('OUT_OF_STOCK', '库存不足，不能减少这么多')
  const item = (await findItem(ctx.db, input.itemId))!
  // The stock after this change, for the trail: read after the write, since redemptions move it concurrently.
  await recordAudit(ctx, {
    kind: 'item.restock',
    targetId: item._id,
    communityId: item.communityId,
    detail: { delta: input.delta, stockAfter: item.stock },
    reason: input.reason,
  })
  return toItemView(item)
}

export async function redeem(input: z.output<typeof redeemInput>, ctx: ActionContext<ItemDoc>): Promise<RedemptionView> {
  const user = ctx.caller.user!
  const now = ctx.now()
  const redemption = await redeemItem(ctx.db, {
    itemId: input.itemId,
    item: ctx.target,
    communityId: ctx.community!._id,
    userId: user._id,
    redemptionId: redemptionIdFor(user._id, ctx.requestId),
    expiresAt: expiryFrom(now, redemptionDays(ctx.community)),
    now,
  })
  return toRedemptionView(redemption)
}

export async function myRedemptions(input: z.output<typeof myRedemptionsInput>, ctx: ActionContext): Promise<Page<RedemptionView>> {
  const user = ctx.caller.user!
  const communityId = ctx.community!._id
  await expireOverdue(ctx.db, { communityId, userId: user._id }, ctx.now())
  const where: Where = { userId: user._id, communityId }
  if (input.status) where.status = input.status
  return pageOf(ctx.db.collection<RedemptionDoc>('redemptions').where(where), ['createdAt', 'desc'], input, toRedemptionView)
}

const closedMessages: Record<RedemptionStatus, string> = {
  held: '兑换尚未完成',
  picked: '该兑换已核销',
  cancelled: '该兑换已取消',
  expired: '该兑换已过期',
}

export async function cancel(input: z.output<typeof cancelInput>, ctx: ActionContext<RedemptionDoc>): Promise<RedemptionView> {
  const user = ctx.caller.user
  if (!user) throw new AppError('NOT_REGISTERED')
  const found = ctx.target
  if (found.userId !== user._id && !ctx.roles.has('staff')) throw new AppError('FORBIDDEN', '只能取消自己的兑换')
  const outcome = await closeRedemption(ctx.db, found._id, 'cancelled', user._id, input.reason, ctx.now(), found)
  if (!outcome.changed || outcome.redemption.status !== 'cancelled') throw new AppError('INVALID_STATE', closedMessages[outcome.redemption.status])
  return toRedemptionView(outcome.redemption)
}

export interface PickupView extends RedemptionView {
  /**
   * In full, as in the waiting list on the same screen (`redemptions`):
   * staff hand the item over and check who takes it, so both show the name
   * the same way.
   */
  memberName: string
}

type PickupResult = { kind: 'unknown' } | { kind: 'self' } | ({ kind: 'closed' } & CloseOutcome)

/** Staff post a redemption by its code. A wrong, closed or expired code is CODE_INVALID. */
export async function pickup(_input: z.output<typeof pickupInput>, ctx: ActionContext<PickupCodeDoc | null>): Promise<PickupView> {
  const staff = ctx.caller.user!
  const now = ctx.now()
  // The code the guard found names the redemption; its fixed fields (owner, item, price) never change.
  const code = ctx.target
  const named = code ? (await ctx.db.collection<RedemptionDoc>('redemptions').doc(code.redemptionId).get()).data[0] : undefined
  if (!code || !named) throw new AppError('CODE_INVALID', '兑换码无效或已使用')
  if (named.userId === staff._id) throw new AppError('FORBIDDEN', '不能核销自己的兑换，请由其他工作人员核销')
  // The member's name is read alongside the transaction: it does not depend on it.
  const [result, member] = await Promise.all([
    withTransaction(ctx.db, async (tx): Promise<PickupResult> => {
      // The code is deleted in the transaction, so a racing pick-up or cancel of it conflicts here.
      return { kind: 'closed', ...(await closeIn(tx, code.redemptionId, 'picked', staff._id, '到店领取', now, named)) }
    }),
    ctx.db.collection<UserDoc>('users').doc(named.userId).get(),
  ])
  if (result.kind !== 'closed' || !result.changed) throw new AppError('CODE_INVALID', '兑换码无效或已使用')
  if (result.redemption.status !== 'picked') throw new AppError('CODE_INVALID', '兑换码已过期')
  return { ...toRedemptionView(result.redemption), memberName: nameFor(member.data[0]?.name ?? '', 'staff') }
}

export interface StaffRedemptionView extends RedemptionView {
  memberName: string
}

export async function listRedemptions(input: z.output<typeof redemptionsInput>, ctx: ActionContext): Promise<Page<StaffRedemptionView>> {
  await expireOverdue(ctx.db, { communityId: input.communityId }, ctx.now())
  const where: Where = { communityId: input.communityId }
  if (input.status) where.status = input.status
  const page = await pageOf(ctx.db.collection<RedemptionDoc>('redemptions').where(where), ['createdAt', 'desc'], input, (doc) => doc)
  const userIds = [...new Set(page.items.map((doc) => doc.userId))]
  const users = userIds.length
    ? await ctx.db.collection<UserDoc>('users').where({ _id: ctx.db.command.in(userIds) }).limit(userIds.length).get()
    : { data: [] }
  const names = new Map(users.data.map((user) => [user._id, user.name]))
  return { ...page, items: page.items.map((doc) => ({ ...toRedemptionView(doc), memberName: nameFor(names.get(doc.userId) ?? '', 'staff') })) }
}

export async function expireDue(input: z.output<typeof expireDueInput>, ctx: ActionContext): Promise<{ expired: number }> {
  const [expired] = await Promise.all([
    expireOverdue(ctx.db, { communityId: input.communityId }, ctx.now(), EXPIRE_DUE_BATCHES),
    reconcileReservations(ctx.db, input.communityId, ctx.now()),
  ])
  return { expired }
}

/** The timer: every community's overdue redemptions, giving points and stock back. */
export async function expireAllDue(ctx: SystemContext): Promise<{ expired: number }> {
  let expired = 0
  for (const communityId of await allCommunityIds(ctx.db)) {
    expired += await expireOverdue(ctx.db, { communityId }, ctx.now(), EXPIRE_DUE_BATCHES)
    // Units of redemptions that never got made (a function stopped mid-way) go back to stock.
    await reconcileReservations(ctx.db, communityId, ctx.now())
  }
  return { expired }
}
