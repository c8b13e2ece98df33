import { createHash, randomInt, randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Database } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { rolesIn, type Caller } from '../runtime/caller'
import { AppError } from '../runtime/errors'
import { assertNotLockedOut, recordFailedAttempt } from '../shared/attempts'
import { recordAudit } from '../shared/audit'
import { recordUnchecked } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { nameFor } from '../shared/privacy'
import { id, instant, phone, text } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import { roleDocId, type CommunityDoc, type RoleDoc } from '../users/model'
import { agreementId, unitKinds, type AgreementDoc, type InviteDoc, type UnitDoc } from './model'

/** A community pairs with a few dozen units at most; this bound only guards a runaway read. */
const MAX_UNITS = 200
const DAY = 24 * 60 * 60 * 1000
/** No 0/O, 1/I/L: codes are read aloud and typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 8
/** Wrong invite codes one person may try in the attempts window (10 minutes) before RATE_LIMITED. */
const MAX_WRONG_CODES = 10

/** The day an agreement was signed: a bare 'YYYY-MM-DD' is noon of that Beijing day, as the app sends it. */
const signedAt = instant({ day: 'noon' })

export const listInput = z.object({ communityId: id.optional() }).strict()
export const detailInput = z.object({ unitId: id }).strict()
export const registerInput = z
  .object({
    communityId: id,
    name: text(40),
    kind: z.enum(unitKinds),
    partyOrg: text(40),
    contact: z.object({ name: text(20), phone }).strict(),
    address: text(80),
    signedAt,
  })
  .strict()
export const pairInput = z.object({ unitId: id, communityId: id, signedAt }).strict()
export const suspendInput = z.object({ unitId: id, communityId: id, reason: text(200) }).strict()
export const createInviteInput = z
  .object({ unitId: id, communityId: id, days: z.number().int().min(1).max(30).default(7) })
  .strict()
export const joinInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8}$/, '请输入 8 位邀请码')
      .transform((code) => code.toUpperCase()),
  })
  .strict()

export interface UnitCard {
  id: string
  name: string
  kind: UnitDoc['kind']
  partyOrg: string
  status: UnitDoc['status']
  /** This community's agreement, when the list is of one community. */
  agreement: { status: AgreementDoc['status']; signedAt: Date } | null
}

export interface UnitDetail extends UnitCard {
  address: string
  communityIds: string[]
  agreements: Array<{ communityId: string; communityName: string; status: AgreementDoc['status']; signedAt: Date }>
  /** Only for staff of a paired community and the unit's liaisons. */
  contact: { name: string; phone: string } | null
}

const toCard = (unit: UnitDoc, agreement: AgreementDoc | null): UnitCard => ({
  id: unit._id,
  name: unit.name,
  kind: unit.kind,
  partyOrg: unit.partyOrg,
  status: unit.status,
  agreement: agreement ? { status: agreement.status, signedAt: agreement.signedAt } : null,
})

export async function loadUnit(db: Database, unitId: string): Promise<UnitDoc> {
  return loadDoc<UnitDoc>(db, 'units', unitId, '共建单位不存在')
}

/** Is the caller a liaison of this (active) unit? Grants are unit-scoped, so community roles say nothing about which unit. */
export const isLiaisonOf = (caller: Caller, unitId: string): boolean => caller.units.some((unit) => unit.unitId === unitId)

async function communitiesOf(db: Database, ids: string[]): Promise<CommunityDoc[]> {
  if (ids.length === 0) return []
  const found = await db
    .collection<CommunityDoc>('communities')
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get()
  return found.data
}

/** Staff (or district admin) of any community the unit has an agreement with. */
export async function isStaffOfUnit(db: Database, caller: Caller, communityIds: string[]): Promise<boolean> {
  if (!caller.user) return false
  const communities = await communitiesOf(db, communityIds)
  return communities.some((community) => rolesIn(caller, community).has('staff'))
}

export async function listUnits(input: z.output<typeof listInput>, ctx: ActionContext): Promise<UnitCard[]> {
  const communityId = input.communityId ?? ctx.caller.user?.communityId
  if (!communityId) throw new AppError('VALIDATION_FAILED', '请选择社区')
  const agreements = await ctx.db
    .collection<AgreementDoc>('agreements')
    .where({ communityId })
    .orderBy('signedAt', 'desc')
    .limit(MAX_UNITS)
    .get()
  // Staff see suspended pairings too (their history stays); the public sees who is co-building now.
  const isStaff = ctx.community?._id === communityId && ctx.roles.has('staff')
  const shown = agreements.data.filter((agreement) => isStaff || agreement.status === 'active')
  if (shown.length === 0) return []
  const units = await ctx.db
    .collection<UnitDoc>('units')
    .where({ _id: ctx.db.command.in(shown.map((agreement) => agreement.unitId)) })
    .limit(shown.length)
    .get()
  const byId = new Map(units.data.map((unit) => [unit._id, unit]))
  return shown.flatMap((agreement) => {
    const unit = byId.get(agreement.unitId)
    return unit ? [toCard(unit, agreement)] : []
  })
}

