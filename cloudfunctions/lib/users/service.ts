import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { DbErrorCode, isDbError, type Database } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { rolesIn } from '../runtime/caller'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { pageOf } from '../shared/paging'
import { maskIdNumber, nameFor } from '../shared/privacy'
import { id, paging, phone, text, type Page } from '../shared/schemas'
import { roleDocId, type CommunityDoc, type DistrictDoc, type GrantedRole, type RoleDoc, type UserDoc } from './model'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECKS = '10X98765432'

/** An 18-character 居民身份证号码 whose GB 11643 check character is right (a typo is caught here, not on a printed certificate). */
export const residentIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => /^\d{17}[\dX]$/.test(value) && ID_CHECKS[ID_WEIGHTS.reduce((sum, weight, index) => sum + weight * Number(value[index]), 0) % 11] === value[17], {
    error: '请输入正确的 18 位居民身份证号码',
  })

export const registerInput = z
  .object({
    name: text(20),
    phone,
    communityId: id,
    building: z.string().trim().max(40).default(''),
  })
  .strict()

export const updateProfileInput = z
  .object({
    name: text(20).optional(),
    phone: phone.optional(),
    building: z.string().trim().max(40).optional(),
    /** Empty clears it. */
    volunteerNo: z.string().trim().max(32).optional(),
    /** 居民身份证号码 for certificates; empty clears it. */
    idNumber: z.union([z.literal(''), residentIdNumber]).optional(),
  })
  .strict()

/** Staff grant community roles; district_admin is granted by a district admin or the bootstrap CLI. */
export const communityRoles = ['member', 'staff'] as const satisfies readonly GrantedRole[]

export const roleChangeInput = z
  .object({
    userId: id,
    communityId: id,
    role: z.enum(communityRoles),
    reason: z.string().trim().max(200).default(''),
  })
  .strict()

export const listInput = z
  .object({
    communityId: id,
    role: z.enum(communityRoles).optional(),
    keyword: z.string().trim().max(20).optional(),
    ...paging,
  })
  .strict()

export const profileInput = z.object({ userId: id }).strict()

export interface UserView {
  id: string
  name: string
  phone: string
  communityId: string
  building: string
  volunteerNo: string
  /** The ID number masked (110***********1234), '' when none was entered. */
  idNumberMasked: string
  createdAt: Date
}

export interface RoleView {
  role: GrantedRole
  scopeId: string
  scopeName: string
}

export interface MeView {
  user: UserView | null
  roles: RoleView[]
  community: { id: string; name: string; districtId: string; districtName: string } | null
}

export const toUserView = (user: UserDoc): UserView => ({
  id: user._id,
  name: user.name,
  phone: user.phone,
  communityId: user.communityId,
  building: user.building,
  volunteerNo: user.volunteerNo ?? '',
  idNumberMasked: user.idNumber ? maskIdNumber(user.idNumber) : '',
  createdAt: user.createdAt,
})

async function findOne<T extends { _id: string }>(db: Database, collection: string, docId: string): Promise<T | null> {
  const found = await db.collection<T>(collection).doc(docId).get()
  return found.data[0] ?? null
}

export async function describeMe(db: Database, user: UserDoc | null, grants: RoleDoc[]): Promise<MeView> {
  if (!user) return { user: null, roles: [], community: null }
  const community = await findOne<CommunityDoc>(db, 'communities', user.communityId)
  const district = community ? await findOne<DistrictDoc>(db, 'districts', community.districtId) : null
  const roles: RoleView[] = []
  for (const grant of grants) {
    roles.push({ role: grant.role, scopeId: grant.scopeId, scopeName: await scopeName(db, grant) })
  }
  return {
    user: toUserView(user),
    roles,
    community: community
      ? { id: community._id, name: community.name, districtId: community.districtId, districtName: district?.name ?? '' }
      : null,
  }
}

async function scopeName(db: Database, grant: RoleDoc): Promise<string> {
  if (grant.role === 'district_admin') return (await findOne<DistrictDoc>(db, 'districts', grant.scopeId))?.name ?? ''
  if (grant.role === 'liaison') return (await findOne<{ _id: string; name: string }>(db, 'units', grant.scopeId))?.name ?? ''
  return (await findOne<CommunityDoc>(db, 'communities', grant.scopeId))?.name ?? ''
}

export async function register(input: z.output<typeof registerInput>, ctx: ActionContext): Promise<MeView> {
  const openid = ctx.caller.openid
  if (!openid) throw new AppError('UNAUTHENTICATED')
  if (ctx.caller.user) throw new AppError('ALREADY_EXISTS', '您已经注册过了')
  const now = ctx.now()
  const user: UserDoc = {
    _id: randomUUID().replace(/-/g, ''),
    openid,
    name: input.name,
    phone: input.phone,
    communityId: input.communityId,
    building: input.building,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await ctx.db.collection<UserDoc>('users').add(user)
  } catch (error) {
    // Two taps on 注册 race here; the unique openid index lets exactly one in.
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('ALREADY_EXISTS', '您已经注册过了')
    throw error
  }
  return describeMe(ctx.db, user, [])
}

