import * as z from 'zod'
import type { Database } from '../db/types'
import { resolved, type ActionContext, type GuardContext, type Resolved, type SystemContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { allCommunityIds } from '../runtime/timers'
import { DB_PARALLEL, mapBounded, mapWithin } from '../shared/parallel'
import { remindWisher, remindWisherReviewed } from '../reminders/hooks'
import { recordAudit } from '../shared/audit'
import { contentReviewOf, holdIf, isHeld, REVIEWED, reviewDecision, settleContentReview, type ContentReview } from '../shared/content-review'
import { requireUser } from '../shared/caller'
import { loadDoc } from '../shared/documents'
import { pageOf } from '../shared/paging'
import { maskName, nameFor } from '../shared/privacy'
import { calendarDay, id, paging, phone, photoId, text, type Page } from '../shared/schemas'
import type { UnitDoc } from '../units/model'
import {
  editableStatuses,
  toClaimView,
  toMyWish,
  toStaffWish,
  toWishCard,
  wallStatuses,
  wishCategories,
  wishStatuses,
  publicClaimer,
  type ClaimDoc,
  type ClaimView,
  type Confirmation,
  type Fulfilment,
  type MyWish,
  type PublicClaimer,
  type StaffWish,
  type WishCard,
  type WishDoc,
  type WishStatus,
} from './model'
import { statsAdd } from '../stats'
import {
  claimWish,
  confirmWish,
  expireIfOverdue,
  fulfilWish,
  holdsClaim,
  isOverdue,
  moveUnclaimed,
  releaseClaim,
  settled,
  type Claimant,
  type Refusal,
} from './transitions'

// ---------------------------------------------------------------- inputs

const photos = z.array(photoId).max(6, '最多 6 张图片')
const title = z.string().trim().min(2).max(40)
const story = text(500)
const wishedBy = calendarDay()
const category = z.enum(wishCategories)

export const postInput = z
  .object({ communityId: id.optional(), title, story, category, photos: photos.default([]), wishedBy: wishedBy.optional() })
  .strict()

export const postForInput = z
  .object({
    communityId: id,
    beneficiary: z
      .object({ name: text(20), phone: z.union([phone, z.literal('')]).default(''), address: text(100) })
      .strict(),
    title,
    story,
    category,
    photos: photos.default([]),
    wishedBy: wishedBy.optional(),
  })
  .strict()

export const editInput = z
  .object({ wishId: id, title: title.optional(), story: story.optional(), category: category.optional(), photos: photos.optional(), wishedBy: wishedBy.optional() })
  .strict()
  .refine((input) => Object.keys(input).length > 1, { message: '请至少修改一项' })

export const withdrawInput = z.object({ wishId: id, reason: z.string().trim().max(200).default('') }).strict()

export const reviewInput = z
  .object({ wishId: id, decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(200).default('') })
  .strict()
  .refine((input) => input.decision === 'approve' || input.reason.length >= 2, { message: '驳回时请写明原因', path: ['reason'] })

export const reviewQueueInput = z.object({ communityId: id, ...paging }).strict()

export const reviewContentInput = z
  .object({ wishId: id, decision: reviewDecision, reason: z.string().trim().max(200).default('') })
  .strict()
  .refine((input) => input.decision === 'clear' || input.reason.length >= 2, { message: '不予公开时请写明原因', path: ['reason'] })

export const wishInput = z.object({ wishId: id }).strict()

export const claimInput = z.object({ wishId: id, asUnit: z.boolean().default(false) }).strict()

export const releaseInput = z.object({ wishId: id, reason: z.string().trim().min(2).max(200) }).strict()

export const fulfilInput = z.object({ wishId: id, note: text(500), photos: photos.default([]) }).strict()

export const confirmInput = z
  .object({
    wishId: id,
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().trim().max(200).default(''),
    story: z.string().trim().max(500).default(''),
  })
  .strict()

export const mineInput = z.object({ ...paging }).strict()

export const expireClaimsInput = z.object({ communityId: id }).strict()

export const wallInput = z
  .object({
    communityId: id.optional(),
    category: z.enum(wishCategories).optional(),
    status: z.enum(wallStatuses).optional(),
    ...paging,
  })
  .strict()

// ---------------------------------------------------------------- helpers

/** The guard checks roles in the wish's own community, never one the caller names. */
export async function wishCommunity(input: { wishId: string }, { db }: GuardContext): Promise<Resolved<WishDoc>> {
  const wish = await loadWish(db, input.wishId)
  return resolved(wish.communityId, wish)
}

async function loadWish(db: Database, wishId: string): Promise<WishDoc> {
  return loadDoc<WishDoc>(db, 'wishes', wishId, '心愿不存在')
}

const claimantOf = (ctx: ActionContext): Claimant => ({ userId: ctx.caller.user?._id ?? '', unitIds: ctx.caller.units.map((unit) => unit.unitId) })
const isStaff = (ctx: ActionContext): boolean => ctx.roles.has('staff')
const isWisherOf = (wish: WishDoc, ctx: ActionContext): boolean => wish.wisherId !== null && wish.wisherId === ctx.caller.user?._id
const isPublic = (status: WishStatus): boolean => (wallStatuses as readonly string[]).includes(status)

/** Reads meet overdue claims and expire them, so nobody needs a timer locally. */
/** The wish as it stands now: an overdue claim is released first (lazily, exactly once). */
export async function freshWish(db: Database, wish: WishDoc, now: Date): Promise<WishDoc> {
  return isOverdue(wish, now) ? (await expireIfOverdue(db, wish._id, now)).wish : wish
}

// ---------------------------------------------------------------- detail

export interface WishDetail {
  id: string
  communityId: string
  title: string
  story: string
  category: WishDoc['category']
  photos: string[]
  wishedBy: string | null
  status: WishStatus
  wisherMasked: string
  createdAt: Date
  claimer: PublicClaimer | null
  fulfilment: Fulfilment | null
  confirmation: Omit<Confirmation, 'by'> | null
  /** For the wisher and staff; '' for everyone else. */
  rejectReason: string
  /** The active claim's due date, for the claimer, the wisher and staff. */
  dueAt: Date | null
  /** Who to reach, for the active claimer and staff only. */
  contact: { name: string; phone: string; address: string } | null
  /** Every claim of this wish, for the wisher and staff only. */
  history: ClaimView[] | null
  /** Staff only: 'pending' while an unchecked text waits for them (the note and thank-you are hidden from others meanwhile). */
  contentReview: ContentReview | null
  mine: { isWisher: boolean; isClaimer: boolean; canClaim: boolean; canRelease: boolean; canFulfil: boolean; canConfirm: boolean }
}

const HISTORY_LIMIT = 50

/** `knownClaim`: the wish's current claim when a move just read or wrote it (then it is not read again). */
async function detailOf(db: Database, wish: WishDoc, ctx: ActionContext<unknown>, knownClaim?: ClaimDoc | null): Promise<WishDetail> {
  const staff = isStaff(ctx)
  const isWisher = isWisherOf(wish, ctx)
  if (!isPublic(wish.status) && !isWisher && !staff) throw new AppError('NOT_FOUND', '心愿不存在')
  const known = knownClaim && knownClaim._id === wish.claimId ? knownClaim : undefined
  // The current claim and the history are independent reads: one round trip.
  const [claim, historyDocs] = await Promise.all([
    known ?? (wish.claimId ? db.collection<ClaimDoc>('claims').doc(wish.claimId).get().then((read) => read.data[0] ?? null) : Promise.resolve(null)),
    isWisher || staff
      ? db.collection<ClaimDoc>('claims').where({ wishId: wish._id }).orderBy('createdAt', 'desc').limit(HISTORY_LIMIT).get().then((read) => read.data)
      : Promise.resolve(null),
  ])
  const isClaimer = claim !== null && ctx.caller.user !== null && holdsClaim(claim, claimantOf(ctx))
  const activeClaimer = isClaimer && wish.status === 'claimed'
  const history = historyDocs ? historyDocs.map((doc) => toClaimView(doc, staff ? 'staff' : null)) : null
  const mayClaim = ctx.roles.has('member') || ctx.roles.has('liaison')
  const { confirmation } = toMyWish(wish)
  // Held text (unchecked, or not cleared by staff) is for its writers and staff only: the claimer wrote the note, the wisher the thank-you.
  const hide = isHeld(wish) && !staff && !isWisher && !isClaimer
  return {
    id: wish._id,
    communityId: wish.communityId,
    title: wish.title,
    story: wish.story,
    category: wish.category,
    photos: wish.photos ?? [],
    wishedBy: wish.wishedBy ?? null,
    status: wish.status,
    wisherMasked: maskName(wish.beneficiary.name),
    createdAt: wish.createdAt,
    claimer: claim ? publicClaimer(claim) : null,
    fulfilment: wish.fulfilment && hide ? { ...wish.fulfilment, note: '' } : (wish.fulfilment ?? null),
    confirmation: confirmation && hide ? { ...confirmation, comment: '', story: '' } : confirmation,
    rejectReason: isWisher || staff ? (wish.rejectReason ?? '') : '',
    dueAt: claim && wish.status === 'claimed' && (isClaimer || isWisher || staff) ? claim.dueAt : null,
    contact: activeClaimer || staff ? { ...wish.beneficiary, name: nameFor(wish.beneficiary.name, staff ? 'staff' : 'contact') } : null,
    history,
    contentReview: staff ? contentReviewOf(wish) : null,
    mine: {
      isWisher,
      isClaimer,
      canClaim: wish.status === 'open' && mayClaim && !isWisher,
      canRelease: activeClaimer,
      canFulfil: activeClaimer,
      canConfirm: wish.status === 'fulfilled' && !isClaimer && (wish.wisherId ? isWisher : staff),
    },
  }
}

export async function detail(_input: z.output<typeof wishInput>, ctx: ActionContext<WishDoc>): Promise<WishDetail> {
  const wish = await freshWish(ctx.db, ctx.target, ctx.now())
  return detailOf(ctx.db, wish, ctx)
}

// ---------------------------------------------------------------- posting

/** A wish as posted: by the wisher (to review) or by staff for a neighbour (straight to the wall); no claim yet. */
function newWish(fields: {
  communityId: string
  wisherId: string | null
  beneficiary: WishDoc['beneficiary']
  content: Pick<WishDoc, 'title' | 'story' | 'category' | 'photos'> & { wishedBy?: WishDoc['wishedBy'] }
  status: 'pending' | 'open'
  postedBy: string
  now: Date
  held: Pick<WishDoc, 'contentReview'>
}): Omit<WishDoc, '_id'> {
  const { content, now } = fields
  return {
    communityId: fields.communityId,
    wisherId: fields.wisherId,
    beneficiary: fields.beneficiary,
    title: content.title,
    story: content.story,
    category: content.category,
    photos: content.photos,
    wishedBy: content.wishedBy ?? null,
    status: fields.status,
    rejectReason: '',
    withdrawReason: '',
    claimId: null,
    claimDueAt: null,
    claimCount: 0,
    fulfilment: null,
    confirmation: null,
    postedBy: fields.postedBy,
    ...fields.held,
    createdAt: now,
    updatedAt: now,
  }
}

export async function post(input: z.output<typeof postInput>, ctx: ActionContext): Promise<MyWish> {
  const user = requireUser(ctx)
  // Unchecked text changes nothing here: every posted wish waits in 心愿审核, where the flag tells staff to read it closely.
  const verdict = await ctx.checkContent([input.title, input.story])
  const now = ctx.now()
  const wish = newWish({
    communityId: ctx.community!._id,
    wisherId: user._id,
    beneficiary: { name: user.name, phone: user.phone, address: user.building },
    content: input,
    status: 'pending',
    postedBy: user._id,
    now,
    held: holdIf(verdict),
  })
  const added = await ctx.db.collection<WishDoc>('wishes').add(wish)
  await statsAdd(ctx.db, { communityId: wish.communityId, at: now, subject: added.id }, { wishesPosted: 1 })
  return toMyWish({ _id: added.id, ...wish })
}

/**
 * Staff post for a neighbour without a phone; staff posting counts as reviewed, so it goes straight on the wall —
 * unless the content check was unreachable: the wall is the most public page there is, so the wish then waits in
 * 心愿审核 like any other until a human (any staff, the poster too) approves it on a second look.
 */
export async function postFor(input: z.output<typeof postForInput>, ctx: ActionContext): Promise<StaffWish> {
  const user = requireUser(ctx)
  const verdict = await ctx.checkContent([input.title, input.story, input.beneficiary.name, input.beneficiary.address])
  const now = ctx.now()
  const wish = newWish({
    communityId: ctx.community!._id,
    wisherId: null,
    beneficiary: input.beneficiary,
    content: input,
    status: verdict === 'unchecked' ? 'pending' : 'open',
    postedBy: user._id,
    now,
    held: holdIf(verdict),
  })
  const added = await ctx.db.collection<WishDoc>('wishes').add(wish)
  await statsAdd(ctx.db, { communityId: wish.communityId, at: now, subject: added.id }, { wishesPosted: 1 })
  await recordAudit(ctx, { kind: 'wish.postFor', targetId: added.id, communityId: wish.communityId, detail: { beneficiary: input.beneficiary.name } })
  return toStaffWish({ _id: added.id, ...wish })
}

const notEditable = (wish: WishDoc): Refusal | null =>
  (editableStatuses as readonly string[]).includes(wish.status) ? null : { code: 'INVALID_STATE', message: '心愿已被认领或已结束，不能再修改' }

/** The wisher edits a wish nobody has taken on yet; it goes back to review. */
export async function edit(input: z.output<typeof editInput>, ctx: ActionContext<WishDoc>): Promise<MyWish> {
  requireUser(ctx)
  const current = ctx.target
  if (!isWisherOf(current, ctx)) throw new AppError('FORBIDDEN', '只有许愿人可以修改')
  const texts = [input.title, input.story].filter((value): value is string => value !== undefined)
  const verdict = await ctx.checkContent(texts)
  const { wishId: _wishId, ...fields } = input
  // The edit goes back to review either way; a text that passed keeps an earlier hold, which covers the part not edited.
  const held = verdict === 'unchecked' ? { contentReview: 'pending' as const } : {}
  const outcome = await moveUnclaimed(ctx.db, input.wishId, notEditable, () => ({ ...fields, ...held, status: 'pending', rejectReason: '' }), ctx.now())
  return toMyWish(settled(outcome))
}

export async function withdraw(input: z.output<typeof withdrawInput>, ctx: ActionContext<WishDoc>): Promise<MyWish> {
  requireUser(ctx)
  const current = ctx.target
  if (!isWisherOf(current, ctx) && !isStaff(ctx)) throw new AppError('FORBIDDEN', '只有许愿人或社区工作人员可以撤回')
  const outcome = await moveUnclaimed(ctx.db, input.wishId, notEditable, () => ({ status: 'withdrawn', withdrawReason: input.reason }), ctx.now())
  const wish = settled(outcome)
  if (!isWisherOf(wish, ctx)) await recordAudit(ctx, { kind: 'wish.withdraw', targetId: wish._id, communityId: wish.communityId, reason: input.reason })
  return toMyWish(wish)
}

// ---------------------------------------------------------------- review

export async function review(input: z.output<typeof reviewInput>, ctx: ActionContext): Promise<StaffWish> {
  requireUser(ctx)
  const approve = input.decision === 'approve'
  const outcome = await moveUnclaimed(
    ctx.db,
    input.wishId,
    (wish) => (wish.status === 'pending' ? null : { code: 'INVALID_STATE', message: '只能审核待审核的心愿' }),
    // Reviewing is a human reading it: whatever the content check could not reach is settled too.
    () => (approve ? { status: 'open', rejectReason: '', ...REVIEWED } : { status: 'rejected', rejectReason: input.reason, ...REVIEWED }),
    ctx.now(),
  )
  const wish = settled(outcome)
  await recordAudit(ctx, { kind: `wish.${input.decision}`, targetId: wish._id, communityId: wish.communityId, reason: input.reason })
  await remindWisherReviewed(ctx, wish, approve)
  return toStaffWish(wish)
}

export interface ReviewQueue extends Page<StaffWish> {
  counts: Record<WishStatus, number>
  /**
   * Wishes past review whose fulfilment note or thank-you went unchecked,
   * oldest first (the first HELD_LIMIT): others do not read that text until
   * staff settle it with wishes.reviewContent.
   */
  held: StaffWish[]
}

const HELD_LIMIT = 50

/** Pending wishes, oldest first (first come, first reviewed), with how many wishes are in each status. */
export async function reviewQueue(input: z.output<typeof reviewQueueInput>, ctx: ActionContext): Promise<ReviewQueue> {
  const wishes = ctx.db.collection<WishDoc>('wishes')
  const communityId = ctx.community!._id
  const [page, held, ...totals] = await Promise.all([
    pageOf(wishes.where({ communityId, status: 'pending' }), ['createdAt', 'asc'], input, toStaffWish),
    wishes
      .where({ communityId, contentReview: 'pending', status: ctx.db.command.in([...wallStatuses]) })
      .orderBy('updatedAt', 'asc')
      .limit(HELD_LIMIT)
      .get(),
    ...wishStatuses.map((status) => wishes.where({ communityId, status }).count()),
  ])
  const counts = Object.fromEntries(wishStatuses.map((status, index) => [status, totals[index].total])) as Record<WishStatus, number>
  return { ...page, counts, held: held.data.map(toStaffWish) }
}

/** Staff settle a held note or thank-you: clear publishes it, reject keeps it from everyone but its writers and staff. */
export async function reviewContent(input: z.output<typeof reviewContentInput>, ctx: ActionContext<WishDoc>): Promise<StaffWish> {
  requireUser(ctx)
  const wish = ctx.target
  // A wish still in 心愿审核 is settled there, with the wish itself.
  if (wish.status === 'pending') throw new AppError('INVALID_STATE', '待审核的心愿请在心愿审核中处理')
  await settleContentReview(ctx, { collection: 'wishes', id: wish._id, communityId: wish.communityId }, input.decision, input.reason)
  return toStaffWish(await loadWish(ctx.db, wish._id))
}

// ---------------------------------------------------------------- the wall

/** The 心愿墙: approved wishes, newest first, names masked. */
export async function wall(input: z.output<typeof wallInput>, ctx: ActionContext): Promise<Page<WishCard>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const { db } = ctx
  const where: Record<string, unknown> = {
    communityId: ctx.community._id,
    status: input.status ?? db.command.in([...wallStatuses]),
  }
  if (input.category) where.category = input.category
  const now = ctx.now()
  const page = await pageOf(db.collection<WishDoc>('wishes').where(where as never), ['createdAt', 'desc'], input, (wish) => wish)
  const items = await Promise.all(page.items.map(async (wish) => toWishCard(await freshWish(db, wish, now))))
  return { ...page, items }
}

