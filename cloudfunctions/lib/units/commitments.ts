import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Database, Transaction, Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { contentReviewOf, holdIf, type ContentReview } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { id, instant, paging, photoId, text, type Page } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import { isLiaisonOf, loadUnit } from './service'
import { rolesIn } from '../runtime/caller'
import type { CommunityDoc } from '../users/model'
import { commitmentStatuses, type AgreementDoc, type CommitmentDoc, type CommitmentStatus, type RatingDoc, ratingId } from './model'

const photos = z.array(photoId).max(6, '最多 6 张图片').default([])
const year = z.number().int().min(2000).max(2100)

export const proposeInput = z
  .object({
    unitId: id,
    communityId: id,
    year,
    title: text(40),
    content: text(1000),
    category: text(20),
    deadline: instant({ day: 'end' }),
    measure: text(200),
  })
  .strict()
export const commitmentIdInput = z.object({ commitmentId: id }).strict()
export const noteInput = z.object({ commitmentId: id, note: text(500), photos }).strict()
export const withdrawInput = z.object({ commitmentId: id, reason: text(200) }).strict()
export const listInput = z
  .object({
    communityId: id.optional(),
    unitId: id.optional(),
    year: year.optional(),
    status: z.enum(commitmentStatuses).optional(),
    ...paging,
  })
  .strict()

export interface CommitmentView {
  id: string
  unitId: string
  unitName: string
  communityId: string
  year: number
  title: string
  content: string
  category: string
  deadline: Date
  measure: string
  status: CommitmentStatus
  /** Past the deadline and not yet completed: derived, never stored, so it needs no timer. */
  overdue: boolean
  demandId: string | null
  /** `by` (an internal user id) only for staff of the community and the unit's liaisons. */
  progress: Array<Omit<CommitmentDoc['progress'][number], 'by'> & { by?: string }>
  evidence: CommitmentDoc['evidence']
  withdrawReason: string
  history: Array<Omit<CommitmentDoc['history'][number], 'by'> & { by?: string }>
  /** The caller's own 评议 score, so the app does not offer a second one; null when they have not rated (or cannot). */
  myRating: number | null
  /** Staff and liaisons: 待人工审核 while a proposal or note went unchecked (agree / verify settles it). */
  contentReview: ContentReview | null
  createdAt: Date
}

/** What the caller may see of a commitment beyond its public record. */
interface Viewer {
  /** Staff of the commitment's community or a liaison of its unit: they see who did what. */
  privileged: boolean
  myRating: number | null
}

const OPEN: readonly CommitmentStatus[] = ['proposed', 'agreed', 'in_progress']

export const isOverdue = (commitment: Pick<CommitmentDoc, 'status' | 'deadline'>, now: Date): boolean =>
  OPEN.includes(commitment.status) && commitment.deadline.getTime() < now.getTime()

const withoutBy = <T extends { by: string }>({ by: _by, ...rest }: T): Omit<T, 'by'> => rest

const toView = (commitment: CommitmentDoc, unitName: string, now: Date, viewer: Viewer): CommitmentView => ({
  id: commitment._id,
  unitId: commitment.unitId,
  unitName,
  communityId: commitment.communityId,
  year: commitment.year,
  title: commitment.title,
  content: commitment.content,
  category: commitment.category,
  deadline: commitment.deadline,
  measure: commitment.measure,
  status: commitment.status,
  overdue: isOverdue(commitment, now),
  demandId: commitment.demandId,
  progress: viewer.privileged ? commitment.progress : commitment.progress.map(withoutBy),
  evidence: commitment.evidence,
  withdrawReason: commitment.withdrawReason,
  history: viewer.privileged ? commitment.history : commitment.history.map(withoutBy),
  myRating: viewer.myRating,
  contentReview: viewer.privileged ? contentReviewOf(commitment) : null,
  createdAt: commitment.createdAt,
})

/** Staff and liaisons act on commitments; residents only rate verified ones, which happens after every transition. */
const ACTOR: Viewer = { privileged: true, myRating: null }

async function unitName(db: Database, unitId: string): Promise<string> {
  const found = await db.collection<{ _id: string; name: string }>('units').doc(unitId).get()
  return found.data[0]?.name ?? ''
}

/** The guard checks roles in the commitment's own community, never one the caller names. */
export async function communityOfCommitment(input: { commitmentId: string }, { db }: GuardContext): Promise<string | null> {
  return (await loadDoc<CommitmentDoc>(db, 'commitments', input.commitmentId, '承诺事项不存在')).communityId
}