export async function unitDetail(input: z.output<typeof detailInput>, ctx: ActionContext): Promise<UnitDetail> {
  const unit = await loadUnit(ctx.db, input.unitId)
  const agreements = await ctx.db.collection<AgreementDoc>('agreements').where({ unitId: unit._id }).limit(MAX_UNITS).get()
  const communities = await communitiesOf(
    ctx.db,
    agreements.data.map((agreement) => agreement.communityId),
  )
  const names = new Map(communities.map((community) => [community._id, community.name]))
  const privileged =
    isLiaisonOf(ctx.caller, unit._id) ||
    (await isStaffOfUnit(
      ctx.db,
      ctx.caller,
      agreements.data.map((agreement) => agreement.communityId),
    ))
  return {
    ...toCard(unit, null),
    address: unit.address,
    communityIds: unit.communityIds,
    agreements: agreements.data.map((agreement) => ({
      communityId: agreement.communityId,
      communityName: names.get(agreement.communityId) ?? '',
      status: agreement.status,
      signedAt: agreement.signedAt,
    })),
    contact: privileged ? { ...unit.contact, name: nameFor(unit.contact.name, isLiaisonOf(ctx.caller, unit._id) ? 'liaison' : 'staff') } : null,
  }
}

export async function registerUnit(input: z.output<typeof registerInput>, ctx: ActionContext): Promise<UnitDetail> {
  // Staff register units: unchecked words are kept as written and noted on the audit trail (lib/shared/content-review.ts).
  const verdict = await ctx.checkContent([input.name, input.partyOrg, input.address])
  const now = ctx.now()
  const unitId = `unit-${randomUUID().replace(/-/g, '').slice(0, 16)}`
  const actorId = ctx.caller.user?._id ?? ''
  await withTransaction(ctx.db, async (tx) => {
    await tx.collection<UnitDoc>('units').doc(unitId).create({
      name: input.name,
      kind: input.kind,
      partyOrg: input.partyOrg,
      contact: input.contact,
      address: input.address,
      communityIds: [input.communityId],
      status: 'active',
      createdAt: now,
    })
    await tx.collection<AgreementDoc>('agreements').doc(agreementId(unitId, input.communityId)).create({
      unitId,
      communityId: input.communityId,
      signedAt: input.signedAt,
      status: 'active',
      reason: '',
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
  })
  await recordAudit(ctx, { kind: 'unit.register', targetId: unitId, communityId: input.communityId, detail: { name: input.name } })
  await recordUnchecked(ctx, verdict, { action: 'units.register', targetId: unitId, communityId: input.communityId })
  return unitDetail({ unitId }, ctx)
}

/**
 * Pairs an existing unit with the staff's community. The agreement row and the
 * unit's `communityIds` (what liaison roles read) change in one transaction.
 */
export async function pairUnit(input: z.output<typeof pairInput>, ctx: ActionContext): Promise<UnitDetail> {
  const now = ctx.now()
  await withTransaction(ctx.db, async (tx) => {
    const unit = (await tx.collection<UnitDoc>('units').doc(input.unitId).get()).data
    if (!unit) throw new AppError('NOT_FOUND', '共建单位不存在')
    const agreementRef = tx.collection<AgreementDoc>('agreements').doc(agreementId(unit._id, input.communityId))
    const existing = (await agreementRef.get()).data
    if (existing) throw new AppError('ALREADY_EXISTS', existing.status === 'active' ? '该单位已与本社区结对' : '该单位与本社区的共建已暂停，请恢复')
    await agreementRef.create({
      unitId: unit._id,
      communityId: input.communityId,
      signedAt: input.signedAt,
      status: 'active',
      reason: '',
      createdBy: ctx.caller.user?._id ?? '',
      createdAt: now,
      updatedAt: now,
    })
    await tx
      .collection<UnitDoc>('units')
      .doc(unit._id)
      .update({ communityIds: [...unit.communityIds, input.communityId], status: 'active' })
  })
  await recordAudit(ctx, { kind: 'unit.pair', targetId: input.unitId, communityId: input.communityId })
  return unitDetail({ unitId: input.unitId }, ctx)
}

/**
 * Suspends or reinstates one community's agreement. The community leaves the
 * unit's `communityIds`, so its liaisons lose their role there at once; the
 * unit itself is suspended when no active agreement is left.
 */
async function setAgreementStatus(
  input: z.output<typeof suspendInput>,
  ctx: ActionContext,
  from: AgreementDoc['status'],
  to: AgreementDoc['status'],
): Promise<UnitDetail> {
  await withTransaction(ctx.db, async (tx) => {
    const unit = (await tx.collection<UnitDoc>('units').doc(input.unitId).get()).data
    const agreementRef = tx.collection<AgreementDoc>('agreements').doc(agreementId(input.unitId, input.communityId))
    const agreement = (await agreementRef.get()).data
    if (!unit || !agreement) throw new AppError('NOT_FOUND', '该单位未与本社区结对')
    if (agreement.status !== from) throw new AppError('INVALID_STATE', to === 'suspended' ? '共建已暂停' : '共建未暂停')
    await agreementRef.update({ status: to, reason: input.reason, updatedAt: ctx.now() })
    const others = unit.communityIds.filter((communityId) => communityId !== input.communityId)
    const communityIds = to === 'active' ? [...others, input.communityId] : others
    await tx
      .collection<UnitDoc>('units')
      .doc(unit._id)
      .update({ communityIds, status: communityIds.length > 0 ? 'active' : 'suspended' })
  })
  await recordAudit(ctx, {
    kind: to === 'suspended' ? 'unit.suspend' : 'unit.reinstate',
    targetId: input.unitId,
    communityId: input.communityId,
    reason: input.reason,
  })
  return unitDetail({ unitId: input.unitId }, ctx)
}

export const suspendUnit = (input: z.output<typeof suspendInput>, ctx: ActionContext) => setAgreementStatus(input, ctx, 'active', 'suspended')
export const reinstateUnit = (input: z.output<typeof suspendInput>, ctx: ActionContext) => setAgreementStatus(input, ctx, 'suspended', 'active')

export const inviteId = (code: string): string => createHash('sha256').update(`invite:${code}`).digest('hex')

export async function createInvite(
  input: z.output<typeof createInviteInput>,
  ctx: ActionContext,
): Promise<{ code: string; expiresAt: Date }> {
  const agreement = (await ctx.db.collection<AgreementDoc>('agreements').doc(agreementId(input.unitId, input.communityId)).get()).data[0]
  if (!agreement) throw new AppError('NOT_FOUND', '该单位未与本社区结对')
  if (agreement.status !== 'active') throw new AppError('INVALID_STATE', '共建已暂停，不能邀请联络员')
  const now = ctx.now()
  const expiresAt = new Date(now.getTime() + input.days * DAY)
  const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
  // 31^8 ≈ 8.5e11 codes: a collision is a bug-level event, and `create` refuses it rather than overwriting.
  await ctx.db.collection<InviteDoc>('invites').doc(inviteId(code)).create({
    unitId: input.unitId,
    communityId: input.communityId,
    createdBy: ctx.caller.user?._id ?? '',
    createdAt: now,
    expiresAt,
    usedBy: null,
    usedAt: null,
  })
  await recordAudit(ctx, { kind: 'unit.invite', targetId: input.unitId, communityId: input.communityId, detail: { expiresAt } })
  return { code, expiresAt }
}

/**
 * Redeems an invite: grants `liaison` on the unit. The invite and the grant
 * change in one transaction, so of many racing redemptions of one code
 * exactly one grants; the rest re-read a used invite and get CODE_INVALID.
 */
export async function joinUnit(input: z.output<typeof joinInput>, ctx: ActionContext): Promise<{ unitId: string; unitName: string }> {
  const user = ctx.caller.user
  if (!user) throw new AppError('NOT_REGISTERED')
  const now = ctx.now()
  // 31^8 codes cannot be guessed by hand; a script could try, so wrong guesses are counted per person.
  const attemptKey = `invite:${user._id}`
  await assertNotLockedOut(ctx.db, attemptKey, now, MAX_WRONG_CODES)
  const known = (await ctx.db.collection<InviteDoc>('invites').doc(inviteId(input.code)).get()).data[0]
  if (!known) {
    await recordFailedAttempt(ctx.db, attemptKey, now)
    throw new AppError('CODE_INVALID', '邀请码无效或已过期')
  }
  const unit = await withTransaction(ctx.db, async (tx) => {
    const inviteRef = tx.collection<InviteDoc>('invites').doc(inviteId(input.code))
    const invite = (await inviteRef.get()).data
    if (!invite || invite.usedBy !== null || invite.expiresAt.getTime() <= now.getTime()) throw new AppError('CODE_INVALID', '邀请码无效或已过期')
    const agreementRef = tx.collection<AgreementDoc>('agreements').doc(agreementId(invite.unitId, invite.communityId))
    const grantRef = tx.collection<RoleDoc>('roles').doc(roleDocId(invite.unitId, user._id, 'liaison'))
    const [unit, agreement, grant] = await Promise.all([tx.collection<UnitDoc>('units').doc(invite.unitId).get(), agreementRef.get(), grantRef.get()])
    if (!unit.data || !agreement.data || agreement.data.status !== 'active') throw new AppError('CODE_INVALID', '该单位与社区的共建已暂停')
    if (grant.data) throw new AppError('ALREADY_EXISTS', '您已经是该单位的联络员')
    await grantRef.create({ userId: user._id, role: 'liaison', scopeId: invite.unitId, grantedBy: invite.createdBy, createdAt: now })
    await inviteRef.update({ usedBy: user._id, usedAt: now })
    // Written, not only read: a suspension of this pairing racing the join then conflicts with it (snapshot isolation).
    await agreementRef.update({ rev: ctx.db.command.inc(1) })
    return unit.data
  })
  await recordAudit(ctx, { kind: 'unit.join', targetId: unit._id, communityId: null, detail: { userId: user._id } })
  return { unitId: unit._id, unitName: unit.name }
}

