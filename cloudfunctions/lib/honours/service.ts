/**
 * 星级 and honours: a volunteer's stars and badges, leaderboards of the
 * month and year (community, 街道 or team; masked names; a person may opt
 * out), and the 月度之星 / 年度之星 staff name with a citation.
 */
import * as z from 'zod'
import { attendancesOf, serviceInCommunities, serviceInTeam, type ServiceLine } from '../activities/hours'
import { settingsOf } from '../communities/service'
import type { Database } from '../db/types'
import { hoursOfPerson } from '../points/hours'
import type { ActionContext, GuardContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { chinaMonth, chinaYear, monthRange, yearRange } from '../shared/china-time'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, type Page } from '../shared/schemas'
import { requireTeam } from '../teams/service'
import type { CommunityDoc, UserDoc } from '../users/model'
import { badgesFor, starFor, starLabel, type Badge } from './stars'

export const honourKinds = ['month', 'year'] as const
export type HonourKind = (typeof honourKinds)[number]
export const honourLabels: Record<HonourKind, string> = { month: '月度之星', year: '年度之星' }

/** A named 月度之星 / 年度之星: `_id` is `<communityId>:<kind>:<period>:<userId>`, so naming twice is one honour. */
export interface HonourDoc {
  _id: string
  communityId: string
  kind: HonourKind
  /** '2026-03' for a month, '2026' for a year. */
  period: string
  userId: string
  citation: string
  namedBy: string
  createdAt: Date
}

/** The user's own preference, kept on their user document. */
type WithPreferences = UserDoc & { leaderboardOptOut?: boolean }

// ---------------------------------------------------------------- my 星级

export const mineInput = z.object({}).strict()

export interface MyHonours {
  hours: number
  star: number
  starLabel: string
  nextStarHours: number | null
  starHours: number[]
  badges: Badge[]
  honours: HonourView[]
  leaderboardOptOut: boolean
}

export async function mine(_input: z.output<typeof mineInput>, ctx: ActionContext): Promise<MyHonours> {
  const { db } = ctx
  const user = ctx.caller.user as WithPreferences
  const thresholds = settingsOf(ctx.community!).starHours
  const [hours, attendances, honours] = await Promise.all([
    hoursOfPerson(db, user._id),
    attendancesOf(db, user._id),
    db.collection<HonourDoc>('honours').where({ userId: user._id }).orderBy('createdAt', 'desc').limit(100).get(),
  ])
  const level = starFor(hours, thresholds)
  return {
    hours,
    star: level.star,
    starLabel: starLabel(level.star),
    nextStarHours: level.nextStarHours,
    starHours: thresholds,
    badges: badgesFor({
      hours,
      attendances,
      monthStars: honours.data.filter((honour) => honour.kind === 'month').length,
      yearStars: honours.data.filter((honour) => honour.kind === 'year').length,
    }),
    honours: honours.data.map((honour) => toHonourView(honour, user, user._id)),
    leaderboardOptOut: user.leaderboardOptOut === true,
  }
}

/** The 星级 of one person as others (staff, a record) read it. */
export async function starOf(db: Database, community: CommunityDoc, userId: string): Promise<{ hours: number; star: number; starLabel: string }> {
  const hours = await hoursOfPerson(db, userId)
  const { star } = starFor(hours, settingsOf(community).starHours)
  return { hours, star, starLabel: starLabel(star) }
}

export const preferencesInput = z.object({ leaderboardOptOut: z.boolean() }).strict()

/** A person leaves (or rejoins) every leaderboard; their hours still count for their team and community. */
export async function setPreferences(input: z.output<typeof preferencesInput>, ctx: ActionContext): Promise<{ leaderboardOptOut: boolean }> {
  await ctx.db.collection<UserDoc>('users').doc(ctx.caller.user!._id).update({ leaderboardOptOut: input.leaderboardOptOut, updatedAt: ctx.now() })
  return { leaderboardOptOut: input.leaderboardOptOut }
}

// ---------------------------------------------------------------- leaderboards

export const LEADERBOARD_SIZE = 20

export const leaderboardInput = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('community'), communityId: id, period: z.enum(['month', 'year']) }).strict(),
  z.object({ scope: z.literal('district'), communityId: id, period: z.enum(['month', 'year']) }).strict(),
  z.object({ scope: z.literal('team'), teamId: id, period: z.enum(['month', 'year']) }).strict(),
])
export type LeaderboardInput = z.output<typeof leaderboardInput>

/** Guard: a team's board is read in the team's community. */
export async function leaderboardCommunity(input: LeaderboardInput, ctx: GuardContext): Promise<string> {
  return input.scope === 'team' ? (await requireTeam(ctx.db, input.teamId)).communityId : input.communityId
}

export interface LeaderboardRow {
  rank: number
  /** Masked (王*华); the caller's own name in full. */
  name: string
  hours: number
  isMe: boolean
}

export interface Leaderboard {
  scope: LeaderboardInput['scope']
  period: 'month' | 'year'
  /** '2026-03' or '2026' (Beijing). */
  label: string
  rows: LeaderboardRow[]
  /** The caller's own place when they are on the board but below the top rows. */
  me: LeaderboardRow | null
}

/**
 * Hours confirmed in the Beijing month or year, summed per person, highest
 * first (ties share a rank). People who opted out are left off the board.
 */