/** A new commitment document, shared with demand claims (which create one already agreed). */
export function newCommitment(
  fields: Pick<CommitmentDoc, 'unitId' | 'communityId' | 'year' | 'title' | 'content' | 'category' | 'deadline' | 'measure' | 'demandId'>,
  status: 'proposed' | 'agreed',
  by: string,
  now: Date,
): CommitmentDoc {
  return {
    _id: randomUUID().replace(/-/g, ''),
    ...fields,
    status,
    progress: [],
    evidence: null,
    withdrawReason: '',
    proposedBy: by,
    history: [{ status, at: now, by, note: '' }],
    createdAt: now,
    updatedAt: now,
  }
}

export async function proposeCommitment(input: z.output<typeof proposeInput>, ctx: ActionContext): Promise<CommitmentView> {
  const unit = await loadUnit(ctx.db, input.unitId)
  // A liaison proposes for their own unit only; staff may record a promise on a unit's behalf.
  if (!ctx.roles.has('staff') && !isLiaisonOf(ctx.caller, unit._id)) throw new AppError('FORBIDDEN', '只能为本单位提出承诺')
  if (unit.status !== 'active' || !unit.communityIds.includes(input.communityId)) throw new AppError('INVALID_STATE', '该单位未与本社区结对或已暂停')
  // Unchecked words are kept: a proposal waits for staff to agree to it anyway, and agreeing settles the flag.
  const verdict = await ctx.checkContent([input.title, input.content, input.measure])
  const commitment = { ...newCommitment({ ...input, demandId: null }, 'proposed', ctx.caller.user?._id ?? '', ctx.now()), ...holdIf(verdict) }
  await ctx.db.collection<CommitmentDoc>('commitments').add(commitment)
  return toView(commitment, unit.name, ctx.now(), ACTOR)
}

type Actor = 'staff' | 'liaison' | 'staffOrLiaison'

/**
 * One transition: who may make it, from which states, and what it writes.
 * It runs in a transaction, so two racing callers re-read the state and
 * exactly one finds it still in a `from` state.
 */
async function transition(
  ctx: ActionContext,
  commitmentId: string,
  rule: { actor: Actor; from: readonly CommitmentStatus[]; to: CommitmentStatus; note: string; change?: (doc: CommitmentDoc) => Partial<CommitmentDoc> },
): Promise<CommitmentView> {
  const now = ctx.now()
  const by = ctx.caller.user?._id ?? ''
  const updated = await withTransaction(ctx.db, async (tx: Transaction) => {
    const ref = tx.collection<CommitmentDoc>('commitments').doc(commitmentId)
    const commitment = (await ref.get()).data
    if (!commitment) throw new AppError('NOT_FOUND', '承诺事项不存在')
    const isStaff = ctx.roles.has('staff')
    const isLiaison = isLiaisonOf(ctx.caller, commitment.unitId)
    const allowed = rule.actor === 'staff' ? isStaff : rule.actor === 'liaison' ? isLiaison : isStaff || isLiaison
    if (!allowed) throw new AppError('FORBIDDEN')
    if (!rule.from.includes(commitment.status)) throw new AppError('INVALID_STATE', `承诺事项当前为「${statusLabels[commitment.status]}」，不能进行此操作`)
    const changes: Partial<CommitmentDoc> = {
      ...rule.change?.(commitment),
      status: rule.to,
      history: [...commitment.history, { status: rule.to, at: now, by, note: rule.note }],
      updatedAt: now,
    }
    // An object written over null must replace, not merge: CloudBase merges a plain nested object.
    await ref.update(changes.evidence ? { ...changes, evidence: ctx.db.command.set(changes.evidence) } : changes)
    return { ...commitment, ...changes }
  })
  return toView(updated, await unitName(ctx.db, updated.unitId), now, ACTOR)
}

export const statusLabels: Record<CommitmentStatus, string> = {
  proposed: '待确认',
  agreed: '已确认',
  in_progress: '进行中',
  completed: '已完成',
  verified: '已验收',
  withdrawn: '已撤回',
}

// Agreeing and verifying are staff reading the commitment: unchecked words are settled with them, and nothing reaches
// the public (verified only) without a verification.
export const agreeCommitment = (input: z.output<typeof commitmentIdInput>, ctx: ActionContext) =>
  transition(ctx, input.commitmentId, { actor: 'staff', from: ['proposed'], to: 'agreed', note: '', change: () => ({ contentReview: null }) })

