/**
 * 志愿服务记录证明: the volunteer asks (for a period or all their service),
 * staff of the community issue it — or issue one unasked — and may turn a
 * request down or revoke a certificate, with a reason in the audit trail.
 * Anyone can verify a number and learn only that it is valid or revoked,
 * whose (masked) it is, its hours, issuer and date.
 */
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { activitiesByIds, serviceOfPerson } from '../activities/hours'
import type { Database } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { requireUser } from '../shared/caller'
import { chinaDate, chinaYear } from '../shared/china-time'
import { pageOf } from '../shared/paging'
import { maskIdNumber, maskName, nameFor } from '../shared/privacy'
import { calendarDay, id, paging, text, type Page } from '../shared/schemas'
import type { CommunityDoc, UserDoc } from '../users/model'
import { certificateStatusLabels, certificateStatuses, type CertificateDoc, type CertificateItem, type CertificatePeriod, type CertificateStatus } from './model'
import { newCertificateNumber, normalizeNumber } from './number'
import { verifyUrl } from './verify-url'

// ---------------------------------------------------------------- records

export async function findCertificate(db: Database, certificateId: string): Promise<CertificateDoc | null> {
  return (await db.collection<CertificateDoc>('certificates').doc(certificateId).get()).data[0] ?? null
}

async function requireCertificate(db: Database, certificateId: string): Promise<CertificateDoc> {
  const certificate = await findCertificate(db, certificateId)
  if (!certificate) throw new AppError('NOT_FOUND', '证明不存在')
  return certificate
}

/** Guard: roles are checked in the certificate's own community, never one the caller names. */
export async function certificateCommunity(input: { certificateId: string }, { db }: GuardContext): Promise<string> {
  return (await requireCertificate(db, input.certificateId)).communityId
}

const findUser = async (db: Database, userId: string): Promise<UserDoc | null> => (await db.collection<UserDoc>('users').doc(userId).get()).data[0] ?? null

const sumHours = (hours: number[]): number => Math.round(hours.reduce((sum, value) => sum + value, 0) * 100) / 100

/** A person's confirmed service in a community, by Beijing day, within the period (null: all of it). */
async function itemsOf(db: Database, userId: string, communityId: string, period: CertificatePeriod | null): Promise<CertificateItem[]> {
  const lines = (await serviceOfPerson(db, userId, communityId)).filter((line) => {
    const day = chinaDate(line.servedAt)
    return !period || (day >= period.from && day <= period.to)
  })
  const activities = await activitiesByIds(db, lines.map((line) => line.activityId))
  return lines.map((line) => ({
    activityId: line.activityId,
    activityTitle: activities.get(line.activityId)?.title ?? '志愿服务活动',
    date: chinaDate(line.servedAt),
    hours: line.hours,
  }))
}

const NO_SERVICE = '该时段内没有已确认的志愿服务记录，无法出具证明'

// ---------------------------------------------------------------- views

export interface CertificateView {
  id: string
  status: CertificateStatus
  statusLabel: string
  /** Full to the holder and to staff of the community (`nameFor`). */
  name: string
  period: CertificatePeriod | null
  note: string
  requestedAt: Date
  number: string | null
  issuedAt: Date | null
  /** Beijing day of issue, as printed. */
  issueDate: string | null
  issuer: string
  idNumberMasked: string
  items: CertificateItem[]
  totalHours: number
  revokedAt: Date | null
  reason: string
  verifyUrl: string | null
}

function toView(certificate: CertificateDoc, holderName: string, communityName: string, fullName: boolean): CertificateView {
  const snapshot = certificate.snapshot
  const name = snapshot?.name ?? holderName
  return {
    id: certificate._id,
    status: certificate.status,
    statusLabel: certificateStatusLabels[certificate.status],
    name: nameFor(name, fullName ? 'own' : null),
    period: certificate.period,
    note: certificate.note,
    requestedAt: certificate.requestedAt,
    number: certificate.number,
    issuedAt: certificate.issuedAt,
    issueDate: certificate.issuedAt ? chinaDate(certificate.issuedAt) : null,
    issuer: snapshot?.issuer ?? communityName,
    idNumberMasked: snapshot?.idNumberMasked ?? '',
    items: snapshot?.items ?? [],
    totalHours: snapshot?.totalHours ?? 0,
    revokedAt: certificate.revokedAt,
    reason: certificate.reason,
    verifyUrl: certificate.number ? verifyUrl(certificate.number) : null,
  }
}