export async function leaderboard(input: LeaderboardInput, ctx: ActionContext): Promise<Leaderboard> {
  const { db } = ctx
  const now = ctx.now()
  const label = input.period === 'month' ? chinaMonth(now) : String(chinaYear(now))
  const span = input.period === 'month' ? monthRange(label) : yearRange(chinaYear(now))
  let lines: ServiceLine[]
  if (input.scope === 'team') lines = await serviceInTeam(db, input.teamId, span)
  else if (input.scope === 'community') lines = await serviceInCommunities(db, [ctx.community!._id], span)
  else {
    const communities = await db.collection<CommunityDoc>('communities').where({ districtId: ctx.community!.districtId }).limit(1000).get()
    lines = await serviceInCommunities(db, communities.data.map((community) => community._id), span)
  }
  const totals = new Map<string, number>()
  for (const line of lines) totals.set(line.userId, (totals.get(line.userId) ?? 0) + line.hours)
  const ranked = [...totals.entries()].map(([userId, hours]) => ({ userId, hours: Math.round(hours * 100) / 100 })).sort((a, b) => b.hours - a.hours || a.userId.localeCompare(b.userId))

  const users = await usersByIds(db, ranked.map((row) => row.userId))
  const me = ctx.caller.user?._id ?? null
  const rows: LeaderboardRow[] = []
  let mine: LeaderboardRow | null = null
  let rank = 0
  let previous: number | null = null
  let position = 0
  for (const row of ranked) {
    const user = users.get(row.userId)
    if (!user || user.leaderboardOptOut) continue
    position += 1
    if (row.hours !== previous) rank = position
    previous = row.hours
    const view = { rank, name: nameFor(user.name, row.userId === me ? 'own' : null), hours: row.hours, isMe: row.userId === me }
    if (rows.length < LEADERBOARD_SIZE) rows.push(view)
    if (view.isMe) mine = view
  }
  return { scope: input.scope, period: input.period, label, rows, me: mine && !rows.includes(mine) ? mine : null }
}

async function usersByIds(db: Database, ids: string[]): Promise<Map<string, WithPreferences>> {
  const users = new Map<string, WithPreferences>()
  for (let start = 0; start < ids.length; start += 100) {
    const chunk = ids.slice(start, start + 100)
    const found = await db.collection<WithPreferences>('users').where({ _id: db.command.in(chunk) }).limit(chunk.length).get()
    for (const user of found.data) users.set(user._id, user)
  }
  return users
}

// ---------------------------------------------------------------- 月度之星 / 年度之星

const monthPeriod = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
const yearPeriod = z.string().regex(/^(20\d\d|2100)$/, '年份格式应为 YYYY')

export const nameInput = z
  .object({
    communityId: id,
    kind: z.enum(honourKinds),
    period: z.string(),
    userId: id,
    citation: z.string().trim().min(4).max(200),
  })
  .strict()
  .superRefine((value, ctx) => {
    const check = (value.kind === 'month' ? monthPeriod : yearPeriod).safeParse(value.period)
    if (!check.success) ctx.addIssue({ code: 'custom', path: ['period'], message: check.error.issues[0].message })
  })

export interface HonourView {
  id: string
  kind: HonourKind
  label: string
  period: string
  name: string
  citation: string
  createdAt: Date
}

const toHonourView = (honour: HonourDoc, user: UserDoc | undefined, viewerId: string | null): HonourView => ({
  id: honour._id,
  kind: honour.kind,
  label: honourLabels[honour.kind],
  period: honour.period,
  name: nameFor(user?.name ?? '', honour.userId === viewerId ? 'own' : null),
  citation: honour.citation,
  createdAt: honour.createdAt,
})

/** Staff name a resident of the community 月度之星 or 年度之星; naming the same person for the same period again changes the citation. */
export async function name(input: z.output<typeof nameInput>, ctx: ActionContext): Promise<HonourView> {
  const { db } = ctx
  const user = (await db.collection<UserDoc>('users').doc(input.userId).get()).data[0]
  if (!user || user.communityId !== input.communityId) throw new AppError('VALIDATION_FAILED', '提交的内容有误：该用户不是本社区的注册居民')
  if (input.period > (input.kind === 'month' ? chinaMonth(ctx.now()) : String(chinaYear(ctx.now())))) {
    throw new AppError('VALIDATION_FAILED', '提交的内容有误：不能评选尚未到来的月份或年度')
  }
  const honour: HonourDoc = {
    _id: `${input.communityId}:${input.kind}:${input.period}:${input.userId}`,
    communityId: input.communityId,
    kind: input.kind,
    period: input.period,
    userId: input.userId,
    citation: input.citation,
    namedBy: ctx.caller.user!._id,
    createdAt: ctx.now(),
  }
  const { _id, ...body } = honour
  await db.collection<HonourDoc>('honours').doc(_id).set(body)
  await recordAudit(ctx, { kind: 'honour.name', targetId: input.userId, communityId: input.communityId, detail: { kind: input.kind, period: input.period } })
  return toHonourView(honour, user, ctx.caller.user!._id)
}

export const listInput = z.object({ communityId: id, kind: z.enum(honourKinds).optional(), ...paging }).strict()

/** The community's stars, newest period first, with masked names: a public roll of honour. */
export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<HonourView>> {
  const where: Record<string, unknown> = { communityId: input.communityId }
  if (input.kind) where.kind = input.kind
  const page = await pageOf(ctx.db.collection<HonourDoc>('honours').where(where as never), ['period', 'desc'], input, (honour) => honour)
  const users = await usersByIds(ctx.db, page.items.map((honour) => honour.userId))
  const viewer = ctx.caller.user?._id ?? null
  return { ...page, items: page.items.map((honour) => toHonourView(honour, users.get(honour.userId), viewer)) }
}