export const verifyCommitment = (input: z.output<typeof commitmentIdInput>, ctx: ActionContext) =>
  transition(ctx, input.commitmentId, { actor: 'staff', from: ['completed'], to: 'verified', note: '', change: () => ({ contentReview: null }) })

export async function progressCommitment(input: z.output<typeof noteInput>, ctx: ActionContext): Promise<CommitmentView> {
  const held = holdIf(await ctx.checkContent([input.note]))
  const at = ctx.now()
  return transition(ctx, input.commitmentId, {
    actor: 'liaison',
    from: ['agreed', 'in_progress'],
    to: 'in_progress',
    note: input.note,
    change: (doc) => ({ progress: [...doc.progress, { note: input.note, photos: input.photos, at, by: ctx.caller.user?._id ?? '' }], ...held }),
  })
}

export async function completeCommitment(input: z.output<typeof noteInput>, ctx: ActionContext): Promise<CommitmentView> {
  const held = holdIf(await ctx.checkContent([input.note]))
  return transition(ctx, input.commitmentId, {
    actor: 'liaison',
    from: ['in_progress'],
    to: 'completed',
    note: input.note,
    change: () => ({ evidence: { note: input.note, photos: input.photos }, ...held }),
  })
}

export const withdrawCommitment = (input: z.output<typeof withdrawInput>, ctx: ActionContext) =>
  transition(ctx, input.commitmentId, {
    actor: 'staffOrLiaison',
    from: OPEN,
    to: 'withdrawn',
    note: input.reason,
    change: () => ({ withdrawReason: input.reason }),
  })

/**
 * Commitments of a community or a unit. Staff of the community and the unit's
 * liaisons see every state; everyone else sees verified ones only (the public
 * record of kept promises).
 */
export async function listCommitments(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<CommitmentView>> {
  if (!input.communityId && !input.unitId) throw new AppError('VALIDATION_FAILED', '请选择社区或单位')
  const filter: Where = {}
  if (input.communityId) filter.communityId = input.communityId
  if (input.unitId) filter.unitId = input.unitId
  if (input.year !== undefined) filter.year = input.year
  let privileged = input.communityId ? ctx.roles.has('staff') : false
  if (input.unitId && isLiaisonOf(ctx.caller, input.unitId)) privileged = true
  if (input.unitId && !input.communityId && !privileged) {
    // Staff opening a unit's page see everything it promised their own communities (to agree and verify), as they would by community.
    const staffOf = await staffCommunitiesOf(ctx, input.unitId)
    if (staffOf.length > 0) {
      filter.communityId = ctx.db.command.in(staffOf)
      privileged = true
    }
  }
  if (!privileged) {
    if (input.status !== undefined && input.status !== 'verified') return { items: [], total: 0, page: input.page, pageSize: input.pageSize }
    filter.status = 'verified'
  } else if (input.status !== undefined) filter.status = input.status
  const query = ctx.db.collection<CommitmentDoc>('commitments').where(filter)
  const now = ctx.now()
  const names = new Map<string, string>()
  const page = await pageOf(query, ['createdAt', 'desc'], input, (doc) => doc)
  for (const doc of page.items) if (!names.has(doc.unitId)) names.set(doc.unitId, await unitName(ctx.db, doc.unitId))
  const scores = await myScores(ctx, page.items)
  return { ...page, items: page.items.map((doc) => toView(doc, names.get(doc.unitId) ?? '', now, { privileged, myRating: scores.get(doc._id) ?? null })) }
}

/** The caller's ratings of the verified commitments on this page, read by their natural keys in one query. */
async function myScores(ctx: ActionContext, commitments: CommitmentDoc[]): Promise<Map<string, number>> {
  const userId = ctx.caller.user?._id
  const ids = commitments.filter((commitment) => commitment.status === 'verified').map((commitment) => ratingId(commitment._id, userId ?? ''))
  if (!userId || ids.length === 0) return new Map()
  const ratings = await ctx.db
    .collection<RatingDoc>('ratings')
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get()
  return new Map(ratings.data.map((rating) => [rating.commitmentId, rating.score]))
}

async function staffCommunitiesOf(ctx: ActionContext, unitId: string): Promise<string[]> {
  if (!ctx.caller.user) return []
  const agreements = await ctx.db.collection<AgreementDoc>('agreements').where({ unitId }).limit(200).get()
  const ids = agreements.data.map((agreement) => agreement.communityId)
  if (ids.length === 0) return []
  const communities = await ctx.db
    .collection<CommunityDoc>('communities')
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get()
  return communities.data.filter((community) => rolesIn(ctx.caller, community).has('staff')).map((community) => community._id)
}