// ---------------------------------------------------------------- claims

export async function claim(input: z.output<typeof claimInput>, ctx: ActionContext): Promise<WishDetail> {
  const user = requireUser(ctx)
  const communityId = ctx.community!._id
  let claimer: { claimerType: 'member' | 'unit'; claimerId: string; claimerName: string }
  if (input.asUnit) {
    const paired = ctx.caller.units.find((unit) => unit.communityIds.includes(communityId))
    if (!ctx.roles.has('liaison') || !paired) throw new AppError('FORBIDDEN', '你的单位未与本社区共建，不能以单位名义认领')
    const unit = (await ctx.db.collection<UnitDoc>('units').doc(paired.unitId).get()).data[0]
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
    claimer = { claimerType: 'unit', claimerId: unit._id, claimerName: unit.name }
  } else {
    if (!ctx.roles.has('member')) throw new AppError('FORBIDDEN', '只有党员/志愿者可以个人认领')
    claimer = { claimerType: 'member', claimerId: user._id, claimerName: user.name }
  }
  const outcome = await claimWish(ctx.db, { wishId: input.wishId, community: ctx.community, ...claimer, actorId: user._id, now: ctx.now() })
  const wish = settled(outcome)
  // The reminder and the answer's reads do not depend on each other.
  const [, detailView] = await Promise.all([remindWisher(ctx, wish, 'wish_claimed', publicClaimer(claimer).name), detailOf(ctx.db, wish, ctx, outcome.claim)])
  return detailView
}