// ---------------------------------------------------------------- request

const periodFields = {
  from: calendarDay().optional(),
  to: calendarDay().optional(),
}

const periodOf = (input: { from?: string; to?: string }): CertificatePeriod | null => (input.from && input.to ? { from: input.from, to: input.to } : null)

const periodRule = (input: { from?: string; to?: string }) => (input.from === undefined) === (input.to === undefined) && (!input.from || !input.to || input.from <= input.to)
const PERIOD_MESSAGE = '请同时填写开始和结束日期，且开始不晚于结束；都不填则证明全部服务'

export const requestInput = z
  .object({ ...periodFields, note: z.string().trim().max(100).default('') })
  .strict()
  .refine(periodRule, { error: PERIOD_MESSAGE, path: ['to'] })

/**
 * A volunteer asks their community for a certificate of their service there.
 * One open request at a time; nothing to certify is refused at once rather
 * than left for staff to turn down.
 */
export async function request(input: z.output<typeof requestInput>, ctx: ActionContext): Promise<CertificateView> {
  const user = requireUser(ctx)
  const community = ctx.community!
  const period = periodOf(input)
  const [open, items] = await Promise.all([
    ctx.db.collection<CertificateDoc>('certificates').where({ userId: user._id, communityId: community._id, status: 'requested' }).count(),
    itemsOf(ctx.db, user._id, community._id, period),
  ])
  if (open.total > 0) throw new AppError('ALREADY_EXISTS', '您已有一份待出具的申请，请等待社区处理')
  if (items.length === 0) throw new AppError('INVALID_STATE', NO_SERVICE)
  const now = ctx.now()
  const certificate: CertificateDoc = {
    _id: randomUUID(),
    communityId: community._id,
    userId: user._id,
    status: 'requested',
    period,
    requestedBy: user._id,
    requestedAt: now,
    note: input.note,
    number: null,
    issuedAt: null,
    issuedBy: null,
    snapshot: null,
    rejectedAt: null,
    revokedAt: null,
    revokedBy: null,
    reason: '',
    createdAt: now,
    updatedAt: now,
  }
  await ctx.db.collection<CertificateDoc>('certificates').add(certificate)
  return toView(certificate, user.name, community.name, true)
}

// ---------------------------------------------------------------- mine / list / detail

export const mineInput = z.object({ ...paging }).strict()

/** My certificates and requests, in every community, latest change first. */
export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<CertificateView>> {
  const user = requireUser(ctx)
  const page = await pageOf(ctx.db.collection<CertificateDoc>('certificates').where({ userId: user._id }), ['updatedAt', 'desc'], input, (doc) => doc)
  const communities = await communityNames(ctx.db, page.items.map((doc) => doc.communityId))
  return { ...page, items: page.items.map((doc) => toView(doc, user.name, communities.get(doc.communityId) ?? '', true)) }
}

async function communityNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const found = await db.collection<CommunityDoc>('communities').where({ _id: db.command.in(unique) }).limit(unique.length).get()
  return new Map(found.data.map((community) => [community._id, community.name]))
}

export const listInput = z
  .object({ communityId: id, status: z.enum(certificateStatuses).optional(), ...paging })
  .strict()

/** Staff: the community's requests and certificates, latest change first. */
export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<CertificateView>> {
  const where = { communityId: input.communityId, ...(input.status ? { status: input.status } : {}) }
  const page = await pageOf(ctx.db.collection<CertificateDoc>('certificates').where(where), ['updatedAt', 'desc'], input, (doc) => doc)
  const users = await usersByIds(ctx.db, page.items.map((doc) => doc.userId))
  return { ...page, items: page.items.map((doc) => toView(doc, users.get(doc.userId)?.name ?? '', ctx.community!.name, true)) }
}

async function usersByIds(db: Database, ids: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const found = await db.collection<UserDoc>('users').where({ _id: db.command.in(unique) }).limit(unique.length).get()
  return new Map(found.data.map((user) => [user._id, user]))
}

// ---------------------------------------------------------------- issue

