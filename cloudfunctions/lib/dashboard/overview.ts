import * as z from 'zod'
import type { Query } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { id } from '../shared/schemas'
import { buildReport, communityOfReport } from '../units/report'
import type { CommunityDoc, DistrictDoc } from '../users/model'
import { readAll } from '../shared/paging'
import { DB_PARALLEL, mapBounded } from '../shared/parallel'
import type { StatsDoc } from '../stats'
import { addTally, emptyTally, toFigures, type Figures, type Tally } from './figures'
import { activitiesHeld } from './recount'
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
/** Beside the two roll-up reads, so a view keeps DB_PARALLEL calls in flight at most. */
const COUNT_PARALLEL = DB_PARALLEL - 2
/** Each 共建台账 figure is a few reads of its own. */
const COMMITMENT_PARALLEL = 3
/** A 街道 year is communities × 12 × 16 shards; far below this. */
const STATS_ROWS = { cap: 100_000, message: '数据量过大，请按月或按社区查看' }

/**
 * The roll-ups of `communities` over `months`, shards added up, by
 * `<communityId>:<month>`, with the activities held in the span: two paged
 * reads whatever the history's size.
 */
async function tallies(ctx: ActionContext, communityIds: string[], months: string[], span: Span): Promise<Map<string, Tally>> {
  const _ = ctx.db.command
  // Held means over: an activity ending later this month has not been held yet.
  const heldUntil = new Date(Math.min(span.end.getTime(), ctx.now().getTime()))
  const [stats, held] = await Promise.all([
    readAll<StatsDoc>(ctx.db, 'stats', { communityId: _.in(communityIds), month: _.in(months) }, STATS_ROWS),
    activitiesHeld(ctx.db, communityIds, span.start, heldUntil),
  ])
  const byKey = new Map<string, Tally>()
  const tallyOf = (key: string) => byKey.get(key) ?? byKey.set(key, emptyTally()).get(key)!
  for (const doc of stats) addTally(tallyOf(`${doc.communityId}:${doc.month}`), doc)
  for (const [key, count] of held) tallyOf(key).activitiesHeld += count
  return byKey
}

const sumOf = (byKey: Map<string, Tally>, keys: string[]): Tally => keys.reduce((sum, key) => addTally(sum, byKey.get(key) ?? {}), emptyTally())

/** Distinct participants of each (scope, period), one count each, a few at a time. */
async function participantsOf(ctx: ActionContext, wanted: Array<[scopeId: string, period: string]>): Promise<Map<string, number>> {
  const counts = await mapBounded(wanted, COUNT_PARALLEL, async ([scopeId, period]) => (await ctx.db.collection('participations').where({ scopeId, period }).count()).total)
  return new Map(wanted.map(([scopeId, period], index) => [`${scopeId}:${period}`, counts[index]]))
}

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

  const months = period.kind === 'year' ? monthsOf(period.year).map(({ month }) => month) : [period.label]
  const ids = communities.map((community) => community._id)
  const scopeId = input.districtId ?? scope.id
  // Two reads of roll-ups and activities beside the participant counts (≤ 10 in flight), then the
  // commitments per community: never more calls at once than CloudBase's basic tier has connections.
  const [byKey, participants] = await Promise.all([
    tallies(ctx, ids, months, period),
    participantsOf(ctx, [
      [scopeId, period.label],
      ...(period.kind === 'year' ? months.map((month): [string, string] => [scopeId, month]) : []),
      ...(input.districtId ? ids.map((communityId): [string, string] => [communityId, period.label]) : []),
    ]),
  ])
  const perCommunityCommitments = input.districtId
    ? await mapBounded(communities, COMMITMENT_PARALLEL, (community) => commitmentsOf({ ...ctx, community }, { communityId: community._id }, period.year))
    : []
  const keysOf = (communityIds: string[], ofMonths: string[]) => communityIds.flatMap((communityId) => ofMonths.map((month) => `${communityId}:${month}`))

  const perCommunity: CommunityFigures[] = input.districtId
    ? communities.map((community, index) => ({
        communityId: community._id,
        name: community.name,
        figures: toFigures(sumOf(byKey, keysOf([community._id], months)), participants.get(`${community._id}:${period.label}`) ?? 0),
        commitments: perCommunityCommitments[index],
      }))
    : []
  const series: Overview['series'] =
    period.kind === 'year' ? months.map((month) => ({ month, figures: toFigures(sumOf(byKey, keysOf(ids, [month])), participants.get(`${scopeId}:${month}`) ?? 0) })) : []

  return {
    scope,
    period: { kind: period.kind, label: period.label, year: period.year, start: period.start, end: period.end },
    figures: toFigures(sumOf(byKey, keysOf(ids, months)), participants.get(`${scopeId}:${period.label}`) ?? 0),
    commitments: await commitmentsOf(ctx, input.districtId ? { districtId: input.districtId } : { communityId: scope.id }, period.year),
    perCommunity,
    series,
  }
}
