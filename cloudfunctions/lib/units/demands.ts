import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { chinaYear, yearRange } from '../shared/china-time'
import { recordUnchecked } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { id, instant, paging, text, type Page } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import { newCommitment } from './commitments'
import { demandStatuses, type CommitmentDoc, type DemandDoc, type UnitDoc } from './model'

/** A claimed demand without its own deadline becomes a commitment due at the end of the (Beijing) year. */
const endOfYear = (now: Date): Date => new Date(yearRange(chinaYear(now)).end.getTime() - 1000)

export const publishInput = z
  .object({
    communityId: id,
    title: text(40),
    content: text(1000),
    category: text(20),
    // A bare day lasts to its last second in Beijing; omitted (not null) means no deadline.
    deadline: instant({ day: 'end' }).optional(),
    maxClaims: z.number().int().min(1).max(10).default(1),
  })
  .strict()
export const listInput = z.object({ communityId: id.optional(), status: z.enum(demandStatuses).optional(), ...paging }).strict()
export const claimInput = z.object({ demandId: id, unitId: id }).strict()
export const demandIdInput = z.object({ demandId: id }).strict()
export const cancelInput = z.object({ demandId: id, reason: text(200) }).strict()

export interface DemandView {
  id: string
  communityId: string
  title: string
  content: string
  category: string
  deadline: Date | null
  maxClaims: number
  claims: Array<{ unitId: string; unitName: string; commitmentId: string; at: Date }>
  status: DemandDoc['status']
  cancelReason: string
  createdAt: Date
}

const toView = (demand: DemandDoc, names: Map<string, string>): DemandView => ({
  id: demand._id,
  communityId: demand.communityId,
  title: demand.title,
  content: demand.content,
  category: demand.category,
  deadline: demand.deadline,
  maxClaims: demand.maxClaims,
  claims: demand.claims.map((claim) => ({ unitId: claim.unitId, unitName: names.get(claim.unitId) ?? '', commitmentId: claim.commitmentId, at: claim.at })),
  status: demand.status,
  cancelReason: demand.cancelReason,
  createdAt: demand.createdAt,
})

async function viewsOf(ctx: ActionContext, demands: DemandDoc[]): Promise<DemandView[]> {
  const unitIds = [...new Set(demands.flatMap((demand) => demand.claims.map((claim) => claim.unitId)))]
  const units = unitIds.length
    ? await ctx.db
        .collection<UnitDoc>('units')
        .where({ _id: ctx.db.command.in(unitIds) })
        .limit(unitIds.length)
        .get()
    : { data: [] }
  const names = new Map(units.data.map((unit) => [unit._id, unit.name]))
  return demands.map((demand) => toView(demand, names))
}

export async function communityOfDemand(input: { demandId: string }, { db }: GuardContext): Promise<string | null> {
  return (await loadDoc<DemandDoc>(db, 'demands', input.demandId, '需求不存在')).communityId
}

export async function publishDemand(input: z.output<typeof publishInput>, ctx: ActionContext): Promise<DemandView> {
  // Staff publish demands: unchecked words are kept as written and noted on the audit trail (lib/shared/content-review.ts).
  const verdict = await ctx.checkContent([input.title, input.content])
  const now = ctx.now()
  const demand: DemandDoc = {
    _id: randomUUID().replace(/-/g, ''),
    communityId: input.communityId,
    title: input.title,
    content: input.content,
    category: input.category,
    deadline: input.deadline ?? null,
    maxClaims: input.maxClaims,
    claims: [],
    status: 'open',
    cancelReason: '',
    createdBy: ctx.caller.user?._id ?? '',
    createdAt: now,
    updatedAt: now,
  }
  await ctx.db.collection<DemandDoc>('demands').add(demand)
  await recordUnchecked(ctx, verdict, { action: 'units.publishDemand', targetId: demand._id, communityId: demand.communityId })
  return toView(demand, new Map())
}

