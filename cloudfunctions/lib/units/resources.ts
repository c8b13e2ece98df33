import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { contentReviewOf, holdIf, isHeld, reviewDecision, settleContentReview, type ContentReview } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { DB_PARALLEL, mapBounded } from '../shared/parallel'
import { id, text } from '../shared/schemas'
import type { CommunityDoc } from '../users/model'
import { agreementId, resourceKinds, type AgreementDoc, type ResourceDoc, type ResourceRequestDoc, type UnitDoc } from './model'
import { isLiaisonOf, isStaffOfUnit } from './service'

/** A unit lists a handful of resources, a community a few hundred at most; the bound guards a runaway read. */
const MAX_ROWS = 500

export const publishInput = z
  .object({ unitId: id, kind: z.enum(resourceKinds), title: text(40), description: text(500), availability: text(100) })
  .strict()
export const listInput = z.object({ communityId: id.optional(), unitId: id.optional() }).strict()
export const requestInput = z.object({ resourceId: id, communityId: id, note: text(200) }).strict()
export const answerInput = z.object({ requestId: id, accept: z.boolean(), note: z.string().trim().max(200).default('') }).strict()
export const fulfilInput = z.object({ requestId: id }).strict()
export const reviewResourceInput = z
  .object({ resourceId: id, decision: reviewDecision, reason: z.string().trim().max(200).default('') })
  .strict()
  .refine((input) => input.decision === 'clear' || input.reason.length >= 2, { message: '不予公开时请写明原因', path: ['reason'] })
export const requestsInput = z
  .object({ communityId: id.optional(), unitId: id.optional(), status: z.enum(['requested', 'accepted', 'declined', 'fulfilled']).optional() })
  .strict()

export interface ResourceView {
  id: string
  unitId: string
  unitName: string
  kind: ResourceDoc['kind']
  title: string
  description: string
  availability: string
  /** For the unit's liaisons and staff only: 待人工审核 (unchecked) or 未通过 (staff rejected); such a resource is off the public list. */
  contentReview: ContentReview | null
  createdAt: Date
}

export interface ResourceRequestView {
  id: string
  resourceId: string
  resourceTitle: string
  resourceKind: ResourceDoc['kind'] | null
  unitId: string
  unitName: string
  communityId: string
  communityName: string
  note: string
  answerNote: string
  status: ResourceRequestDoc['status']
  createdAt: Date
  answeredAt: Date | null
  fulfilledAt: Date | null
}

async function unitNames(ctx: ActionContext, unitIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(unitIds)]
  if (ids.length === 0) return new Map()
  const units = await ctx.db
    .collection<UnitDoc>('units')
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get()
  return new Map(units.data.map((unit) => [unit._id, unit.name]))
}

const toView = (resource: ResourceDoc, names: Map<string, string>): ResourceView => ({
  id: resource._id,
  unitId: resource.unitId,
  unitName: names.get(resource.unitId) ?? '',
  kind: resource.kind,
  title: resource.title,
  description: resource.description,
  availability: resource.availability,
  contentReview: contentReviewOf(resource),
  createdAt: resource.createdAt,
})

export async function publishResource(input: z.output<typeof publishInput>, ctx: ActionContext): Promise<ResourceView> {
  if (!ctx.caller.user) throw new AppError('NOT_REGISTERED')
  if (!isLiaisonOf(ctx.caller, input.unitId)) throw new AppError('FORBIDDEN', '只能发布本单位的资源')
  // Unchecked words are kept, off the public list until staff of a paired community clear them (reviewResource).
  const verdict = await ctx.checkContent([input.title, input.description, input.availability])
  const resource: ResourceDoc = { _id: randomUUID().replace(/-/g, ''), ...input, ...holdIf(verdict), createdBy: ctx.caller.user._id, createdAt: ctx.now() }
  await ctx.db.collection<ResourceDoc>('resources').add(resource)
  return toView(resource, await unitNames(ctx, [resource.unitId]))
}

