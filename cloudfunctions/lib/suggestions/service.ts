import * as z from 'zod'
import type { ContentVerdict } from '../content'
import type { Database, Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { contentReviewOf, holdIf, recordUnchecked, REVIEWED } from '../shared/content-review'
import { requireUser } from '../shared/caller'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, photoId, text, type Page } from '../shared/schemas'
import { ratingChange, statsAdd, type StatsChange } from '../stats'
import { roleDocId, type RoleDoc, type UserDoc } from '../users/model'
import {
  assigneeName,
  suggestionCategories,
  suggestionStatuses,
  toPublicSuggestion,
  toSuggestionCard,
  type Assignee,
  type PublicSuggestion,
  type SuggestionCard,
  type SuggestionDoc,
  type SuggestionStatus,
  type SuggestionView,
} from './model'
import { canMove, canRate, moveSuggestion, rateSuggestion } from './transitions'

// ---------------------------------------------------------------- inputs

const category = z.enum(suggestionCategories)
const photos = z.array(photoId).max(6, '最多 6 张图片')
const reason = z.string().trim().min(2, '请写明原因').max(200)

export const submitInput = z
  .object({
    communityId: id.optional(),
    category,
    title: z.string().trim().min(2).max(40),
    content: z.string().trim().min(5, '请至少写 5 个字').max(1000),
    photos: photos.default([]),
    anonymous: z.boolean().default(false),
  })
  .strict()

export const suggestionInput = z.object({ suggestionId: id }).strict()

export const withdrawInput = suggestionInput

export const acceptInput = z.object({ suggestionId: id, note: z.string().trim().max(200).default('') }).strict()

export const declineInput = z.object({ suggestionId: id, reason }).strict()

export const assignInput = z
  .object({ suggestionId: id, staffId: id.optional(), handler: z.string().trim().min(2).max(40).optional(), note: z.string().trim().max(200).default('') })
  .strict()
  .refine((input) => (input.staffId === undefined) !== (input.handler === undefined), { message: '请选择一位工作人员，或填写承办单位', path: ['staffId'] })

export const replyInput = z.object({ suggestionId: id, text: text(500) }).strict()

export const closeInput = z.object({ suggestionId: id, result: z.string().trim().min(2).max(500), resultPhotos: photos.default([]) }).strict()

export const rateInput = z.object({ suggestionId: id, score: z.number().int().min(1).max(5), comment: z.string().trim().max(200).default('') }).strict()

export const mineInput = z.object({ status: z.enum(suggestionStatuses).optional(), ...paging }).strict()

export const listInput = z.object({ communityId: id, status: z.enum(suggestionStatuses).optional(), ...paging }).strict()

export const publicInput = z.object({ communityId: id.optional(), category: category.optional(), ...paging }).strict()

// ---------------------------------------------------------------- helpers

/** The guard checks roles in the suggestion's own community, never one the caller names. */
export async function suggestionCommunity(input: { suggestionId: string }, { db }: GuardContext): Promise<string> {
  return (await loadSuggestion(db, input.suggestionId)).communityId
}

async function loadSuggestion(db: Database, suggestionId: string): Promise<SuggestionDoc> {
  return loadDoc<SuggestionDoc>(db, 'suggestions', suggestionId, '建议不存在')
}

const isSubmitterOf = (doc: SuggestionDoc, ctx: ActionContext): boolean => ctx.caller.user !== null && doc.userId === ctx.caller.user._id
const isStaff = (ctx: ActionContext): boolean => ctx.roles.has('staff')

function viewOf(doc: SuggestionDoc, ctx: ActionContext): SuggestionView {
  const staff = isStaff(ctx)
  const isSubmitter = isSubmitterOf(doc, ctx)
  return {
    id: doc._id,
    communityId: doc.communityId,
    category: doc.category,
    title: doc.title,
    content: doc.content,
    photos: doc.photos ?? [],
    anonymous: doc.anonymous,
    status: doc.status,
    declineReason: doc.declineReason ?? '',
    assignee: doc.assignee ? { kind: doc.assignee.kind, name: assigneeName(doc.assignee) } : null,
    replies: (doc.replies ?? []).map((reply) => ({ text: reply.text, at: reply.at, byName: nameFor(reply.byName, 'official') })),
    result: doc.result ?? '',
    resultPhotos: doc.resultPhotos ?? [],
    rating: doc.rating ?? null,
    timeline: (doc.history ?? []).map((entry) => ({ action: entry.action, at: entry.at, actorName: entry.byName && nameFor(entry.byName, 'official'), note: entry.note })),
    createdAt: doc.createdAt,
    acceptedAt: doc.acceptedAt ?? null,
    repliedAt: doc.repliedAt ?? null,
    closedAt: doc.closedAt ?? null,
    submitter: staff ? { userId: doc.userId, name: nameFor(doc.submitterName, 'staff') } : null,
    contentReview: contentReviewOf(doc),
    mine: {
      isSubmitter,
      canWithdraw: isSubmitter && canMove('withdraw', doc.status),
      canRate: isSubmitter && canRate(doc),
      canAccept: staff && canMove('accept', doc.status),
      canDecline: staff && canMove('decline', doc.status),
      canAssign: staff && canMove('assign', doc.status),
      canReply: staff && canMove('reply', doc.status),
      canClose: staff && canMove('close', doc.status),
    },
  }
}

