import * as z from 'zod'
import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import { DbErrorCode, isDbError, type BaseDoc, type Database, type Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { recordUnchecked } from '../shared/content-review'
import { chinaDate, chinaYear, yearRange } from '../shared/china-time'
import { loadDoc } from '../shared/documents'
import { withTransaction } from '../shared/transaction'
import { pageOf, readAll, readWhereIn } from '../shared/paging'
import { DB_PARALLEL, mapBounded } from '../shared/parallel'
import { nameFor } from '../shared/privacy'
import { calendarDay, id, paging, text, type Page } from '../shared/schemas'
import { defaultCommunitySettings, roleDocId, type CommunityDoc, type RoleDoc, type UserDoc } from '../users/model'
import {
  reportDocId,
  reportStatuses,
  reportStatusLabels,
  toReportView,
  willingnessOptions,
  type MemberReportDoc,
  type ReportHistoryEntry,
  type ReportStatus,
  type ReportView,
} from './model'

// ---------------------------------------------------------------- inputs

/** The CPC was founded on 1 July 1921; nobody joined before. */
const FIRST_JOIN_DAY = '1921-07-01'
const year = z.number().int().min(2000).max(2100)
const tags = (max: number) =>
  z
    .array(text(20))
    .max(max)
    .transform((values) => [...new Set(values)])

export const submitInput = z
  .object({
    workUnit: text(60),
    partyOrg: text(60),
    partyJoinedAt: calendarDay({ min: FIRST_JOIN_DAY }),
    skills: tags(10).default([]),
    willingness: tags(12).refine((values) => values.length > 0, '请至少选择一项服务意向'),
  })
  .strict()
export const mineInput = z.object({}).strict()
export const reportRef = z.object({ reportId: id }).strict()
export const reasonInput = z.object({ reportId: id, reason: text(200) }).strict()
export const rosterInput = z.object({ communityId: id, year: year.optional(), status: z.enum(reportStatuses).optional(), ...paging }).strict()
export const notReportedInput = z.object({ communityId: id, year: year.optional(), ...paging }).strict()
export const exportRosterInput = z.object({ communityId: id, year: year.optional() }).strict()

// ---------------------------------------------------------------- reads

/** A community has a few thousand residents at most; past this a figure would be wrong, so it refuses. */
const ALL_ROWS = { cap: 20_000, message: '数据量过大' }

async function loadReport(db: Database, reportId: string): Promise<MemberReportDoc> {
  return loadDoc<MemberReportDoc>(db, 'memberReports', reportId, '报到记录不存在')
}

/** The guard checks roles in the report's own community, never one the caller names. */
export async function reportCommunity(input: { reportId: string }, { db }: GuardContext): Promise<string> {
  return (await loadReport(db, input.reportId)).communityId
}

const targetOf = (community: CommunityDoc | null, key: 'reportActivityTarget' | 'reportSuggestionTarget'): number => {
  const value = community?.settings?.[key]
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? value : defaultCommunitySettings[key]
}

export interface Progress {
  year: number
  /** Confirmed attendances at this community's activities that ended in the year. */
  activities: { done: number; target: number }
  /** Suggestions the person made in the year, to this community, not withdrawn. */
  suggestions: { done: number; target: number }
}

/** Counted from the records themselves, never from a stored tally, so it cannot drift. */
export async function progressOf(db: Database, community: CommunityDoc, userId: string, forYear: number): Promise<Progress> {
  const _ = db.command
  const { start, end } = yearRange(forYear)
  const enrollments = await readAll<EnrollmentDoc>(db, 'enrollments', { userId, status: 'confirmed', communityId: community._id }, ALL_ROWS)
  const activityIds = [...new Set(enrollments.map((enrollment) => enrollment.activityId))]
  const attended = (await readWhereIn<ActivityDoc>(db, 'activities', '_id', activityIds, ALL_ROWS, { communityId: community._id, endAt: _.and(_.gte(start), _.lt(end)) })).length
  const suggestions = await db
    .collection('suggestions')
    .where({ userId, communityId: community._id, createdAt: _.and(_.gte(start), _.lt(end)), status: _.neq('withdrawn') })
    .count()
  return {
    year: forYear,
    activities: { done: attended, target: targetOf(community, 'reportActivityTarget') },
    suggestions: { done: suggestions.total, target: targetOf(community, 'reportSuggestionTarget') },
  }
}

/** An export's reads grow with the community's year, never per person. */
const EXPORT_ROWS = { cap: 200_000, message: '数据量过大' }

/**
 * progressOf for many people at once, for the roster export: three reads of
 * the community's year (activities that ended in it, their confirmed
 * enrollments, the year's suggestions), paged and bounded, then counted per
 * person. The same rules as progressOf, so a row of the sheet and the
 * person's own page agree.
 */
export async function progressOfMany(db: Database, community: CommunityDoc, userIds: string[], forYear: number): Promise<Map<string, Progress>> {
  const _ = db.command
  const { start, end } = yearRange(forYear)
  const [activities, suggestions] = await Promise.all([
    readAll<ActivityDoc>(db, 'activities', { communityId: community._id, endAt: _.and(_.gte(start), _.lt(end)) }, EXPORT_ROWS, { _id: true }),
    readAll<BaseDoc & { userId: string }>(db, 'suggestions', { communityId: community._id, createdAt: _.and(_.gte(start), _.lt(end)), status: _.neq('withdrawn') }, EXPORT_ROWS, { userId: true }),
  ])
  const enrollments = await readWhereIn<EnrollmentDoc>(db, 'enrollments', 'activityId', activities.map((activity) => activity._id), EXPORT_ROWS, { status: 'confirmed', communityId: community._id }, { userId: true, activityId: true })
  const attended = new Map<string, Set<string>>()
  for (const enrollment of enrollments) {
    const seen = attended.get(enrollment.userId) ?? new Set<string>()
    seen.add(enrollment.activityId)
    attended.set(enrollment.userId, seen)
  }
  const suggested = new Map<string, number>()
  for (const suggestion of suggestions) suggested.set(suggestion.userId, (suggested.get(suggestion.userId) ?? 0) + 1)
  return new Map(
    userIds.map((userId) => [
      userId,
      {
        year: forYear,
        activities: { done: attended.get(userId)?.size ?? 0, target: targetOf(community, 'reportActivityTarget') },
        suggestions: { done: suggested.get(userId) ?? 0, target: targetOf(community, 'reportSuggestionTarget') },
      },
    ]),
  )
}

export interface MyReport {
  community: { id: string; name: string }
  report: ReportView | null
  progress: Progress
  willingnessOptions: readonly string[]
}

/** My report to the community I live in this year, and how far I am against its targets. */
export async function mine(_input: z.output<typeof mineInput>, ctx: ActionContext): Promise<MyReport> {
  const user = ctx.caller.user!
  const community = ctx.community!
  const thisYear = chinaYear(ctx.now())
  const [found, progress] = await Promise.all([
    ctx.db.collection<MemberReportDoc>('memberReports').doc(reportDocId(community._id, user._id, thisYear)).get(),
    progressOf(ctx.db, community, user._id, thisYear),
  ])
  return {
    community: { id: community._id, name: community.name },
    report: found.data[0] ? toReportView(found.data[0]) : null,
    progress,
    willingnessOptions,
  }
}

export async function detail(input: z.output<typeof reportRef>, ctx: ActionContext): Promise<ReportView> {
  const report = await loadReport(ctx.db, input.reportId)
  // Work unit and party organisation are personal: the member and their community's staff only.
  if (report.userId !== ctx.caller.user?._id && !ctx.roles.has('staff')) throw new AppError('FORBIDDEN')
  return toReportView(report)
}

export type RosterRow = ReportView & { progress: Progress }

/** The year's reports, newest change first, each with the person's progress so staff see who is behind. */
export async function roster(input: z.output<typeof rosterInput>, ctx: ActionContext): Promise<Page<RosterRow> & { year: number }> {
  const community = ctx.community!
  const forYear = input.year ?? chinaYear(ctx.now())
  const where: Where = input.status ? { communityId: input.communityId, year: forYear, status: input.status } : { communityId: input.communityId, year: forYear }
  const page = await pageOf(ctx.db.collection<MemberReportDoc>('memberReports').where(where), ['updatedAt', 'desc'], input, toReportView)
  const items = await mapBounded(page.items, DB_PARALLEL, async (report) => ({ ...report, progress: await progressOf(ctx.db, community, report.userId, forYear) }))
  return { ...page, items, year: forYear }
}

export interface NotReportedRow {
  userId: string
  name: string
  phone: string
  building: string
}

/** Members of the community (role member) with no report for the year, in any status. */
export async function notReported(input: z.output<typeof notReportedInput>, ctx: ActionContext): Promise<Page<NotReportedRow> & { year: number }> {
  const forYear = input.year ?? chinaYear(ctx.now())
  const [grants, reports] = await Promise.all([
    readAll<RoleDoc>(ctx.db, 'roles', { scopeId: input.communityId, role: 'member' }, ALL_ROWS),
    readAll<MemberReportDoc>(ctx.db, 'memberReports', { communityId: input.communityId, year: forYear }, ALL_ROWS),
  ])
  const reported = new Set(reports.map((report) => report.userId))
  const missing = [...new Set(grants.map((grant) => grant.userId))].filter((userId) => !reported.has(userId))
  const users = await readWhereIn<UserDoc>(ctx.db, 'users', '_id', missing, ALL_ROWS)
  users.sort((a, b) => a.name.localeCompare(b.name, 'zh') || a._id.localeCompare(b._id))
  const start = (input.page - 1) * input.pageSize
  return {
    items: users.slice(start, start + input.pageSize).map((user) => ({ userId: user._id, name: nameFor(user.name, 'staff'), phone: user.phone, building: user.building })),
    total: users.length,
    page: input.page,
    pageSize: input.pageSize,
    year: forYear,
  }
}

// ---------------------------------------------------------------- moves

const historyEntry = (action: ReportHistoryEntry['action'], at: Date, by: string, note?: string): ReportHistoryEntry =>
  note ? { action, at, by, note } : { action, at, by }

/**
 * New this year → submitted; submitted (edit) or returned (resubmit) →
 * submitted. A confirmed report is settled: INVALID_STATE. The year is the
 * server's, in China time, so a member cannot report for a past year.
 */
export async function submit(input: z.output<typeof submitInput>, ctx: ActionContext): Promise<ReportView> {
  const user = ctx.caller.user!
  const community = ctx.community!
  const now = ctx.now()
  if (input.partyJoinedAt > chinaDate(now)) throw new AppError('VALIDATION_FAILED', '入党日期不能晚于今天')
  const verdict = await ctx.checkContent([input.workUnit, input.partyOrg, ...input.skills, ...input.willingness])
  const thisYear = chinaYear(now)
  const reportId = reportDocId(community._id, user._id, thisYear)
  const reports = ctx.db.collection<MemberReportDoc>('memberReports')
  const fields = {
    name: user.name,
    workUnit: input.workUnit,
    partyOrg: input.partyOrg,
    partyJoinedAt: input.partyJoinedAt,
    anniversary: input.partyJoinedAt.slice(5),
    skills: input.skills,
    willingness: input.willingness,
    // Every word of the form is replaced, so the verdict on these words is the report's whole state.
    contentReview: verdict === 'unchecked' ? ('pending' as const) : null,
  }
  const existing = (await reports.doc(reportId).get()).data[0]
  if (!existing) {
    const report: MemberReportDoc = {
      _id: reportId,
      communityId: community._id,
      userId: user._id,
      year: thisYear,
      ...fields,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
      history: [historyEntry('submit', now, user._id)],
    }
    try {
      await reports.add(report)
    } catch (error) {
      // Two taps on 提交 race on the one id per person and year: the second re-reads and edits.
      if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('CONFLICT', '报到已提交，请刷新后再试')
      throw error
    }
    return toReportView(report)
  }
  if (existing.status === 'confirmed') throw new AppError('INVALID_STATE', '本年度报到已确认，如需修改请联系社区')
  const entry = historyEntry(existing.status === 'returned' ? 'resubmit' : 'edit', now, user._id)
  const changes = { ...fields, status: 'submitted' as const, updatedAt: now, history: ctx.db.command.push([entry]) }
  const result = await reports.where({ _id: reportId, status: existing.status }).update(changes)
  if (result.updated !== 1) throw new AppError('CONFLICT', '报到状态已变化，请刷新后再试')
  return toReportView({ ...existing, ...fields, status: 'submitted', updatedAt: now, history: [...existing.history, entry] })
}

/**
 * One staff move: a conditional update on the status it starts from, so two
 * racing staff (or a staff move racing the member's edit) cannot both win.
 */
async function move(
  ctx: ActionContext,
  reportId: string,
  rule: { from: ReportStatus; to: ReportStatus; action: ReportHistoryEntry['action']; note?: string; set?: Record<string, unknown> },
): Promise<MemberReportDoc> {
  const report = await loadReport(ctx.db, reportId)
  if (report.status !== rule.from) throw new AppError('INVALID_STATE', `报到当前为「${reportStatusLabels[report.status]}」，不能进行此操作`)
  const now = ctx.now()
  const entry = historyEntry(rule.action, now, ctx.caller.user!._id, rule.note)
  const result = await ctx.db
    .collection<MemberReportDoc>('memberReports')
    .where({ _id: reportId, status: rule.from })
    .update({ ...rule.set, status: rule.to, updatedAt: now, history: ctx.db.command.push([entry]) })
  if (result.updated !== 1) throw new AppError('INVALID_STATE', '报到状态已变化，请刷新后再试')
  return loadReport(ctx.db, reportId)
}

/**
 * submitted → confirmed. Confirming is what makes the person a 党员 of the
 * community in the app: the member role is granted in the same transaction
 * (once: the grant's id is natural), so they can sign up for activities and
 * earn points here, and a confirmed report never lacks its role.
 */
export async function confirm(input: z.output<typeof reportRef>, ctx: ActionContext): Promise<ReportView> {
  const by = ctx.caller.user!._id
  const now = ctx.now()
  const { report, granted } = await withTransaction(ctx.db, async (tx) => {
    const ref = tx.collection<MemberReportDoc>('memberReports').doc(input.reportId)
    const current = (await ref.get()).data
    if (!current) throw new AppError('NOT_FOUND', '报到记录不存在')
    if (current.status !== 'submitted') throw new AppError('INVALID_STATE', `报到当前为「${reportStatusLabels[current.status]}」，不能进行此操作`)
    const changes = {
      status: 'confirmed' as const,
      confirmedAt: now,
      confirmedBy: by,
      returnReason: '',
      // Confirming is staff reading the form: an unchecked one is settled with it.
      contentReview: null,
      updatedAt: now,
      history: [...current.history, historyEntry('confirm', now, by)],
    }
    await ref.update(changes)
    const roleId = roleDocId(current.communityId, current.userId, 'member')
    const roleRef = tx.collection<RoleDoc>('roles').doc(roleId)
    const held = (await roleRef.get()).data
    if (!held) await roleRef.create({ userId: current.userId, role: 'member', scopeId: current.communityId, grantedBy: by, createdAt: now })
    return { report: { ...current, ...changes }, granted: !held }
  })
  if (granted) {
    await recordAudit(ctx, { kind: 'role.grant', targetId: report.userId, communityId: report.communityId, detail: { role: 'member', reportId: report._id }, reason: '在职党员报到确认' })
  }
  return toReportView(report)
}

/** submitted → returned with the reason the member reads. */
export async function returnReport(input: z.output<typeof reasonInput>, ctx: ActionContext): Promise<ReportView> {
  // Staff's own words go to the member as written; the audit trail notes an unchecked one (lib/shared/content-review.ts).
  const verdict = await ctx.checkContent([input.reason])
  const report = await move(ctx, input.reportId, { from: 'submitted', to: 'returned', action: 'return', note: input.reason, set: { returnReason: input.reason, contentReview: null } })
  await recordUnchecked(ctx, verdict, { action: 'members.return', targetId: report._id, communityId: report.communityId })
  return toReportView(report)
}

/**
 * confirmed → returned: staff take a confirmation back (a mistake, a person
 * who moved away). Audited; the member role stays, since it may have been
 * granted for other reasons — revoke it through users.revokeRole if needed.
 */
export async function withdraw(input: z.output<typeof reasonInput>, ctx: ActionContext): Promise<ReportView> {
  const verdict = await ctx.checkContent([input.reason])
  const report = await move(ctx, input.reportId, { from: 'confirmed', to: 'returned', action: 'withdraw', note: input.reason, set: { returnReason: input.reason } })
  await recordUnchecked(ctx, verdict, { action: 'members.withdraw', targetId: report._id, communityId: report.communityId })
  await recordAudit(ctx, { kind: 'memberReport.withdraw', targetId: report._id, communityId: report.communityId, detail: { userId: report.userId, year: report.year }, reason: input.reason })
  return toReportView(report)
}

// ---------------------------------------------------------------- export

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const ROSTER_COLUMNS = ['序号', '姓名', '联系电话', '居住地址', '工作单位', '所在党组织', '入党日期', '特长', '服务意向', '状态', '报到日期', '参加活动（次）', '提出建议（条）'] as const

/** 报到花名册: every report of the year with each person's progress, as the sheet a 社区党委 hands upward. */
export async function exportRoster(
  input: z.output<typeof exportRosterInput>,
  ctx: ActionContext,
): Promise<{ fileName: string; mimeType: string; base64: string; rows: number }> {
  const community = ctx.community!
  const forYear = input.year ?? chinaYear(ctx.now())
  const reports = await readAll<MemberReportDoc>(ctx.db, 'memberReports', { communityId: community._id, year: forYear }, ALL_ROWS)
  reports.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id))
  const users = await readWhereIn<UserDoc>(ctx.db, 'users', '_id', reports.map((report) => report.userId), ALL_ROWS)
  const byId = new Map(users.map((user) => [user._id, user]))
  const progressByUser = await progressOfMany(ctx.db, community, reports.map((report) => report.userId), forYear)
  const progress = reports.map((report) => progressByUser.get(report.userId)!)

  // exceljs costs ≈ 0.3 s to load; only the export pays for it, not every cold start.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet('报到花名册')
  sheet.columns = [6, 10, 14, 22, 24, 24, 12, 20, 28, 8, 12, 14, 14].map((width) => ({ width }))
  sheet.addRow([`${community.name}${forYear}年度在职党员报到花名册`])
  sheet.mergeCells(1, 1, 1, ROSTER_COLUMNS.length)
  sheet.getRow(1).font = { bold: true, size: 14 }
  const confirmed = reports.filter((report) => report.status === 'confirmed').length
  sheet.addRow([`共 ${reports.length} 人报到，已确认 ${confirmed} 人；年度目标：参加社区活动 ${targetOf(community, 'reportActivityTarget')} 次、提出建议 ${targetOf(community, 'reportSuggestionTarget')} 条。导出日期：${chinaDate(ctx.now())}`])
  sheet.mergeCells(2, 1, 2, ROSTER_COLUMNS.length)
  sheet.addRow([...ROSTER_COLUMNS]).font = { bold: true }
  reports.forEach((report, index) => {
    const user = byId.get(report.userId)
    sheet.addRow([
      index + 1,
      report.name,
      user?.phone ?? '',
      user?.building ?? '',
      report.workUnit,
      report.partyOrg,
      report.partyJoinedAt,
      report.skills.join('、'),
      report.willingness.join('、'),
      reportStatusLabels[report.status],
      chinaDate(report.createdAt),
      progress[index].activities.done,
      progress[index].suggestions.done,
    ])
  })
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { fileName: `在职党员报到花名册-${community.name}-${forYear}.xlsx`, mimeType: XLSX_MIME, base64: buffer.toString('base64'), rows: reports.length }
}
