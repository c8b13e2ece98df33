import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import type { Messenger, SendOutcome } from '../../cloudfunctions/lib/reminders/messenger'
import { silentLogger } from '../../cloudfunctions/lib/runtime/logger'
import { runTimer } from '../../cloudfunctions/lib/runtime/timers'
import { remindersFunction } from '../../cloudfunctions/reminders'
import type { TestServer } from '../helpers/server'

const HOUR = 3600 * 1000

/**
 * The WeChat boundary, counted: every send is recorded with its recipient,
 * and answers what `answer` says (sent by default).
 */
export function countingMessenger(answer: (reminder: ReminderDoc, call: number) => SendOutcome = () => ({ status: 'sent' })): Messenger & { calls: Array<{ id: string; openid: string }> } {
  const calls: Array<{ id: string; openid: string }> = []
  return {
    calls,
    async send(reminder, openid) {
      calls.push({ id: reminder._id, openid })
      return answer(reminder, calls.filter((call) => call.id === reminder._id).length)
    },
  }
}

export async function runReminderTimer(server: TestServer, name: 'daily' | 'deliver', at: Date, messenger?: Messenger): Promise<Record<string, number>> {
  const response = await runTimer(remindersFunction, name, { db: server.db, log: silentLogger, now: () => at, messenger })
  if (!response.ok) throw new Error(`${name} failed: ${JSON.stringify(response.error)}`)
  return response.data
}

export async function allReminders(server: TestServer): Promise<ReminderDoc[]> {
  return (await server.db.collection<ReminderDoc>('reminders').orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(1000).get()).data
}

/** Marks what the fixtures below write, so each test removes the last one's. */
const fixture = 'reminders-test'

/**
 * Each test starts from an empty outbox, no confirmed 报到 (the demo seed's
 * would blur "exactly these people") and none of the previous test's records.
 */
export async function clearReminderInputs(server: TestServer): Promise<void> {
  const _ = server.db.command
  await server.db.collection('reminders').where({ userId: _.exists(true) }).remove()
  await server.db.collection('memberReports').where({ status: 'confirmed' }).remove()
  for (const name of ['memberReports', 'activities', 'enrollments', 'redemptions']) await server.db.collection(name).where({ fixture }).remove()
}

let counter = 0
const next = (prefix: string) => `${prefix}-rem-${(counter += 1)}`

/** An activity of c-xingfu starting at `startAt`, and an enrollment per person in the given statuses. */
export async function addActivityWithEnrollments(
  server: TestServer,
  startAt: Date,
  enrollments: Array<[userId: string, status: 'enrolled' | 'cancelled' | 'confirmed']>,
  status: 'published' | 'cancelled' = 'published',
): Promise<string> {
  const activityId = next('a')
  const now = new Date(startAt.getTime() - 7 * 24 * HOUR)
  await server.db.collection('activities').add({
    _id: activityId,
    communityId: 'c-xingfu',
    type: '志愿服务',
    title: `测试活动 ${activityId}`,
    description: '',
    coverUrl: null,
    place: '幸福社区党群服务中心',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * HOUR),
    signupDeadline: startAt,
    quota: 30,
    enrolledCount: enrollments.filter(([, s]) => s === 'enrolled').length,
    pointsRule: { kind: 'fixed', points: 10 },
    maxHours: 2,
    status,
    createdBy: 'u-staff',
    createdAt: now,
    updatedAt: now,
    fixture,
  })
  for (const [userId, enrollmentStatus] of enrollments) {
    await server.db.collection('enrollments').add({
      _id: `${activityId}:${userId}`,
      activityId,
      communityId: 'c-xingfu',
      userId,
      status: enrollmentStatus,
      checkInAt: null,
      checkOutAt: null,
      attendanceSource: null,
      hours: null,
      createdAt: now,
      updatedAt: now,
      fixture,
    })
  }
  return activityId
}

export async function addRedemption(server: TestServer, userId: string, expiresAt: Date, status: 'held' | 'picked' = 'held'): Promise<string> {
  const redemptionId = next('r')
  await server.db.collection('redemptions').add({
    _id: redemptionId,
    communityId: 'c-xingfu',
    itemId: 'i-soap',
    itemName: '洗衣皂',
    userId,
    points: 10,
    status,
    pickupCode: String(100000 + counter),
    expiresAt,
    createdAt: new Date(expiresAt.getTime() - 7 * 24 * HOUR),
    closedAt: null,
    closedBy: null,
    closeReason: '',
    fixture,
  })
  return redemptionId
}

export async function addReport(server: TestServer, userId: string, partyJoinedAt: string, status: 'confirmed' | 'submitted' = 'confirmed', year = 2031): Promise<void> {
  const at = new Date(`${year}-01-10T02:00:00Z`)
  await server.db.collection('memberReports').add({
    _id: `c-xingfu:${userId}:${year}`,
    communityId: 'c-xingfu',
    userId,
    year,
    name: `党员 ${userId}`,
    workUnit: '测试单位',
    partyOrg: '测试党支部',
    partyJoinedAt,
    anniversary: partyJoinedAt.slice(5),
    skills: [],
    willingness: ['邻里互助'],
    status,
    createdAt: at,
    updatedAt: at,
    history: [],
    fixture,
  })
}
