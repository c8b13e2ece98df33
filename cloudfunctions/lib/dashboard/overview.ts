import * as z from 'zod'
import type { Query } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { id } from '../shared/schemas'
import { buildReport, communityOfReport } from '../units/report'
import type { CommunityDoc, DistrictDoc } from '../users/model'
import { addTally, emptyTally, tallyCommunity, toFigures, type Figures, type Tally } from './figures'
import { monthsOf, periodInput, toPeriod, type Span } from './period'

export const overviewInput = z
  .object({ communityId: id.optional(), districtId: id.optional(), period: periodInput })
  .strict()
  .refine((input) => (input.communityId === undefined) !== (input.districtId === undefined), { message: '请选择社区或街道（二选一）' })
export type OverviewInput = z.output<typeof overviewInput>

/** The guard checks a 街道 view in one community of the district, where its admin holds staff and district_admin. */
export const communityOfOverview = communityOfReport

/** 共驻共建 commitments are promises for a year, so both views show the period's year, as the 共建台账 counts them. */
export interface CommitmentFigures {
  year: number
  /** Not withdrawn. */
  made: number
  /** Completed by the unit, verified or not. */
  completed: number
}

export interface CommunityFigures {
  communityId: string
  name: string
  figures: Figures
  commitments: CommitmentFigures
}

export interface Overview {
  scope: { kind: 'community' | 'district'; id: string; name: string }
  period: { kind: 'month' | 'year'; label: string; year: number; start: Date; end: Date }
  figures: Figures
  commitments: CommitmentFigures
  /** One row per community of the 街道; empty for a community view. */
  perCommunity: CommunityFigures[]
  /** The year view's twelve months (Beijing calendar), oldest first; empty for a month view. */
  series: Array<{ month: string; figures: Figures }>
}

const MAX_COMMUNITIES = 200

async function tallyAll(ctx: ActionContext, communities: CommunityDoc[], span: Span): Promise<Tally[]> {
  const now = ctx.now()
  const tallies: Tally[] = []
  // One community at a time keeps a 街道 view to a few dozen queries in flight.
  for (const community of communities) tallies.push(await tallyCommunity(ctx.db, community._id, span, now))
  return tallies
}

const sum = (tallies: Tally[]): Tally => tallies.reduce(addTally, emptyTally())

async function commitmentsOf(ctx: ActionContext, input: { communityId?: string; districtId?: string }, year: number): Promise<CommitmentFigures> {
  const report = await buildReport({ ...input, year } as Parameters<typeof buildReport>[0], ctx)
  return { year, made: report.commitments.made, completed: report.commitments.completed + report.commitments.verified }
}

async function communitiesOfDistrict(ctx: ActionContext, districtId: string): Promise<CommunityDoc[]> {
  const query: Query<CommunityDoc> = ctx.db.collection<CommunityDoc>('communities').where({ districtId }).orderBy('name', 'asc')
  const communities = (await query.limit(MAX_COMMUNITIES).get()).data
  if (communities.length === MAX_COMMUNITIES) throw new AppError('VALIDATION_FAILED', '街道下社区过多，请按社区查看')
  return communities
}

export async function buildOverview(input: OverviewInput, ctx: ActionContext): Promise<Overview> {
  const period = toPeriod(input.period)
  let scope: Overview['scope']
  let communities: CommunityDoc[]
  if (input.districtId) {
    if (!ctx.roles.has('district_admin')) throw new AppError('FORBIDDEN', '只有街道管理员可以查看街道数据')
    const district = (await ctx.db.collection<DistrictDoc>('districts').doc(input.districtId).get()).data[0]
    communities = await communitiesOfDistrict(ctx, input.districtId)
    scope = { kind: 'district', id: input.districtId, name: district?.name ?? '' }
  } else {
    if (!ctx.community) throw new AppError('NOT_FOUND', '社区不存在')
    communities = [ctx.community]
    scope = { kind: 'community', id: ctx.community._id, name: ctx.community.name }
  }

  const tallies = await tallyAll(ctx, communities, period)
  const perCommunity: CommunityFigures[] = []
  if (input.districtId) {
    for (const [index, community] of communities.entries()) {
      perCommunity.push({
        communityId: community._id,
        name: community.name,
        figures: toFigures(tallies[index]),
        commitments: await commitmentsOf({ ...ctx, community }, { communityId: community._id }, period.year),
      })
    }
  }

  const series: Overview['series'] = []
  if (period.kind === 'year') {
    for (const { month, span } of monthsOf(period.year)) series.push({ month, figures: toFigures(sum(await tallyAll(ctx, communities, span))) })
  }

  return {
    scope,
    period: { kind: period.kind, label: period.label, year: period.year, start: period.start, end: period.end },
    figures: toFigures(sum(tallies)),
    commitments: await commitmentsOf(ctx, input.districtId ? { districtId: input.districtId } : { communityId: scope.id }, period.year),
    perCommunity,
    series,
  }
}
