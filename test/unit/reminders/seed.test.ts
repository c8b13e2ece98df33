import { openLocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import type { ReminderDoc } from '../../../cloudfunctions/lib/reminders'

describe('demo seed: reminders', () => {
  it('should leave 张伟 last week’s activity reminder and today’s 政治生日 greeting in the local outbox', async () => {
    const db = openLocalDatabase({ file: ':memory:' })
    try {
      await seedDemo(db)
      const mine = (await db.collection<ReminderDoc>('reminders').where({ userId: 'u-member' }).limit(100).get()).data
      expect(mine.map((reminder) => [reminder.reason, reminder.status]).sort()).toEqual([
        ['activity_tomorrow', 'outbox'],
        ['party_anniversary', 'outbox'],
      ])
      expect(mine.find((reminder) => reminder.reason === 'activity_tomorrow')?.subjectId).toBe('a-past-cleanup')
    } finally {
      db.close()
    }
  })
})
