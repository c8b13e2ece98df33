import * as z from 'zod'
import type { BaseDoc, Database, Where } from '../db/types'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { chinaYear } from '../shared/china-time'
import { readAll, readWhereIn } from '../shared/paging'
import { id } from '../shared/schemas'
import type { CommunityDoc, DistrictDoc } from '../users/model'
import { isOverdue } from './commitments'
import type { AgreementDoc, CommitmentDoc, DemandDoc, RatingDoc, ResourceRequestDoc, UnitDoc } from './model'

/** A 街道 holds tens of communities and a few thousand commitments a year; past this the report is wrong, so it refuses. */
const ALL_ROWS = { cap: 50_000, message: '数据量过大，请按社区查看' }
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const reportInput = z
  .object({ communityId: id.optional(), districtId: id.optional(), year: z.number().int().min(2000).max(2100) })
  .strict()
  .refine((input) => (input.communityId === undefined) !== (input.districtId === undefined), { message: '请选择社区或街道（二选一）' })
export const showcaseInput = z.object({ communityId: id }).strict()

export interface CommitmentCounts {
  /** Every commitment of the year that was not withdrawn. */
  made: number
  /** Completed by the unit, awaiting verification. */
  completed: number
  verified: number
  overdue: number
  withdrawn: number
}

export interface UnitFigures {
  unitId: string
  unitName: string
  commitments: CommitmentCounts
  completionRate: number
  resourcesShared: number
  demandsClaimed: number
  averageRating: number | null
}

export interface Report {
  scope: { kind: 'community' | 'district'; id: string; name: string; year: number }
  unitsPaired: number
  commitments: CommitmentCounts
  /** (completed + verified) / made, 0–1; 0 when nothing was made. */
  completionRate: number
  resourcesShared: number
  demands: { published: number; claimed: number; done: number }
  averageRating: number | null
  perUnit: UnitFigures[]
}

/** The guard checks a district report in one community of that district, where a district admin holds `district_admin`. */
export async function communityOfReport(input: { communityId?: string; districtId?: string }, { db }: GuardContext): Promise<string | null> {
  if (input.communityId) return input.communityId
  const first = await db
    .collection<CommunityDoc>('communities')
    .where({ districtId: input.districtId ?? '' })
    .limit(1)
    .get()
  if (!first.data[0]) throw new AppError('NOT_FOUND', '街道不存在')
  return first.data[0]._id
}


/** The 台账 year is Beijing's: a request fulfilled at 07:00 on 1 January Beijing time belongs to the new year, whatever the server's zone. */
const inYear = (date: Date | null, year: number): boolean => date !== null && chinaYear(date) === year

function countCommitments(commitments: CommitmentDoc[], now: Date): CommitmentCounts {
  const counts: CommitmentCounts = { made: 0, completed: 0, verified: 0, overdue: 0, withdrawn: 0 }
  for (const commitment of commitments) {
    if (commitment.status === 'withdrawn') {
      counts.withdrawn += 1
      continue
    }
    counts.made += 1
    if (commitment.status === 'completed') counts.completed += 1
    if (commitment.status === 'verified') counts.verified += 1
    if (isOverdue(commitment, now)) counts.overdue += 1
  }
  return counts
}

const rateOf = (counts: CommitmentCounts): number => (counts.made ? (counts.completed + counts.verified) / counts.made : 0)
const averageOf = (ratings: RatingDoc[]): number | null =>
  ratings.length ? Math.round((ratings.reduce((sum, rating) => sum + rating.score, 0) / ratings.length) * 100) / 100 : null

const inIds = <T extends BaseDoc>(db: Database, collection: string, field: string, ids: string[], extra: Where = {}): Promise<T[]> =>
  readWhereIn<T>(db, collection, field, ids, ALL_ROWS, extra)

