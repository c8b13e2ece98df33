import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import type { Database } from '../db/types'
import { chinaDate, chinaTime } from '../shared/china-time'
import { readAll, readWhereIn } from '../shared/paging'
import type { SuggestionStatus } from '../suggestions/model'
import type { WishDoc, WishStatus } from '../wishes/model'
import type { Span } from './period'

/**
 * The itemised 台账 behind the dashboard's totals: one row per activity held,
 * per wish and per suggestion of the period, so the sheet a community hands
 * upward can be checked line by line (a summary row cannot). Activities are
 * chosen exactly as `activitiesHeld` counts them, and each row's 确认出勤 is
 * its attendances confirmed in the period, so the column adds up to
 * `attendances`.
 */

const LEDGER_ROWS = { cap: 50_000, message: '数据量过大，请按月或按社区导出' }

export interface ActivityLine {
  community: string
  title: string
  type: string
  time: string
  place: string
  attendances: number
  hours: number
  points: number
}

export interface WishLine {
  community: string
  title: string
  category: string
  status: string
  postedOn: string
  fulfilledOn: string
}

export interface SuggestionLine {
  community: string
  title: string
  category: string
  status: string
  submittedOn: string
  closedOn: string
}

export interface Ledger {
  activities: ActivityLine[]
  wishes: WishLine[]
  suggestions: SuggestionLine[]
}

const wishStatusWords: Record<WishStatus, string> = {
  pending: '待审核',
  open: '待认领',
  rejected: '未通过',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已实现',
  withdrawn: '已撤回',
}

const suggestionStatusWords: Record<SuggestionStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '办理中',
  replied: '已答复',
  closed: '已办结',
  declined: '不予受理',
  withdrawn: '已撤回',
}

interface SuggestionFields {
  _id: string
  communityId: string
  title: string
  category: string
  status: SuggestionStatus
  createdAt: Date
  closedAt?: Date
}

const day = (at: Date | null | undefined): string => (at ? chinaDate(at) : '')
const round2 = (value: number): number => Math.round(value * 100) / 100

async function communityLedger(db: Database, community: { id: string; name: string }, span: Span, now: Date): Promise<Ledger> {
  const _ = db.command
  const within = _.and(_.gte(span.start), _.lt(span.end))
  const heldUntil = new Date(Math.min(span.end.getTime(), now.getTime()))
  const communityId = community.id
  // Independent reads go out together: in CloudBase each is a round trip.
  const [ended, confirmed, wishes, suggestions] = await Promise.all([
    heldUntil > span.start
      ? readAll<ActivityDoc>(db, 'activities', { communityId, status: _.in(['published', 'finished']), endAt: _.and(_.gte(span.start), _.lt(heldUntil)) }, LEDGER_ROWS)
      : Promise.resolve([] as ActivityDoc[]),
    readAll<EnrollmentDoc>(db, 'enrollments', { communityId, status: 'confirmed', confirmedAt: within }, LEDGER_ROWS, { activityId: true, hours: true, points: true }),
    readAll<WishDoc>(db, 'wishes', { communityId, createdAt: within }, LEDGER_ROWS, { title: true, category: true, status: true, createdAt: true, fulfilment: true }),
    readAll<SuggestionFields>(db, 'suggestions', { communityId, createdAt: within }, LEDGER_ROWS, { title: true, category: true, status: true, createdAt: true, closedAt: true }),
  ])
  const endedIds = new Set(ended.map((activity) => activity._id))
  const confirmedElsewhere = [...new Set(confirmed.map((enrollment) => enrollment.activityId))].filter((activityId) => !endedIds.has(activityId))
  const activities = [...ended, ...(await readWhereIn<ActivityDoc>(db, 'activities', '_id', confirmedElsewhere, LEDGER_ROWS))]
  activities.sort((a, b) => a.startAt.getTime() - b.startAt.getTime())

  const byActivity = new Map<string, { attendances: number; hours: number; points: number }>()
  for (const enrollment of confirmed) {
    const sums = byActivity.get(enrollment.activityId) ?? { attendances: 0, hours: 0, points: 0 }
    sums.attendances += 1
    sums.hours += enrollment.hours ?? 0
    sums.points += enrollment.points ?? 0
    byActivity.set(enrollment.activityId, sums)
  }
  return {
    activities: activities.map((activity) => {
      const sums = byActivity.get(activity._id) ?? { attendances: 0, hours: 0, points: 0 }
      return {
        community: community.name,
        title: activity.title,
        type: activity.type,
        time: `${chinaDate(activity.startAt)} ${chinaTime(activity.startAt)}–${chinaTime(activity.endAt)}`,
        place: activity.place,
        attendances: sums.attendances,
        hours: round2(sums.hours),
        points: sums.points,
      }
    }),
    wishes: wishes
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((wish) => ({
        community: community.name,
        title: wish.title,
        category: wish.category,
        status: wishStatusWords[wish.status] ?? wish.status,
        postedOn: day(wish.createdAt),
        fulfilledOn: day(wish.fulfilment?.at),
      })),
    suggestions: suggestions
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((suggestion) => ({
        community: community.name,
        title: suggestion.title,
        category: suggestion.category,
        status: suggestionStatusWords[suggestion.status] ?? suggestion.status,
        submittedOn: day(suggestion.createdAt),
        closedOn: day(suggestion.closedAt),
      })),
  }
}

/** The ledger of every community in scope, one community after another (a 街道 is a few dozen). */
export async function buildLedger(db: Database, communities: Array<{ id: string; name: string }>, span: Span, now: Date): Promise<Ledger> {
  const ledger: Ledger = { activities: [], wishes: [], suggestions: [] }
  for (const community of communities) {
    const part = await communityLedger(db, community, span, now)
    ledger.activities.push(...part.activities)
    ledger.wishes.push(...part.wishes)
    ledger.suggestions.push(...part.suggestions)
  }
  return ledger
}