/** A unit's resources, or those of every unit actively paired with a community. */
export async function listResources(input: z.output<typeof listInput>, ctx: ActionContext): Promise<ResourceView[]> {
  let unitIds: string[]
  if (input.unitId) unitIds = [input.unitId]
  else {
    const communityId = input.communityId ?? ctx.caller.user?.communityId
    if (!communityId) throw new AppError('VALIDATION_FAILED', '请选择社区或单位')
    const agreements = await ctx.db.collection<AgreementDoc>('agreements').where({ communityId, status: 'active' }).limit(MAX_ROWS).get()
    unitIds = agreements.data.map((agreement) => agreement.unitId)
  }
  if (unitIds.length === 0) return []
  const resources = await ctx.db
    .collection<ResourceDoc>('resources')
    .where({ unitId: ctx.db.command.in(unitIds) })
    .orderBy('createdAt', 'desc')
    .limit(MAX_ROWS)
    .get()
  const names = await unitNames(ctx, unitIds)
  const readers = await heldReaders(ctx, input, resources.data)
  return resources.data.filter((resource) => !isHeld(resource) || readers.has(resource.unitId)).map((resource) => toView(resource, names))
}

/**
 * The units whose held resources the caller may read: their own unit as
 * liaison, and as staff every unit of the community they list (or, listing
 * one unit, a unit paired with a community they are staff of). Read only when
 * something is held, so the public list costs nothing more.
 */
async function heldReaders(ctx: ActionContext, input: z.output<typeof listInput>, resources: ResourceDoc[]): Promise<Set<string>> {
  const heldUnits = [...new Set(resources.filter(isHeld).map((resource) => resource.unitId))]
  const readers = new Set<string>()
  if (heldUnits.length === 0 || !ctx.caller.user) return readers
  const staffHere = !input.unitId && ctx.roles.has('staff')
  for (const unitId of heldUnits) {
    if (staffHere || isLiaisonOf(ctx.caller, unitId)) readers.add(unitId)
    else if (input.unitId && (await staffOfUnit(ctx, unitId))) readers.add(unitId)
  }
  return readers
}

async function staffOfUnit(ctx: ActionContext, unitId: string): Promise<boolean> {
  const unit = (await ctx.db.collection<UnitDoc>('units').doc(unitId).get()).data[0]
  return unit ? isStaffOfUnit(ctx.db, ctx.caller, unit.communityIds) : false
}

/** Staff of a community the unit is paired with settle a held resource: clear puts it on the public list, reject keeps it off. */
export async function reviewResource(input: z.output<typeof reviewResourceInput>, ctx: ActionContext): Promise<ResourceView> {
  if (!ctx.caller.user) throw new AppError('NOT_REGISTERED')
  const resource = await loadDoc<ResourceDoc>(ctx.db, 'resources', input.resourceId, '资源不存在')
  if (!(await staffOfUnit(ctx, resource.unitId))) throw new AppError('FORBIDDEN', '只有结对社区的工作人员可以审核')
  await settleContentReview(ctx, { collection: 'resources', id: resource._id, communityId: null }, input.decision, input.reason)
  const settled = await loadDoc<ResourceDoc>(ctx.db, 'resources', resource._id, '资源不存在')
  return toView(settled, await unitNames(ctx, [settled.unitId]))
}

/** Both sides read the list: staff need the unit's name, a liaison of a unit serving several communities the community's. */
async function requestView(ctx: ActionContext, request: ResourceRequestDoc): Promise<ResourceRequestView> {
  const [resource, unit, community] = await Promise.all([
    ctx.db.collection<ResourceDoc>('resources').doc(request.resourceId).get(),
    ctx.db.collection<UnitDoc>('units').doc(request.unitId).get(),
    ctx.db.collection<CommunityDoc>('communities').doc(request.communityId).get(),
  ])
  return {
    id: request._id,
    resourceId: request.resourceId,
    resourceTitle: resource.data[0]?.title ?? '',
    resourceKind: resource.data[0]?.kind ?? null,
    unitId: request.unitId,
    unitName: unit.data[0]?.name ?? '',
    communityId: request.communityId,
    communityName: community.data[0]?.name ?? '',
    note: request.note,
    answerNote: request.answerNote,
    status: request.status,
    createdAt: request.createdAt,
    answeredAt: request.answeredAt,
    fulfilledAt: request.fulfilledAt,
  }
}

