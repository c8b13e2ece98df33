import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { queueReminder, type ReminderDoc } from '../../../cloudfunctions/lib/reminders'
import { beijingTime } from '../../../cloudfunctions/lib/reminders/model'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'

describe('queueReminder', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(() => db.close())

  const at = (iso: string) => ({ db, now: () => new Date(iso), log: silentLogger })
  const claimed = { userId: 'u-1', communityId: 'c-1', reason: 'wish_claimed' as const, subjectId: 'w-1', title: '您的心愿已被认领', fields: { wish: '修自行车' } }
  const all = async () => (await db.collection<ReminderDoc>('reminders').limit(100).get()).data

  it('should store a queued reminder under its natural id', async () => {
    expect(await queueReminder(at('2026-03-01T02:00:00Z'), { ...claimed, page: '/packages/wishes/pages/detail/index?id=w-1' })).toEqual({ queued: true })
    const [doc] = await all()
    expect(doc).toMatchObject({ _id: 'u-1:wish_claimed:w-1:2026-03-01', status: 'queued', attempts: 0, day: '2026-03-01', page: '/packages/wishes/pages/detail/index?id=w-1', fields: { wish: '修自行车' } })
  })

  it('should queue the same trigger once a day and not throw for the duplicate', async () => {
    expect(await queueReminder(at('2026-03-01T02:00:00Z'), claimed)).toEqual({ queued: true })
    expect(await queueReminder(at('2026-03-01T10:00:00Z'), { ...claimed, title: '又一次' })).toEqual({ queued: false })
    expect(await all()).toHaveLength(1)
    expect((await all())[0].title).toBe('您的心愿已被认领')
  })

  it('should queue racing calls for the same trigger once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => queueReminder(at('2026-03-01T02:00:00Z'), claimed)))
    expect(results.filter((r) => r.queued)).toHaveLength(1)
    expect(await all()).toHaveLength(1)
  })

  it('should key the day in Beijing time: 23:30 and 00:30 Beijing are different days', async () => {
    // 2026-03-01 23:30 Beijing = 15:30 UTC; 2026-03-02 00:30 Beijing = 16:30 UTC the same UTC day.
    expect(await queueReminder(at('2026-03-01T15:30:00Z'), claimed)).toEqual({ queued: true })
    expect(await queueReminder(at('2026-03-01T16:30:00Z'), claimed)).toEqual({ queued: true })
    expect((await all()).map((doc) => doc.day).sort()).toEqual(['2026-03-01', '2026-03-02'])
  })

  it('should treat other subjects, reasons and people as different reminders', async () => {
    const ctx = at('2026-03-01T02:00:00Z')
    await queueReminder(ctx, claimed)
    await queueReminder(ctx, { ...claimed, subjectId: 'w-2' })
    await queueReminder(ctx, { ...claimed, reason: 'wish_fulfilled' })
    await queueReminder(ctx, { ...claimed, userId: 'u-2' })
    expect(await all()).toHaveLength(4)
  })
})

describe('Beijing time', () => {
  it('should write an instant as the Beijing wall clock a person reads', () => {
    expect(beijingTime(new Date('2026-03-01T01:30:00Z'))).toBe('2026年3月1日 09:30')
    expect(beijingTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05')
  })
})
