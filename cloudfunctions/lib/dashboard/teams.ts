/**
 * A 服务队's page and 台账: the team (lib/teams) with its activities and
 * hours this year (lib/activities' port), composed here in the read-model
 * layer so neither domain reaches into the other.
 */
import * as z from 'zod'
import { activitiesByIds, activitiesOfTeam, serviceInTeam, serviceInTeams } from '../activities/hours'
import type { ActivityDoc } from '../activities/model'
import { accountsAtLeast } from '../points/hours'
import type { ActionContext } from '../runtime/action'
import { chinaDate, chinaYear, yearRange } from '../shared/china-time'
import { id } from '../shared/schemas'
import { settingsOf } from '../communities/service'
import { teamView, type TeamView } from '../teams/service'
import type { TeamDoc } from '../teams/model'
import type { UserDoc } from '../users/model'
import { nameFor } from '../shared/privacy'
import { starLabel } from '../honours/stars'

export const teamPageInput = z.object({ teamId: id }).strict()

export interface TeamActivityRow {
  id: string
  title: string
  startAt: Date
  place: string
  status: ActivityDoc['status']
  enrolledCount: number
  quota: number
}

export interface TeamPage extends TeamView {
  year: number
  hoursThisYear: number
  attendancesThisYear: number
  activities: TeamActivityRow[]
}

const round2 = (value: number) => Math.round(value * 100) / 100

const DAY_MS = 24 * 3600_000
/** The team page lists activities that started up to this many days ago … */
const RECENT_DAYS = 60
/** … and those coming within this many days. */
const COMING_DAYS = 180

export async function teamPage(input: z.output<typeof teamPageInput>, ctx: ActionContext<TeamDoc>): Promise<TeamPage> {
  const now = ctx.now()
  const year = chinaYear(now)
  const span = yearRange(year)
  // The activities a visitor wants are the recent and the coming ones, also in the first days of January.
  const from = new Date(now.getTime() - RECENT_DAYS * DAY_MS)
  const to = new Date(now.getTime() + COMING_DAYS * DAY_MS)
  const [view, lines, activities] = await Promise.all([teamView(ctx.target, ctx), serviceInTeam(ctx.db, input.teamId, span), activitiesOfTeam(ctx.db, input.teamId, from, to)])
  return {
    ...view,
    year,
    hoursThisYear: round2(lines.reduce((sum, line) => sum + line.hours, 0)),
    attendancesThisYear: lines.length,
    activities: activities
      .filter((activity) => activity.status !== 'cancelled')
      .map((activity) => ({
        id: activity._id,
        title: activity.title,
        startAt: activity.startAt,
        place: activity.place,
        status: activity.status,
        enrolledCount: activity.enrolledCount,
        quota: activity.quota,
      })),
  }
}

/**
 * The team's 台账 for this year as XLSX: one sheet of its activities with
 * attendances and hours, one of its members' hours. The 队长 and staff read
 * names in full (they keep the book).
 */
export async function exportTeamLedger(input: z.output<typeof teamPageInput>, ctx: ActionContext<TeamDoc>): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const { db } = ctx
  const year = chinaYear(ctx.now())
  const span = yearRange(year)
  const team = ctx.target
  const [lines, activities, view] = await Promise.all([serviceInTeam(db, input.teamId, span), activitiesOfTeam(db, input.teamId, span.start, span.end), teamView(team, ctx)])
  const byActivity = new Map<string, { attendances: number; hours: number }>()
  const byPerson = new Map<string, { attendances: number; hours: number }>()
  for (const line of lines) {
    const a = byActivity.get(line.activityId) ?? { attendances: 0, hours: 0 }
    byActivity.set(line.activityId, { attendances: a.attendances + 1, hours: a.hours + line.hours })
    const p = byPerson.get(line.userId) ?? { attendances: 0, hours: 0 }
    byPerson.set(line.userId, { attendances: p.attendances + 1, hours: p.hours + line.hours })
  }
  // Confirmed this year but held last year: still this year's hours, so their activity rows come too.
  const known = new Set(activities.map((activity) => activity._id))
  const extra = await activitiesByIds(db, [...byActivity.keys()].filter((activityId) => !known.has(activityId)))
  const rows = [...activities, ...extra.values()].filter((activity) => activity.status !== 'cancelled')
  const userIds = [...new Set([...view.members.map((member) => member.userId), ...byPerson.keys()])]
  const users = userIds.length ? await db.collection<UserDoc>('users').where({ _id: db.command.in(userIds) }).limit(userIds.length).get() : { data: [] }
  const grant = ctx.roles.has('staff') ? 'staff' : 'leader'

  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet('活动台账')
  sheet.columns = [12, 30, 20, 10, 10, 14].map((width) => ({ width }))
  sheet.addRow([`${team.name}${year}年服务台账`])
  sheet.mergeCells(1, 1, 1, 6)
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.addRow(['日期', '活动', '地点', '报名人数', '确认人次', '服务时长（小时）']).font = { bold: true }
  for (const activity of rows) {
    const figures = byActivity.get(activity._id) ?? { attendances: 0, hours: 0 }
    sheet.addRow([chinaDate(activity.startAt), activity.title, activity.place, activity.enrolledCount, figures.attendances, round2(figures.hours)])
  }
  sheet.addRow(['合计', '', '', '', lines.length, round2(lines.reduce((sum, line) => sum + line.hours, 0))])
  const people = workbook.addWorksheet('成员时长')
  people.columns = [14, 10, 14].map((width) => ({ width }))
  people.addRow(['姓名', '参与人次', '服务时长（小时）']).font = { bold: true }
  for (const user of users.data) {
    const figures = byPerson.get(user._id) ?? { attendances: 0, hours: 0 }
    people.addRow([nameFor(user.name, grant), figures.attendances, round2(figures.hours)])
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return {
    fileName: `${team.name}-${year}年台账.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buffer.toString('base64'),
  }
}

export const volunteersInput = z.object({ communityId: id }).strict()

export interface VolunteerFigures {
  /** People with any confirmed hours in the community, by 星级 (index 0: no star yet). */
  stars: Array<{ star: number; label: string; count: number }>
  starHours: number[]
  teams: Array<{ id: string; name: string; memberCount: number; hoursThisYear: number }>
}

/** The dashboard's volunteer figures: the 星级 distribution and each team's members and hours this year. */
export async function volunteerFigures(input: z.output<typeof volunteersInput>, ctx: ActionContext): Promise<VolunteerFigures> {
  const { db } = ctx
  const thresholds = settingsOf(ctx.community!).starHours
  const span = yearRange(chinaYear(ctx.now()))
  const [counts, teams] = await Promise.all([
    accountsAtLeast(db, input.communityId, thresholds),
    db.collection<TeamDoc>('teams').where({ communityId: input.communityId, status: 'active' }).orderBy('createdAt', 'asc').limit(200).get(),
  ])
  const atLeast = [counts.served, ...counts.atLeast]
  const stars = atLeast.map((count, star) => ({ star, label: starLabel(star), count: count - (atLeast[star + 1] ?? 0) }))
  const hours = new Map<string, number>()
  for (const line of await serviceInTeams(db, teams.data.map((team) => team._id), span)) hours.set(line.teamId!, (hours.get(line.teamId!) ?? 0) + line.hours)
  return {
    stars,
    starHours: thresholds,
    teams: teams.data.map((team) => ({ id: team._id, name: team.name, memberCount: team.memberCount, hoursThisYear: round2(hours.get(team._id) ?? 0) })),
  }
}