export const issueInput = z.union([
  z.object({ certificateId: id }).strict(),
  z
    .object({ communityId: id, userId: id, ...periodFields })
    .strict()
    .refine(periodRule, { error: PERIOD_MESSAGE, path: ['to'] }),
])
export type IssueInput = z.output<typeof issueInput>

/** Guard: a request is issued in its own community; an unasked certificate in the one named. */
export async function issueCommunity(input: IssueInput, ctx: GuardContext): Promise<string> {
  return 'certificateId' in input ? certificateCommunity(input, ctx) : input.communityId
}

/**
 * Staff issue a requested certificate, or one unasked. The statement is
 * fixed now: name, masked ID number, the confirmed service of the period,
 * the total and the issuer. A request is taken with a conditional update
 * (`requested` → `issued`), so two staff tapping 出具 at once issue it once;
 * the second is answered with the certificate the first issued.
 */
export async function issue(input: IssueInput, ctx: ActionContext): Promise<CertificateView> {
  const { db } = ctx
  const community = ctx.community!
  const staff = requireUser(ctx)
  const existing = 'certificateId' in input ? await requireCertificate(db, input.certificateId) : null
  if (existing && existing.status === 'issued') return toView(existing, '', community.name, true)
  if (existing && existing.status !== 'requested') throw new AppError('INVALID_STATE', '该申请已处理，不能再出具')
  const userId = existing ? existing.userId : (input as { userId: string }).userId
  const period = existing ? existing.period : periodOf(input as { from?: string; to?: string })
  const holder = await findUser(db, userId)
  if (!holder) throw new AppError('NOT_FOUND', '用户不存在')
  const items = await itemsOf(db, holder._id, community._id, period)
  if (items.length === 0) throw new AppError('INVALID_STATE', NO_SERVICE)

  const now = ctx.now()
  const number = await freshNumber(db, chinaYear(now))
  const issued = {
    status: 'issued' as const,
    number,
    issuedAt: now,
    issuedBy: staff._id,
    snapshot: {
      name: holder.name,
      idNumberMasked: holder.idNumber ? maskIdNumber(holder.idNumber) : '',
      volunteerNo: holder.volunteerNo?.trim() ?? '',
      issuer: community.name,
      items,
      totalHours: sumHours(items.map((item) => item.hours)),
    },
    updatedAt: now,
  }
  let certificate: CertificateDoc
  if (existing) {
    // An object in update() merges field by field into the stored one (CloudBase), and the request's snapshot is null: set it whole.
    const taken = await db
      .collection<CertificateDoc>('certificates')
      .where({ _id: existing._id, status: 'requested' })
      .update({ ...issued, snapshot: db.command.set(issued.snapshot) })
    if (taken.updated === 0) {
      const current = await requireCertificate(db, existing._id)
      if (current.status === 'issued') return toView(current, holder.name, community.name, true)
      throw new AppError('INVALID_STATE', '该申请已处理，不能再出具')
    }
    certificate = { ...existing, ...issued }
  } else {
    certificate = {
      _id: randomUUID(),
      communityId: community._id,
      userId: holder._id,
      period,
      requestedBy: staff._id,
      requestedAt: now,
      note: '',
      rejectedAt: null,
      revokedAt: null,
      revokedBy: null,
      reason: '',
      createdAt: now,
      ...issued,
    }
    await db.collection<CertificateDoc>('certificates').add(certificate)
  }
  await recordAudit(ctx, { kind: 'certificate_issued', targetId: certificate._id, communityId: community._id, detail: { number, userId: holder._id, totalHours: issued.snapshot.totalHours } })
  return toView(certificate, holder.name, community.name, true)
}

/**
 * A number not yet on file. Collisions are astronomically rare (31^8 random
 * numbers a year), so the check is a formality that keeps the number unique
 * even if the generator were ever weakened.
 */
async function freshNumber(db: Database, year: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const number = newCertificateNumber(year)
    if ((await db.collection<CertificateDoc>('certificates').where({ number }).count()).total === 0) return number
  }
  throw new AppError('CONFLICT')
}

// ---------------------------------------------------------------- reject / revoke

export const reasonInput = z.object({ certificateId: id, reason: text(200).min(2) }).strict()

