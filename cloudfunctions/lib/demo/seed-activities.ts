import { creditFor, enrollmentDocId, newEnrollment, type ActivityDoc, type EnrollmentDoc } from '../activities/model'
import type { Database } from '../db/types'
import { earn } from '../points/ledger'
import type { UserDoc } from '../users/model'
import { demoCalendar } from './calendar'

const MINUTE = 60 * 1000

/**
 * 张伟's activities for the demo: signed up for two coming ones, and the
 * latest 垃圾分类宣传 checked in, checked out and confirmed by 王丽 this
 * month through the ledger, so 我的活动, the service record, the points
 * history and this month's dashboard all show something. Runs after the
 * activities exist and the opening balances are in (seedDemo).
 */
export async function seedActivities(db: Database, now: Date): Promise<void> {
  const activities = db.collection<ActivityDoc>('activities')
  const enrollments = db.collection<EnrollmentDoc>('enrollments')
  const userId = 'u-member'
  const enrollment = (activityId: string, communityId: string, createdAt: Date): EnrollmentDoc =>
    newEnrollment({ _id: activityId, communityId }, userId, createdAt)

  for (const activityId of ['a-cleanup', 'a-party-day']) {
    await enrollments.add(enrollment(activityId, 'c-xingfu', now))
    await activities.doc(activityId).update({ enrolledCount: db.command.inc(1) })
  }

  const past = (await activities.doc('a-past-cleanup').get()).data[0]
  const checkInAt = new Date(past.startAt.getTime() - 5 * MINUTE)
  const checkOutAt = new Date(past.endAt.getTime() + 10 * MINUTE)
  // 2 h 15 min on site, capped at the activity's 2 h: 20 points at 10 per hour.
  const { hours, points } = creditFor(past, checkInAt, checkOutAt)
  // An hour after it ended, or on the 1st this month's first minutes: see demoCalendar.lastSlot.
  const { confirmedAt } = demoCalendar(now).lastSlot()
  const signedUpAt = new Date(past.startAt.getTime() - 2 * 24 * 60 * MINUTE)
  await earn(db, {
    communityId: past.communityId,
    userId,
    points,
    hours,
    refType: 'enrollment',
    refId: enrollmentDocId(past._id, userId),
    actorId: 'u-staff',
    reason: `参加活动「${past.title}」`,
    now: confirmedAt,
  })
  await enrollments.add({
    ...enrollment(past._id, past.communityId, signedUpAt),
    status: 'confirmed',
    checkInAt,
    checkOutAt,
    attendanceSource: 'code',
    hours,
    points,
    confirmedBy: 'u-staff',
    confirmedAt,
    updatedAt: confirmedAt,
  })
  await activities.doc(past._id).update({ enrolledCount: db.command.inc(1) })
  await db.collection<UserDoc>('users').doc(userId).update({ volunteerNo: '4401062023000186' })
}