export async function buildReport(input: z.output<typeof reportInput>, ctx: ActionContext): Promise<Report> {
  const now = ctx.now()
  let communities: CommunityDoc[]
  let scope: Report['scope']
  if (input.districtId) {
    if (!ctx.roles.has('district_admin')) throw new AppError('FORBIDDEN', '只有街道管理员可以查看街道报表')
    const district = (await ctx.db.collection<DistrictDoc>('districts').doc(input.districtId).get()).data[0]
    communities = await readAll<CommunityDoc>(ctx.db, 'communities', { districtId: input.districtId }, ALL_ROWS)
    scope = { kind: 'district', id: input.districtId, name: district?.name ?? '', year: input.year }
  } else {
    communities = ctx.community ? [ctx.community] : []
    scope = { kind: 'community', id: ctx.community?._id ?? '', name: ctx.community?.name ?? '', year: input.year }
  }
  const communityIds = communities.map((community) => community._id)

  const agreements = await inIds<AgreementDoc>(ctx.db, 'agreements', 'communityId', communityIds)
  const commitments = await inIds<CommitmentDoc>(ctx.db, 'commitments', 'communityId', communityIds, { year: input.year })
  const requests = (await inIds<ResourceRequestDoc>(ctx.db, 'resourceRequests', 'communityId', communityIds, { status: 'fulfilled' })).filter(
    (request) => inYear(request.fulfilledAt, input.year),
  )
  const demands = (await inIds<DemandDoc>(ctx.db, 'demands', 'communityId', communityIds)).filter((demand) => inYear(demand.createdAt, input.year))
  const ratings = await inIds<RatingDoc>(
    ctx.db,
    'ratings',
    'commitmentId',
    commitments.map((commitment) => commitment._id),
  )

  const activeUnitIds = [...new Set(agreements.filter((agreement) => agreement.status === 'active').map((agreement) => agreement.unitId))]
  // Units that had work this year are reported even if their agreement has since been suspended.
  const reportedUnitIds = [...new Set([...activeUnitIds, ...commitments.map((commitment) => commitment.unitId)])]
  const units = await inIds<UnitDoc>(ctx.db, 'units', '_id', reportedUnitIds)
  const names = new Map(units.map((unit) => [unit._id, unit.name]))

  const counts = countCommitments(commitments, now)
  const perUnit = reportedUnitIds
    .map((unitId): UnitFigures => {
      const own = countCommitments(
        commitments.filter((commitment) => commitment.unitId === unitId),
        now,
      )
      return {
        unitId,
        unitName: names.get(unitId) ?? '',
        commitments: own,
        completionRate: rateOf(own),
        resourcesShared: requests.filter((request) => request.unitId === unitId).length,
        demandsClaimed: demands.filter((demand) => demand.claims.some((claim) => claim.unitId === unitId)).length,
        averageRating: averageOf(ratings.filter((rating) => rating.unitId === unitId)),
      }
    })
    .sort((a, b) => b.commitments.made - a.commitments.made || a.unitName.localeCompare(b.unitName, 'zh'))

  return {
    scope,
    unitsPaired: activeUnitIds.length,
    commitments: counts,
    completionRate: rateOf(counts),
    resourcesShared: requests.length,
    demands: {
      published: demands.length,
      claimed: demands.filter((demand) => demand.claims.length > 0).length,
      done: demands.filter((demand) => demand.status === 'done').length,
    },
    averageRating: averageOf(ratings),
    perUnit,
  }
}

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`

/** The report as the 台账 sheet a 社区党委 keeps: a title, the summary lines, then one row per unit. */
export async function exportReport(
  input: z.output<typeof reportInput>,
  ctx: ActionContext,
): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const report = await buildReport(input, ctx)
  // exceljs costs ≈ 0.3 s to load; only the export pays for it, not every cold start.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet('共驻共建台账')
  const columns = ['序号', '共建单位', '承诺事项（条）', '已完成（项）', '其中已验收（项）', '逾期（项）', '撤回（项）', '完成率', '共享资源（项）', '认领需求（项）', '群众评议均分']
  sheet.columns = [6, 28, 14, 12, 12, 10, 10, 10, 14, 14, 14].map((width) => ({ width }))
  sheet.addRow([`${report.scope.name}${report.scope.year}年度共驻共建工作台账`])
  sheet.mergeCells(1, 1, 1, columns.length)
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.addRow([
    `参与共驻共建单位党组织 ${report.unitsPaired} 个，共明确承诺事项 ${report.commitments.made} 条，已完成 ${report.commitments.completed + report.commitments.verified} 项（其中已验收 ${report.commitments.verified} 项），完成率 ${percent(report.completionRate)}；实现共享的场地、物资等 ${report.resourcesShared} 项；发布需求 ${report.demands.published} 项，已认领 ${report.demands.claimed} 项，已完成 ${report.demands.done} 项。`,
  ])
  sheet.mergeCells(2, 1, 2, columns.length)
  sheet.getRow(2).alignment = { wrapText: true }
  sheet.getRow(2).height = 48
  sheet.addRow(columns).font = { bold: true }
  report.perUnit.forEach((unit, index) => {
    sheet.addRow([
      index + 1,
      unit.unitName,
      unit.commitments.made,
      // 已完成 = completed + verified, as in the sentence above and on the screen.
      unit.commitments.completed + unit.commitments.verified,
      unit.commitments.verified,
      unit.commitments.overdue,
      unit.commitments.withdrawn,
      percent(unit.completionRate),
      unit.resourcesShared,
      unit.demandsClaimed,
      unit.averageRating ?? '',
    ])
  })
  sheet
    .addRow([
      '合计',
      `${report.unitsPaired} 个单位`,
      report.commitments.made,
      report.commitments.completed + report.commitments.verified,
      report.commitments.verified,
      report.commitments.overdue,
      report.commitments.withdrawn,
      percent(report.completionRate),
      report.resourcesShared,
      report.demands.claimed,
      report.averageRating ?? '',
    ])
    .font = { bold: true }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { fileName: `共驻共建台账-${report.scope.name}-${report.scope.year}.xlsx`, mimeType: XLSX_MIME, base64: buffer.toString('base64') }
}

export interface Showcase {
  community: { id: string; name: string }
  units: Array<{
    id: string
    name: string
    kind: UnitDoc['kind']
    partyOrg: string
    signedAt: Date
    commitments: Array<{ id: string; year: number; title: string; content: string; category: string; evidence: string; averageRating: number | null; ratings: number }>
  }>
}

/** The public 共建 page: units actively paired with the community and their verified commitments; no contacts. */
export async function showcase(input: z.output<typeof showcaseInput>, ctx: ActionContext): Promise<Showcase> {
  const community = ctx.community!
  const agreements = await readAll<AgreementDoc>(ctx.db, 'agreements', { communityId: community._id, status: 'active' }, ALL_ROWS)
  const unitIds = agreements.map((agreement) => agreement.unitId)
  const units = await inIds<UnitDoc>(ctx.db, 'units', '_id', unitIds)
  const verified = await inIds<CommitmentDoc>(ctx.db, 'commitments', 'unitId', unitIds, { communityId: input.communityId, status: 'verified' })
  const ratings = await inIds<RatingDoc>(
    ctx.db,
    'ratings',
    'commitmentId',
    verified.map((commitment) => commitment._id),
  )
  const byId = new Map(units.map((unit) => [unit._id, unit]))
  return {
    community: { id: community._id, name: community.name },
    units: agreements.flatMap((agreement) => {
      const unit = byId.get(agreement.unitId)
      if (!unit) return []
      return [
        {
          id: unit._id,
          name: unit.name,
          kind: unit.kind,
          partyOrg: unit.partyOrg,
          signedAt: agreement.signedAt,
          commitments: verified
            .filter((commitment) => commitment.unitId === unit._id)
            .sort((a, b) => b.year - a.year || b.createdAt.getTime() - a.createdAt.getTime())
            .map((commitment) => {
              const own = ratings.filter((rating) => rating.commitmentId === commitment._id)
              return {
                id: commitment._id,
                year: commitment.year,
                title: commitment.title,
                content: commitment.content,
                category: commitment.category,
                evidence: commitment.evidence?.note ?? '',
                averageRating: averageOf(own),
                ratings: own.length,
              }
            }),
        },
      ]
    }),
  }
}