/** Staff turn a request down, saying why (the volunteer sees the reason). */
export async function reject(input: z.output<typeof reasonInput>, ctx: ActionContext): Promise<CertificateView> {
  return settle(input, ctx, 'requested', 'rejected')
}

/** Staff revoke an issued certificate; verification says so from now on, with the date. */
export async function revoke(input: z.output<typeof reasonInput>, ctx: ActionContext): Promise<CertificateView> {
  return settle(input, ctx, 'issued', 'revoked')
}

async function settle(input: z.output<typeof reasonInput>, ctx: ActionContext, from: CertificateStatus, to: 'rejected' | 'revoked'): Promise<CertificateView> {
  const { db } = ctx
  const certificate = await requireCertificate(db, input.certificateId)
  const now = ctx.now()
  const change = to === 'revoked' ? { status: to, revokedAt: now, revokedBy: requireUser(ctx)._id, reason: input.reason, updatedAt: now } : { status: to, rejectedAt: now, reason: input.reason, updatedAt: now }
  const done = await db.collection<CertificateDoc>('certificates').where({ _id: certificate._id, status: from }).update(change)
  if (done.updated === 0) {
    const current = await requireCertificate(db, certificate._id)
    if (current.status !== to) throw new AppError('INVALID_STATE', to === 'revoked' ? '只有已出具的证明可以撤销' : '只有待出具的申请可以驳回')
    return toView(current, '', ctx.community!.name, true)
  }
  await recordAudit(ctx, { kind: `certificate_${to}`, targetId: certificate._id, communityId: certificate.communityId, detail: { number: certificate.number }, reason: input.reason })
  const holder = await findUser(db, certificate.userId)
  return toView({ ...certificate, ...change }, holder?.name ?? '', ctx.community!.name, true)
}

// ---------------------------------------------------------------- the holder's or staff's copy

export const certificateInput = z.object({ certificateId: id }).strict()

/** The holder, or staff of the certificate's community; anyone else is FORBIDDEN. */
export async function readableCertificate(certificateId: string, ctx: ActionContext): Promise<CertificateDoc> {
  const user = requireUser(ctx)
  const certificate = await requireCertificate(ctx.db, certificateId)
  if (certificate.userId !== user._id && !ctx.roles.has('staff')) throw new AppError('FORBIDDEN')
  return certificate
}

export async function detail(input: z.output<typeof certificateInput>, ctx: ActionContext): Promise<CertificateView> {
  const certificate = await readableCertificate(input.certificateId, ctx)
  const holder = await findUser(ctx.db, certificate.userId)
  return toView(certificate, holder?.name ?? '', ctx.community!.name, true)
}

// ---------------------------------------------------------------- public verification

export const verifyInput = z.object({ number: z.string().max(64) }).strict()

/** Exactly what a stranger who scans the QR learns; nothing else leaves `verify`. */
export interface Verification {
  number: string
  maskedName: string
  totalHours: number
  issuer: string
  issuedAt: Date
  status: 'valid' | 'revoked'
  /** Only when revoked: since when. */
  revokedAt?: Date
}

/**
 * Anyone checks a number. A forged, mistyped, unknown, requested or
 * rejected number is one and the same NOT_FOUND, after the same single
 * lookup (a badly formed number is looked up as written), so neither the
 * answer nor its cost tells a guesser anything.
 */
export async function verify(input: z.output<typeof verifyInput>, ctx: ActionContext): Promise<Verification> {
  const number = normalizeNumber(input.number) ?? input.number
  const found = await ctx.db.collection<CertificateDoc>('certificates').where({ number }).limit(1).get()
  const certificate = found.data[0]
  if (!certificate || !certificate.snapshot || !certificate.issuedAt || (certificate.status !== 'issued' && certificate.status !== 'revoked')) {
    throw new AppError('NOT_FOUND', '未查询到该证明编号，请核对后再试')
  }
  const answer: Verification = {
    number: certificate.number!,
    maskedName: maskName(certificate.snapshot.name),
    totalHours: certificate.snapshot.totalHours,
    issuer: certificate.snapshot.issuer,
    issuedAt: certificate.issuedAt,
    status: certificate.status === 'revoked' ? 'revoked' : 'valid',
  }
  if (certificate.status === 'revoked' && certificate.revokedAt) answer.revokedAt = certificate.revokedAt
  return answer
}
