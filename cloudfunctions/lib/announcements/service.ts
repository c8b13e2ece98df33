import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Database, Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { recordUnchecked } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { id, paging, photoId, text, type Page } from '../shared/schemas'
import { announcementKinds, announcementStatuses, type AnnouncementCard, type AnnouncementDoc, type AnnouncementView } from './model'
import { renderMarkdown, summaryOf } from './render'

// ---------------------------------------------------------------- inputs

const title = text(60)
const source = text(20_000)
const cover = photoId.nullable()

export const listInput = z
  .object({ communityId: id.optional(), kind: z.enum(announcementKinds).optional(), status: z.enum(announcementStatuses).default('published'), ...paging })
  .strict()
export const announcementRef = z.object({ announcementId: id }).strict()
export const publishInput = z
  .object({ communityId: id, kind: z.enum(announcementKinds), title, cover: cover.default(null), source, pinned: z.boolean().default(false) })
  .strict()
export const updateInput = z
  .object({ announcementId: id, kind: z.enum(announcementKinds).optional(), title: title.optional(), cover: cover.optional(), source: source.optional() })
  .strict()
  .refine((input) => input.kind !== undefined || input.title !== undefined || input.cover !== undefined || input.source !== undefined, {
    message: '没有需要修改的内容',
  })
export const withdrawInput = z.object({ announcementId: id, reason: text(200) }).strict()
export const pinInput = z.object({ announcementId: id, pinned: z.boolean() }).strict()

// ---------------------------------------------------------------- views

export const toAnnouncementCard = (doc: AnnouncementDoc): AnnouncementCard => ({
  id: doc._id,
  kind: doc.kind,
  title: doc.title,
  cover: doc.cover,
  summary: summaryOf(doc.html),
  pinned: doc.pinned,
  publishedAt: doc.publishedAt,
})

const toView = (doc: AnnouncementDoc, isStaff: boolean): AnnouncementView => ({
  ...toAnnouncementCard(doc),
  communityId: doc.communityId,
  html: doc.html,
  status: doc.status,
  updatedAt: doc.updatedAt,
  ...(isStaff ? { source: doc.source, withdrawReason: doc.withdrawReason } : {}),
})

async function loadAnnouncement(db: Database, announcementId: string): Promise<AnnouncementDoc> {
  return loadDoc<AnnouncementDoc>(db, 'announcements', announcementId, '公告不存在')
}

/** The guard checks roles in the announcement's own community. */
export async function announcementCommunity(input: { announcementId: string }, { db }: GuardContext): Promise<string> {
  return (await loadAnnouncement(db, input.announcementId)).communityId
}

// ---------------------------------------------------------------- reads

/** Pinned first, then newest: the order of the list and of the home page. */
function published(db: Database, communityId: string, size: number, skip = 0, kind?: AnnouncementDoc['kind'], status: AnnouncementDoc['status'] = 'published') {
  const where: Where = kind ? { communityId, status, kind } : { communityId, status }
  return db.collection<AnnouncementDoc>('announcements').where(where).orderBy('pinned', 'desc').orderBy('publishedAt', 'desc').skip(skip).limit(size)
}