export async function updateProfile(input: z.output<typeof updateProfileInput>, ctx: ActionContext): Promise<MeView> {
  const user = ctx.caller.user
  if (!user) throw new AppError('NOT_REGISTERED')
  const changes: Partial<UserDoc> = {}
  if (input.name !== undefined) changes.name = input.name
  if (input.phone !== undefined) changes.phone = input.phone
  if (input.building !== undefined) changes.building = input.building
  if (input.volunteerNo !== undefined) changes.volunteerNo = input.volunteerNo
  if (input.idNumber !== undefined) changes.idNumber = input.idNumber
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '没有需要修改的内容')
  changes.updatedAt = ctx.now()
  await ctx.db.collection<UserDoc>('users').doc(user._id).update(changes)
  return describeMe(ctx.db, { ...user, ...changes }, ctx.caller.grants)
}

async function requireUser(db: Database, userId: string): Promise<UserDoc> {
  const user = await findOne<UserDoc>(db, 'users', userId)
  if (!user) throw new AppError('NOT_FOUND', '用户不存在')
  return user
}

export async function grantRole(input: z.output<typeof roleChangeInput>, ctx: ActionContext): Promise<{ changed: boolean }> {
  const actor = ctx.caller.user!
  await requireUser(ctx.db, input.userId)
  const grant: RoleDoc = {
    _id: roleDocId(input.communityId, input.userId, input.role),
    userId: input.userId,
    role: input.role,
    scopeId: input.communityId,
    grantedBy: actor._id,
    createdAt: ctx.now(),
  }
  try {
    await ctx.db.collection<RoleDoc>('roles').add(grant)
  } catch (error) {
    // Granting what is already granted is a retry, not a failure.
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) return { changed: false }
    throw error
  }
  await recordAudit(ctx, { kind: 'role.grant', targetId: input.userId, communityId: input.communityId, detail: { role: input.role }, reason: input.reason })
  return { changed: true }
}

export async function revokeRole(input: z.output<typeof roleChangeInput>, ctx: ActionContext): Promise<{ changed: boolean }> {
  const actor = ctx.caller.user!
  if (input.userId === actor._id) throw new AppError('FORBIDDEN', '不能撤销自己的权限，请联系其他工作人员')
  const removed = await ctx.db.collection('roles').doc(roleDocId(input.communityId, input.userId, input.role)).remove()
  if (removed.deleted === 0) return { changed: false }
  await recordAudit(ctx, { kind: 'role.revoke', targetId: input.userId, communityId: input.communityId, detail: { role: input.role }, reason: input.reason })
  return { changed: true }
}

export interface MemberRow {
  id: string
  name: string
  phone: string
  building: string
  roles: GrantedRole[]
}

/** Staff's people list: residents of the community, or holders of one role there. */
export async function listUsers(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<MemberRow>> {
  const { db } = ctx
  let where: Record<string, unknown>
  if (input.role) {
    const holders = await db.collection<RoleDoc>('roles').where({ scopeId: input.communityId, role: input.role }).limit(1000).get()
    where = { _id: db.command.in(holders.data.map((grant) => grant.userId)) }
  } else {
    where = { communityId: input.communityId }
  }
  if (input.keyword) where.name = db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
  const page = await pageOf(db.collection<UserDoc>('users').where(where as never), ['createdAt', 'desc'], input, (user) => user)
  const userIds = page.items.map((user) => user._id)
  const grants = userIds.length
    ? await db.collection<RoleDoc>('roles').where({ userId: db.command.in(userIds), scopeId: input.communityId }).limit(1000).get()
    : { data: [] }
  return {
    ...page,
    items: page.items.map((user) => ({
      id: user._id,
      name: user.name,
      phone: user.phone,
      building: user.building,
      roles: grants.data.filter((grant) => grant.userId === user._id).map((grant) => grant.role),
    })),
  }
}

export interface ProfileView {
  id: string
  name: string
  /** Present only for staff of the person's own community. */
  phone?: string
  building?: string
}

/** Anyone registered may look a person up; only staff of that person's community see who and where they are. */
export async function profile(input: z.output<typeof profileInput>, ctx: ActionContext): Promise<ProfileView> {
  const user = await requireUser(ctx.db, input.userId)
  const community = await findOne<CommunityDoc>(ctx.db, 'communities', user.communityId)
  const grant = ctx.caller.user?._id === user._id ? 'own' : community && rolesIn(ctx.caller, community).has('staff') ? 'staff' : null
  if (grant) return { id: user._id, name: nameFor(user.name, grant), phone: user.phone, building: user.building }
  return { id: user._id, name: nameFor(user.name, null) }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
