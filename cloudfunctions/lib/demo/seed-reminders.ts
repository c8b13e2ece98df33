import type { Database } from '../db/types'
import { queueReminder } from '../reminders'
import { outboxMessenger } from '../reminders/messenger'
import { beijingTime } from '../reminders/model'
import { daily, deliver, reminderPages } from '../reminders/service'
import { silentLogger } from '../runtime/logger'

const DAY = 24 * 3600 * 1000

/**
 * 我的消息 and 提醒发送记录 with something in them: last week's reminder of
 * the 垃圾分类宣传 to 张伟, and today's daily scan over the seeded data
 * (张伟's 政治生日 is the seed's day), delivered to the local outbox. Runs
 * last, after everything the scan reads.
 */
export async function seedReminders(db: Database, now: Date): Promise<void> {
  const system = (at: Date) => ({ db, now: () => at, log: silentLogger, requestId: 'seed', messenger: outboxMessenger })
  const past = (await db.collection<{ _id: string; title: string; place: string; startAt: Date }>('activities').doc('a-past-cleanup').get()).data[0]
  if (past) {
    const dayBefore = new Date(past.startAt.getTime() - DAY)
    await queueReminder(system(dayBefore), {
      userId: 'u-member',
      communityId: 'c-xingfu',
      reason: 'activity_tomorrow',
      subjectId: past._id,
      title: `明天的活动：${past.title}`,
      fields: { activity: past.title, time: beijingTime(past.startAt), place: past.place },
      page: reminderPages.activity(past._id),
    })
    await deliver(system(dayBefore))
  }
  await daily(system(now))
  await deliver(system(now))
}