export async function requestResource(input: z.output<typeof requestInput>, ctx: ActionContext): Promise<ResourceRequestView> {
  const resource = await loadDoc<ResourceDoc>(ctx.db, 'resources', input.resourceId, '资源不存在')
  const agreement = (await ctx.db.collection<AgreementDoc>('agreements').doc(agreementId(resource.unitId, input.communityId)).get()).data[0]
  if (agreement?.status !== 'active') throw new AppError('INVALID_STATE', '该单位未与本社区结对或共建已暂停')
  const now = ctx.now()
  const request: ResourceRequestDoc = {
    _id: randomUUID().replace(/-/g, ''),
    resourceId: resource._id,
    unitId: resource.unitId,
    communityId: input.communityId,
    note: input.note,
    answerNote: '',
    status: 'requested',
    createdBy: ctx.caller.user?._id ?? '',
    createdAt: now,
    answeredAt: null,
    fulfilledAt: null,
  }
  await ctx.db.collection<ResourceRequestDoc>('resourceRequests').add(request)
  return requestView(ctx, request)
}

export async function communityOfRequest(input: { requestId: string }, { db }: GuardContext): Promise<string | null> {
  return (await loadDoc<ResourceRequestDoc>(db, 'resourceRequests', input.requestId, '资源申请不存在')).communityId
}

/** One conditional update on the current status: of racing answers exactly one lands. */
async function moveRequest(
  ctx: ActionContext,
  requestId: string,
  from: ResourceRequestDoc['status'],
  changes: Partial<ResourceRequestDoc>,
): Promise<ResourceRequestView> {
  const result = await ctx.db.collection<ResourceRequestDoc>('resourceRequests').where({ _id: requestId, status: from }).update(changes)
  if (result.updated === 0) throw new AppError('INVALID_STATE')
  const request = (await ctx.db.collection<ResourceRequestDoc>('resourceRequests').doc(requestId).get()).data[0]!
  return requestView(ctx, request)
}

export async function answerRequest(input: z.output<typeof answerInput>, ctx: ActionContext): Promise<ResourceRequestView> {
  const request = await loadDoc<ResourceRequestDoc>(ctx.db, 'resourceRequests', input.requestId, '资源申请不存在')
  if (!isLiaisonOf(ctx.caller, request.unitId)) throw new AppError('FORBIDDEN', '只能答复本单位的资源申请')
  return moveRequest(ctx, request._id, 'requested', { status: input.accept ? 'accepted' : 'declined', answerNote: input.note, answeredAt: ctx.now() })
}

export const fulfilRequest = (input: z.output<typeof fulfilInput>, ctx: ActionContext) =>
  moveRequest(ctx, input.requestId, 'accepted', { status: 'fulfilled', fulfilledAt: ctx.now() })

/** Staff see their community's requests; a liaison sees their unit's. */
export async function listRequests(input: z.output<typeof requestsInput>, ctx: ActionContext): Promise<ResourceRequestView[]> {
  if (!ctx.caller.user) throw new AppError('NOT_REGISTERED')
  const filter: Where = {}
  if (input.unitId) {
    if (!isLiaisonOf(ctx.caller, input.unitId)) throw new AppError('FORBIDDEN')
    filter.unitId = input.unitId
  } else {
    if (!input.communityId || !ctx.roles.has('staff')) throw new AppError('FORBIDDEN')
    filter.communityId = input.communityId
  }
  if (input.status) filter.status = input.status
  const requests = await ctx.db.collection<ResourceRequestDoc>('resourceRequests').where(filter).orderBy('createdAt', 'desc').limit(MAX_ROWS).get()
  return mapBounded(requests.data, DB_PARALLEL, (request) => requestView(ctx, request))
}
