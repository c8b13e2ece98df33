/**
 * The port other domains and read models use for confirmed service: honours
 * (星级, leaderboards), certificates (their items) and team pages read
 * confirmed enrollments here, never the collection directly.
 */
import type { Database, Where } from '../db/types'
import { readAll, readWhereIn } from '../shared/paging'
import type { ActivityDoc, EnrollmentDoc } from './model'

export interface ServiceLine {
  enrollmentId: string
  activityId: string
  communityId: string
  teamId: string | null
  userId: string
  hours: number
  /** When the service began (check-in), else when it was confirmed. */
  servedAt: Date
  confirmedAt: Date
}

export interface Span {
  start: Date
  end: Date
}

/** Reads past this many rows refuse rather than answer a silently partial figure. */
const CAP = 20_000
const TOO_MANY = '统计范围内的服务记录过多，请缩小范围'

const toLine = (enrollment: EnrollmentDoc): ServiceLine => ({
  enrollmentId: enrollment._id,
  activityId: enrollment.activityId,
  communityId: enrollment.communityId,
  teamId: enrollment.teamId ?? null,
  userId: enrollment.userId,
  hours: enrollment.hours ?? 0,
  servedAt: enrollment.checkInAt ?? enrollment.confirmedAt!,
  confirmedAt: enrollment.confirmedAt!,
})

const inSpan = (db: Database, span: Span | null): Where => (span ? { confirmedAt: db.command.and(db.command.gte(span.start), db.command.lt(span.end)) } : {})

/** Confirmed service in some communities (a community, or a 街道's), confirmed within `span`. */
export async function serviceInCommunities(db: Database, communityIds: string[], span: Span | null): Promise<ServiceLine[]> {
  const rows = await readWhereIn<EnrollmentDoc>(db, 'enrollments', 'communityId', communityIds, { cap: CAP, message: TOO_MANY }, { status: 'confirmed', ...inSpan(db, span) })
  return rows.map(toLine)
}

/** Confirmed service in one team's activities, confirmed within `span`. */
export async function serviceInTeam(db: Database, teamId: string, span: Span | null): Promise<ServiceLine[]> {
  const rows = await readAll<EnrollmentDoc>(db, 'enrollments', { teamId, status: 'confirmed', ...inSpan(db, span) } as Where, { cap: CAP, message: TOO_MANY })
  return rows.map(toLine)
}

/** Confirmed service in the activities of several teams, confirmed within `span`: one read per hundred teams, not one per team. */
export async function serviceInTeams(db: Database, teamIds: string[], span: Span | null): Promise<ServiceLine[]> {
  const rows = await readWhereIn<EnrollmentDoc>(db, 'enrollments', 'teamId', teamIds, { cap: CAP, message: TOO_MANY }, { status: 'confirmed', ...inSpan(db, span) })
  return rows.map(toLine)
}

/** One person's confirmed service in one community: a certificate's items. */
export async function serviceOfPerson(db: Database, userId: string, communityId: string): Promise<ServiceLine[]> {
  const rows = await readAll<EnrollmentDoc>(db, 'enrollments', { userId, status: 'confirmed', communityId }, { cap: 5_000, message: TOO_MANY })
  return rows.map(toLine).sort((a, b) => a.servedAt.getTime() - b.servedAt.getTime())
}

/** Activities by id, for titles and places. */
export async function activitiesByIds(db: Database, ids: string[]): Promise<Map<string, ActivityDoc>> {
  const rows = await readWhereIn<ActivityDoc>(db, 'activities', '_id', [...new Set(ids)], { cap: CAP, message: TOO_MANY })
  return new Map(rows.map((activity) => [activity._id, activity]))
}

/** A team's activities that start in [from, to), soonest first. */
export async function activitiesOfTeam(db: Database, teamId: string, from: Date, to: Date): Promise<ActivityDoc[]> {
  const rows = await readAll<ActivityDoc>(db, 'activities', { teamId, startAt: db.command.and(db.command.gte(from), db.command.lt(to)) }, { cap: 2_000, message: TOO_MANY })
  return rows.sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
}

/** How many attendances of a person were confirmed, anywhere. */
export async function attendancesOf(db: Database, userId: string): Promise<number> {
  return (await db.collection<EnrollmentDoc>('enrollments').where({ userId, status: 'confirmed' }).count()).total
}