export async function listDemands(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<DemandView>> {
  if (!ctx.caller.user) throw new AppError('NOT_REGISTERED')
  const communityId = input.communityId ?? ctx.caller.user.communityId
  const filter: Where = { communityId }
  if (input.status) filter.status = input.status
  const page = await pageOf(ctx.db.collection<DemandDoc>('demands').where(filter), ['createdAt', 'desc'], input, (doc) => doc)
  return { ...page, items: await viewsOf(ctx, page.items) }
}

/**
 * A unit claims a demand. The claim, the demand's state and the linked
 * commitment are written in one transaction, so of units racing for a
 * single-claim demand exactly one wins and exactly one commitment exists.
 */
export async function claimDemand(input: z.output<typeof claimInput>, ctx: ActionContext): Promise<DemandView> {
  const liaisonUnit = ctx.caller.units.find((unit) => unit.unitId === input.unitId)
  if (!liaisonUnit) throw new AppError('FORBIDDEN', '只能以本单位名义认领')
  const now = ctx.now()
  const by = ctx.caller.user?._id ?? ''
  const demand = await withTransaction(ctx.db, async (tx) => {
    const ref = tx.collection<DemandDoc>('demands').doc(input.demandId)
    const demand = (await ref.get()).data
    if (!demand) throw new AppError('NOT_FOUND', '需求不存在')
    if (!liaisonUnit.communityIds.includes(demand.communityId)) throw new AppError('FORBIDDEN', '本单位未与该社区结对')
    if (demand.status === 'claimed') throw new AppError('ALREADY_CLAIMED', '该需求已被其他单位认领')
    if (demand.status !== 'open') throw new AppError('NOT_CLAIMABLE', '该需求已结束')
    if (demand.deadline && demand.deadline.getTime() < now.getTime()) throw new AppError('DEADLINE_PASSED', '该需求已过截止时间')
    if (demand.claims.some((claim) => claim.unitId === input.unitId)) throw new AppError('ALREADY_EXISTS', '本单位已认领该需求')
    const commitment: CommitmentDoc = newCommitment(
      {
        unitId: input.unitId,
        communityId: demand.communityId,
        year: chinaYear(now),
        title: demand.title,
        content: demand.content,
        category: demand.category,
        deadline: demand.deadline ?? endOfYear(now),
        measure: '按需求清单完成',
        demandId: demand._id,
      },
      'agreed',
      by,
      now,
    )
    const { _id: commitmentId, ...fields } = commitment
    await tx.collection<CommitmentDoc>('commitments').doc(commitmentId).create(fields)
    const claims = [...demand.claims, { unitId: input.unitId, commitmentId, at: now, by }]
    const status = claims.length >= demand.maxClaims ? 'claimed' : 'open'
    await ref.update({ claims, status, updatedAt: now })
    return { ...demand, claims, status } satisfies DemandDoc
  })
  return (await viewsOf(ctx, [demand]))[0]!
}

async function closeDemand(ctx: ActionContext, demandId: string, to: 'done' | 'cancelled', reason: string): Promise<DemandView> {
  const now = ctx.now()
  const demand = await withTransaction(ctx.db, async (tx) => {
    const ref = tx.collection<DemandDoc>('demands').doc(demandId)
    const demand = (await ref.get()).data
    if (!demand) throw new AppError('NOT_FOUND', '需求不存在')
    // Done needs a claimer; a claimed demand cannot be cancelled (its commitments are withdrawn one by one instead).
    const legal = to === 'done' ? demand.claims.length > 0 && (demand.status === 'open' || demand.status === 'claimed') : demand.status === 'open' && demand.claims.length === 0
    if (!legal) throw new AppError('INVALID_STATE')
    const changes = { status: to, cancelReason: reason, updatedAt: now }
    await ref.update(changes)
    return { ...demand, ...changes }
  })
  return (await viewsOf(ctx, [demand]))[0]!
}

export const completeDemand = (input: z.output<typeof demandIdInput>, ctx: ActionContext) => closeDemand(ctx, input.demandId, 'done', '')
export const cancelDemand = (input: z.output<typeof cancelInput>, ctx: ActionContext) => closeDemand(ctx, input.demandId, 'cancelled', input.reason)