/** Staff's own steps carry their name on the submitter's timeline. */
const staffEntry = (user: UserDoc, note: string) => ({ by: user._id, byName: user.name, note })

// ---------------------------------------------------------------- the submitter

/** 收集民意: a resident (or a member serving here) submits; content-checked before anything is stored. */
export async function submit(input: z.output<typeof submitInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  // Unchecked text is kept and flagged: it waits in 待受理 like every suggestion, and staff reading it there settles the flag.
  const verdict = await ctx.checkContent([input.title, input.content])
  const now = ctx.now()
  const doc: Omit<SuggestionDoc, '_id'> = {
    communityId: ctx.community!._id,
    userId: user._id,
    submitterName: user.name,
    anonymous: input.anonymous,
    category: input.category,
    title: input.title,
    content: input.content,
    photos: input.photos,
    status: 'submitted',
    declineReason: '',
    assignee: null,
    replies: [],
    result: '',
    resultPhotos: [],
    history: [{ action: 'submit', at: now, by: user._id, byName: '', note: '' }],
    ...holdIf(verdict),
    createdAt: now,
    updatedAt: now,
  }
  const added = await ctx.db.collection<SuggestionDoc>('suggestions').add(doc)
  await statsAdd(ctx.db, { communityId: doc.communityId, at: now, subject: added.id }, { suggestionsReceived: 1 })
  return viewOf({ _id: added.id, ...doc }, ctx)
}

/** Before staff accept it, the submitter may take it back. */
export async function withdraw(input: z.output<typeof withdrawInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const doc = await moveSuggestion(ctx.db, input.suggestionId, {
    move: 'withdraw',
    mayAct: (current) => current.userId === user._id,
    entry: { by: user._id, byName: '', note: '' },
    changes: () => ({ withdrawnAt: now }),
    now,
  })
  return viewOf(doc, ctx)
}

/** 办结反馈: the submitter's 1–5 and a comment, once, after close. */
export async function rate(input: z.output<typeof rateInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  // The comment is for staff only (办结公示 shows the score), so an unchecked one is stored with a tag and nothing hidden.
  const verdict = await ctx.checkContent([input.comment])
  const now = ctx.now()
  const doc = await rateSuggestion(ctx.db, input.suggestionId, user._id, { score: input.score, comment: input.comment, ...holdIf(verdict) }, now)
  await statsAdd(ctx.db, { communityId: doc.communityId, at: now, subject: doc._id }, ratingChange(input.score))
  return viewOf(doc, ctx)
}

/** Signed in is enough: someone not yet registered cannot have submitted (submit needs a role), so their list is simply empty. */
export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<SuggestionCard>> {
  const user = ctx.caller.user
  if (!user) return { items: [], total: 0, page: input.page, pageSize: input.pageSize }
  const where: Record<string, unknown> = { userId: user._id }
  if (input.status) where.status = input.status
  return pageOf(ctx.db.collection<SuggestionDoc>('suggestions').where(where as never), ['createdAt', 'desc'], input, toSuggestionCard('own'))
}

/** The submitter and staff of its community; to anyone else it does not exist (the public list carries what they may read). */
export async function detail(input: z.output<typeof suggestionInput>, ctx: ActionContext): Promise<SuggestionView> {
  const doc = await loadSuggestion(ctx.db, input.suggestionId)
  if (!isSubmitterOf(doc, ctx) && !isStaff(ctx)) throw new AppError('NOT_FOUND', '建议不存在')
  return viewOf(doc, ctx)
}

// ---------------------------------------------------------------- staff

export async function accept(input: z.output<typeof acceptInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  const now = ctx.now()
  // 受理 is staff reading it: text the content check could not reach is settled with it.
  const doc = await moveSuggestion(ctx.db, input.suggestionId, { move: 'accept', entry: staffEntry(user, input.note), changes: () => ({ acceptedAt: now, ...REVIEWED }), now })
  return viewOf(doc, ctx)
}

/** 不予受理, with a reason the submitter reads; audited, since it ends the matter. */
export async function decline(input: z.output<typeof declineInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const doc = await moveSuggestion(ctx.db, input.suggestionId, {
    move: 'decline',
    entry: staffEntry(user, input.reason),
    changes: () => ({ declineReason: input.reason, closedAt: now, ...REVIEWED }),
    now,
  })
  await recordAudit(ctx, { kind: 'suggestion.decline', targetId: doc._id, communityId: doc.communityId, reason: input.reason })
  return viewOf(doc, ctx)
}