export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<AnnouncementCard>> {
  const community = ctx.community
  if (!community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  if (input.status === 'withdrawn' && !ctx.roles.has('staff')) throw new AppError('FORBIDDEN')
  const where: Where = input.kind ? { communityId: community._id, status: input.status, kind: input.kind } : { communityId: community._id, status: input.status }
  const [total, page] = await Promise.all([
    ctx.db.collection<AnnouncementDoc>('announcements').where(where).count(),
    published(ctx.db, community._id, input.pageSize, (input.page - 1) * input.pageSize, input.kind, input.status).get(),
  ])
  return { items: page.data.map(toAnnouncementCard), total: total.total, page: input.page, pageSize: input.pageSize }
}

const HOME_SIZE = 3

/** The home page's newest announcements, pinned first. */
export async function latestAnnouncements(db: Database, communityId: string): Promise<AnnouncementCard[]> {
  return (await published(db, communityId, HOME_SIZE).get()).data.map(toAnnouncementCard)
}

export async function detail(input: z.output<typeof announcementRef>, ctx: ActionContext): Promise<AnnouncementView> {
  const doc = await loadAnnouncement(ctx.db, input.announcementId)
  const isStaff = ctx.roles.has('staff')
  // A withdrawn notice is gone for readers; staff still see it, to know what was said.
  if (doc.status !== 'published' && !isStaff) throw new AppError('NOT_FOUND', '公告不存在或已撤回')
  return toView(doc, isStaff)
}

// ---------------------------------------------------------------- moves

/**
 * Staff write announcements, so one the content check could not reach is
 * still published (lib/shared/content-review.ts): the author is the
 * community's accountable reviewer, a 停水通知 cannot wait, and the audit
 * trail records `content.unchecked` under their name.
 */
export async function publish(input: z.output<typeof publishInput>, ctx: ActionContext): Promise<AnnouncementView> {
  const verdict = await ctx.checkContent([input.title, input.source])
  const now = ctx.now()
  const by = ctx.caller.user!._id
  const doc: AnnouncementDoc = {
    _id: randomUUID().replace(/-/g, ''),
    communityId: input.communityId,
    kind: input.kind,
    title: input.title,
    cover: input.cover,
    source: input.source,
    html: renderMarkdown(input.source),
    status: 'published',
    pinned: input.pinned,
    publishedAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
    withdrawReason: '',
  }
  await ctx.db.collection<AnnouncementDoc>('announcements').add(doc)
  await recordUnchecked(ctx, verdict, { action: 'announcements.publish', targetId: doc._id, communityId: doc.communityId })
  return toView(doc, true)
}

/**
 * One change to a published announcement, as a conditional update on its
 * status, so an edit racing a withdrawal cannot bring a withdrawn notice back.
 */
async function changePublished(ctx: ActionContext, announcementId: string, changes: Partial<AnnouncementDoc>): Promise<AnnouncementDoc> {
  const doc = await loadAnnouncement(ctx.db, announcementId)
  if (doc.status !== 'published') throw new AppError('INVALID_STATE', '公告已撤回，不能修改')
  const now = ctx.now()
  const body = { ...changes, updatedAt: now, updatedBy: ctx.caller.user!._id }
  const result = await ctx.db.collection<AnnouncementDoc>('announcements').where({ _id: announcementId, status: 'published' }).update(body)
  if (result.updated !== 1) throw new AppError('INVALID_STATE', '公告状态已变化，请刷新后再试')
  return { ...doc, ...body }
}

export async function update(input: z.output<typeof updateInput>, ctx: ActionContext): Promise<AnnouncementView> {
  const verdict = await ctx.checkContent([input.title ?? '', input.source ?? ''].filter(Boolean))
  const changes: Partial<AnnouncementDoc> = {}
  if (input.kind !== undefined) changes.kind = input.kind
  if (input.title !== undefined) changes.title = input.title
  if (input.cover !== undefined) changes.cover = input.cover
  if (input.source !== undefined) {
    changes.source = input.source
    changes.html = renderMarkdown(input.source)
  }
  const doc = await changePublished(ctx, input.announcementId, changes)
  await recordUnchecked(ctx, verdict, { action: 'announcements.update', targetId: doc._id, communityId: doc.communityId })
  return toView(doc, true)
}

export async function pin(input: z.output<typeof pinInput>, ctx: ActionContext): Promise<AnnouncementView> {
  return toView(await changePublished(ctx, input.announcementId, { pinned: input.pinned }), true)
}

/** published → withdrawn with a reason, audited; an unpinned notice does not hold a pinned slot after it is gone. */
export async function withdraw(input: z.output<typeof withdrawInput>, ctx: ActionContext): Promise<AnnouncementView> {
  const doc = await changePublished(ctx, input.announcementId, { status: 'withdrawn', pinned: false, withdrawReason: input.reason })
  await recordAudit(ctx, { kind: 'announcement.withdraw', targetId: doc._id, communityId: doc.communityId, detail: { title: doc.title }, reason: input.reason })
  return toView(doc, true)
}