export async function release(input: z.output<typeof releaseInput>, ctx: ActionContext<WishDoc>): Promise<WishDetail> {
  requireUser(ctx)
  const outcome = await releaseClaim(ctx.db, input.wishId, claimantOf(ctx), input.reason, ctx.now(), ctx.target.claimId)
  return detailOf(ctx.db, settled(outcome), ctx, outcome.claim)
}

export async function fulfil(input: z.output<typeof fulfilInput>, ctx: ActionContext<WishDoc>): Promise<WishDetail> {
  requireUser(ctx)
  const verdict = await ctx.checkContent([input.note])
  const now = ctx.now()
  const outcome = await fulfilWish(ctx.db, input.wishId, claimantOf(ctx), { note: input.note, photos: input.photos, at: now }, now, holdIf(verdict), ctx.target.claimId)
  const wish = settled(outcome)
  const [, detailView] = await Promise.all([remindWisher(ctx, wish, 'wish_fulfilled'), detailOf(ctx.db, wish, ctx, outcome.claim)])
  return detailView
}

export async function confirm(input: z.output<typeof confirmInput>, ctx: ActionContext<WishDoc>): Promise<WishDetail> {
  requireUser(ctx)
  const verdict = await ctx.checkContent([input.comment, input.story].filter((value) => value.length > 0))
  const outcome = await confirmWish(
    ctx.db,
    input.wishId,
    { ...claimantOf(ctx), isStaff: isStaff(ctx) },
    { rating: input.rating ?? null, comment: input.comment, story: input.story },
    ctx.now(),
    holdIf(verdict),
    { wish: ctx.target, community: ctx.community },
  )
  const wish = settled(outcome)
  const [, detailView] = await Promise.all([
    isWisherOf(wish, ctx) ? Promise.resolve() : recordAudit(ctx, { kind: 'wish.confirm', targetId: wish._id, communityId: wish.communityId }),
    detailOf(ctx.db, wish, ctx, outcome.claim),
  ])
  return detailView
}