/** Hands it to a staff member of the community (checked against their grant) or to a named handler outside the app. */
export async function assign(input: z.output<typeof assignInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  const communityId = ctx.community!._id
  let assignee: Assignee
  let verdict: ContentVerdict = 'pass'
  if (input.staffId) {
    const grant = (await ctx.db.collection<RoleDoc>('roles').doc(roleDocId(communityId, input.staffId, 'staff')).get()).data[0]
    const person = grant ? (await ctx.db.collection<UserDoc>('users').doc(input.staffId).get()).data[0] : undefined
    if (!person) throw new AppError('NOT_FOUND', '这位工作人员不在本社区')
    assignee = { kind: 'staff', userId: person._id, name: person.name }
  } else {
    verdict = await ctx.checkContent([input.handler!])
    assignee = { kind: 'handler', userId: null, name: input.handler! }
  }
  const now = ctx.now()
  const note = input.note ? `交办给${assignee.name}：${input.note}` : `交办给${assignee.name}`
  const doc = await moveSuggestion(ctx.db, input.suggestionId, {
    move: 'assign',
    entry: staffEntry(user, note),
    changes: () => ({ assignee: ctx.db.command.set(assignee), assignedAt: now }),
    now,
  })
  await recordUnchecked(ctx, verdict, { action: 'suggestions.assign', targetId: doc._id, communityId: doc.communityId })
  return viewOf(doc, ctx)
}

/** A first reply (or a close without one): the 平均响应时长 counts it, from submission to now. */
const responseChange = (createdAt: Date, now: Date): StatsChange => ({ suggestionsReplied: 1, responseMs: now.getTime() - createdAt.getTime() })

/** One of possibly several replies; the first one is the response time the dashboard reports. */
export async function reply(input: z.output<typeof replyInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  // Staff's own words go out as written (lib/shared/content-review.ts); the audit trail notes an unchecked one.
  const verdict = await ctx.checkContent([input.text])
  const now = ctx.now()
  let firstReply: Date | null = null
  const doc = await moveSuggestion(ctx.db, input.suggestionId, {
    move: 'reply',
    entry: staffEntry(user, input.text),
    changes: (current) => {
      // Called again on each retry; the last call is the write that won.
      firstReply = current.repliedAt ? null : current.createdAt
      return {
        replies: ctx.db.command.push([{ text: input.text, at: now, by: user._id, byName: user.name }]),
        ...(current.repliedAt ? {} : { repliedAt: now }),
      }
    },
    now,
  })
  if (firstReply) await statsAdd(ctx.db, { communityId: doc.communityId, at: now, subject: doc._id }, responseChange(firstReply, now))
  await recordUnchecked(ctx, verdict, { action: 'suggestions.reply', targetId: doc._id, communityId: doc.communityId })
  return viewOf(doc, ctx)
}

/** 办结 with the result; closing unanswered counts as the first response, so every closed suggestion has a response time. */
export async function close(input: z.output<typeof closeInput>, ctx: ActionContext): Promise<SuggestionView> {
  const user = requireUser(ctx)
  const verdict = await ctx.checkContent([input.result])
  const now = ctx.now()
  let firstReply: Date | null = null
  const doc = await moveSuggestion(ctx.db, input.suggestionId, {
    move: 'close',
    entry: staffEntry(user, input.result),
    changes: (current) => {
      firstReply = current.repliedAt ? null : current.createdAt
      return { result: input.result, resultPhotos: input.resultPhotos, closedAt: now, ...(current.repliedAt ? {} : { repliedAt: now }) }
    },
    now,
  })
  await statsAdd(ctx.db, { communityId: doc.communityId, at: now, subject: doc._id }, { suggestionsClosed: 1, ...(firstReply ? responseChange(firstReply, now) : {}) })
  await recordUnchecked(ctx, verdict, { action: 'suggestions.close', targetId: doc._id, communityId: doc.communityId })
  return viewOf(doc, ctx)
}

export interface SuggestionQueue extends Page<SuggestionCard> {
  /** How many suggestions of the community are in each status (待受理 is `submitted`). */
  counts: Record<SuggestionStatus, number>
}

/** Staff's list: one status (待受理 oldest first: first come, first handled) or all newest first, with counts per status. */
export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<SuggestionQueue> {
  const suggestions = ctx.db.collection<SuggestionDoc>('suggestions')
  const communityId = ctx.community!._id
  const where: Where = input.status ? { communityId, status: input.status } : { communityId }
  const [page, ...totals] = await Promise.all([
    pageOf(suggestions.where(where), ['createdAt', input.status === 'submitted' ? 'asc' : 'desc'], input, toSuggestionCard('staff')),
    ...suggestionStatuses.map((status) => suggestions.where({ communityId, status }).count()),
  ])
  const counts = Object.fromEntries(suggestionStatuses.map((status, index) => [status, totals[index].total])) as Record<SuggestionStatus, number>
  return { ...page, counts }
}

/** 办结公示: closed suggestions of a community, most recently closed first, without names or the submitter's photos. */
export async function publicList(input: z.output<typeof publicInput>, ctx: ActionContext): Promise<Page<PublicSuggestion>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const where: Record<string, unknown> = { communityId: ctx.community._id, status: 'closed' }
  if (input.category) where.category = input.category
  return pageOf(ctx.db.collection<SuggestionDoc>('suggestions').where(where as never), ['closedAt', 'desc'], input, toPublicSuggestion)
}
