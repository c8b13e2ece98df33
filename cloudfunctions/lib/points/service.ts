/**
 * 积分: what members see of their account, and staff corrections. Balances
 * change only through ./ledger; nothing here edits an account or an entry.
 */
import * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import type { AuditDoc } from '../shared/audit'
import { chinaYear } from '../shared/china-time'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, type Page } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import { expireOverdue } from '../shop/redemptions'
import type { UserDoc } from '../users/model'
import { adjustIn } from './ledger'
import { accountDocId, type AccountDoc, type EntryDoc, type EntryKind, type EntryRefType } from './model'

export const MAX_ADJUST = 10_000

export const balanceInput = z.object({ communityId: id.optional() }).strict()

export const historyInput = z.object({ communityId: id.optional(), ...paging }).strict()

export const adjustInput = z
  .object({
    communityId: id,
    userId: id,
    amount: z
      .number()
      .int()
      .min(-MAX_ADJUST)
      .max(MAX_ADJUST)
      .refine((amount) => amount !== 0, '调整积分不能为 0'),
    reason: z.string().trim().min(2).max(200),
  })
  .strict()

export const accountsInput = z.object({ communityId: id, ...paging }).strict()

export interface BalanceView {
  communityId: string
  available: number
  held: number
  totalEarned: number
  totalSpent: number
  hoursThisYear: number
  hoursTotal: number
}

export interface EntryView {
  id: string
  kind: EntryKind
  amount: number
  heldChange: number
  hours: number
  reason: string
  refType: EntryRefType
  refId: string
  availableAfter: number
  heldAfter: number
  createdAt: Date
}

const toEntryView = (entry: EntryDoc): EntryView => ({
  id: entry._id,
  kind: entry.kind,
  amount: entry.amount,
  heldChange: entry.heldChange,
  hours: entry.hours,
  reason: entry.reason,
  refType: entry.refType,
  refId: entry.refId,
  availableAfter: entry.availableAfter,
  heldAfter: entry.heldAfter,
  createdAt: entry.createdAt,
})

async function findAccount(ctx: ActionContext, communityId: string, userId: string): Promise<AccountDoc | null> {
  return (await ctx.db.collection<AccountDoc>('accounts').doc(accountDocId(communityId, userId)).get()).data[0] ?? null
}

/** My account in a community (zeros before the first entry). Overdue redemptions are expired first, so `held` is true. */
export async function balance(_input: z.output<typeof balanceInput>, ctx: ActionContext): Promise<BalanceView> {
  const user = ctx.caller.user!
  const communityId = ctx.community!._id
  await expireOverdue(ctx.db, { communityId, userId: user._id }, ctx.now())
  const account = await findAccount(ctx, communityId, user._id)
  return {
    communityId,
    available: account?.available ?? 0,
    held: account?.held ?? 0,
    totalEarned: account?.totalEarned ?? 0,
    totalSpent: account?.totalSpent ?? 0,
    hoursThisYear: account?.hoursByYear[chinaYear(ctx.now())] ?? 0,
    hoursTotal: account?.hoursTotal ?? 0,
  }
}

/** My journal in a community, newest first. */
export async function history(input: z.output<typeof historyInput>, ctx: ActionContext): Promise<Page<EntryView>> {
  const user = ctx.caller.user!
  const communityId = ctx.community!._id
  await expireOverdue(ctx.db, { communityId, userId: user._id }, ctx.now())
  const query = ctx.db.collection<EntryDoc>('entries').where({ accountId: accountDocId(communityId, user._id) })
  return pageOf(query, ['createdAt', 'desc'], input, toEntryView)
}

/**
 * A staff correction: a new adjust entry with a reason, in the same
 * transaction as its audit line. Keyed by (staff, requestId): a retried
 * request applies once and answers the same. Nobody corrects their own account.
 */
export async function adjust(input: z.output<typeof adjustInput>, ctx: ActionContext): Promise<{ entryId: string; available: number; held: number }> {
  const actor = ctx.caller.user!
  if (input.userId === actor._id) throw new AppError('FORBIDDEN', '不能调整自己的积分，请由其他工作人员操作')
  await loadDoc<UserDoc>(ctx.db, 'users', input.userId, '用户不存在')
  const now = ctx.now()
  const outcome = await withTransaction(ctx.db, async (tx) => {
    const applied = await adjustIn(tx, {
      communityId: input.communityId,
      userId: input.userId,
      amount: input.amount,
      actorId: actor._id,
      requestId: ctx.requestId,
      reason: input.reason,
      now,
    })
    if (applied.applied) {
      const audit: Omit<AuditDoc, '_id'> = {
        kind: 'points.adjust',
        actorId: actor._id,
        targetId: input.userId,
        communityId: input.communityId,
        detail: { entryId: applied.entry._id, amount: input.amount, availableAfter: applied.entry.availableAfter },
        reason: input.reason,
        requestId: ctx.requestId,
        createdAt: now,
      }
      await tx.collection<AuditDoc>('audit').add(audit)
    }
    return applied
  })
  const { entry, account } = outcome
  if (!outcome.applied && (entry.accountId !== accountDocId(input.communityId, input.userId) || entry.amount !== input.amount)) {
    throw new AppError('CONFLICT', '该请求已用于另一笔调整')
  }
  return { entryId: entry._id, available: account.available, held: account.held }
}

export interface AccountRow {
  userId: string
  name: string
  available: number
  held: number
  hoursTotal: number
}

/** Staff's view of a community's accounts, richest first. */
export async function accounts(input: z.output<typeof accountsInput>, ctx: ActionContext): Promise<Page<AccountRow>> {
  const query = ctx.db.collection<AccountDoc>('accounts').where({ communityId: input.communityId })
  const page = await pageOf(query, ['available', 'desc'], input, (account) => account)
  const userIds = page.items.map((account) => account.userId)
  const users = userIds.length
    ? await ctx.db.collection<UserDoc>('users').where({ _id: ctx.db.command.in(userIds) }).limit(userIds.length).get()
    : { data: [] }
  const names = new Map(users.data.map((user) => [user._id, user.name]))
  return {
    ...page,
    items: page.items.map((account) => ({
      userId: account.userId,
      name: nameFor(names.get(account.userId) ?? '', 'staff'),
      available: account.available,
      held: account.held,
      hoursTotal: account.hoursTotal,
    })),
  }
}