// ---------------------------------------------------------------- lists

export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<MyWish>> {
  const user = requireUser(ctx)
  const now = ctx.now()
  const page = await pageOf(ctx.db.collection<WishDoc>('wishes').where({ wisherId: user._id }), ['createdAt', 'desc'], input, (wish) => wish)
  const items = await Promise.all(page.items.map(async (wish) => toMyWish(await freshWish(ctx.db, wish, now))))
  return { ...page, items }
}

export interface MyClaim extends ClaimView {
  wish: WishCard
}

/** Claims the caller made as a person and their units made, newest first. */
export async function myClaims(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<MyClaim>> {
  const user = requireUser(ctx)
  const { db } = ctx
  const now = ctx.now()
  const claimerIds = [user._id, ...ctx.caller.units.map((unit) => unit.unitId)]
  const page = await pageOf(db.collection<ClaimDoc>('claims').where({ claimerId: db.command.in(claimerIds) }), ['createdAt', 'desc'], input, (doc) => doc)
  const wishIds = [...new Set(page.items.map((doc) => doc.wishId))]
  const wishes = wishIds.length ? (await db.collection<WishDoc>('wishes').where({ _id: db.command.in(wishIds) }).limit(wishIds.length).get()).data : []
  const byId = new Map<string, WishDoc>()
  for (const wish of wishes) byId.set(wish._id, await freshWish(db, wish, now))
  const items: MyClaim[] = []
  for (const doc of page.items) {
    const wish = byId.get(doc.wishId)
    if (!wish) continue
    // A claim that was active when read may have just expired with its wish.
    const status = doc.status === 'active' && wish.claimId !== doc._id ? 'expired' : doc.status
    items.push({ ...toClaimView(doc, 'own'), status, wish: toWishCard(wish) })
  }
  return { ...page, items }
}

/** A batch bound: one call stays well inside a function's time limit. */
const EXPIRY_BATCH = 100

/** Releases a batch of a community's overdue claims back to the wall; each exactly once however it races. */
export async function releaseOverdueClaims(db: Database, communityId: string, now: Date): Promise<number> {
  const overdue = await db
    .collection<WishDoc>('wishes')
    .where({ communityId, status: 'claimed', claimDueAt: db.command.lte(now) })
    .limit(EXPIRY_BATCH)
    .get()
  let released = 0
  for (const wish of overdue.data) if ((await expireIfOverdue(db, wish._id, now)).changed) released += 1
  return released
}

/** Staff's button for the same sweep the timer runs. */
export async function expireClaims(_input: z.output<typeof expireClaimsInput>, ctx: ActionContext): Promise<{ released: number }> {
  return { released: await releaseOverdueClaims(ctx.db, ctx.community!._id, ctx.now()) }
}

/**
 * The timer: every community's overdue claims, read a batch per community (a
 * few at a time) and released ten at a time until the tick's deadline; the
 * rest are still overdue on the next tick (`pending` says how many).
 */
export async function releaseAllOverdueClaims(ctx: SystemContext): Promise<Record<string, number>> {
  const now = ctx.now()
  const perCommunity = await mapBounded(await allCommunityIds(ctx.db), DB_PARALLEL, (communityId) =>
    ctx.db.collection<WishDoc>('wishes').where({ communityId, status: 'claimed', claimDueAt: ctx.db.command.lte(now) }).field({ _id: true }).limit(EXPIRY_BATCH).get(),
  )
  const due = perCommunity.flatMap((page) => page.data.map((wish) => wish._id))
  const { results, remaining } = await mapWithin(due, DB_PARALLEL, ctx.deadline ?? Number.POSITIVE_INFINITY, (wishId) => expireIfOverdue(ctx.db, wishId, now))
  const released = results.filter((outcome) => outcome.changed).length
  return remaining.length ? { released, pending: remaining.length } : { released }
}
