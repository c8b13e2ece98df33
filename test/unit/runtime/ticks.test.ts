import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { defineFunction } from '../../../cloudfunctions/lib/runtime/action'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import { dailyAfter, everyTick, runTick, runTimerEvent, type JobRunDoc } from '../../../cloudfunctions/lib/runtime/timers'
import { remindersFunction } from '../../../cloudfunctions/reminders'

/** Beijing wall clock → instant (UTC+8, no DST). */
const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`)
const FIVE_MINUTES = 5 * 60 * 1000

/** A function with one every-tick job and one daily job, counting their runs; `failDaily` makes the next daily runs throw. */
function countingFunction() {
  const runs = { every: 0, daily: 0, failDaily: 0 }
  const fn = defineFunction(
    'counting',
    {},
    {
      schedule: '0 */5 * * * * *',
      jobs: {
        every: { cadence: everyTick, run: async () => ({ n: (runs.every += 1) }) },
        daily: {
          cadence: dailyAfter('08:00'),
          run: async () => {
            if (runs.failDaily > 0) {
              runs.failDaily -= 1
              throw new Error('WeChat is down')
            }
            return { n: (runs.daily += 1) }
          },
        },
      },
    },
  )
  return { fn, runs }
}

describe('timer ticks', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(() => db.close())

  const tick = (fn: ReturnType<typeof countingFunction>['fn'], at: Date) => runTick(fn, { db, log: silentLogger, now: () => at })

  it('should run a daily job once across every 5-minute tick of a Beijing day, never before 08:00, and every-tick jobs each time', async () => {
    const { fn, runs } = countingFunction()
    // 00:00 → 23:55 Beijing on 1 January: the day starts at 16:00 UTC on 31 December.
    const start = beijing('2031-01-01', '00:00').getTime()
    const statuses: string[] = []
    for (let at = start; at < start + 24 * 60 * 60 * 1000; at += FIVE_MINUTES) {
      const response = await tick(fn, new Date(at))
      expect(response.ok).toBe(true)
      if (response.ok) statuses.push(response.data.daily.status)
    }
    expect(runs.daily).toBe(1)
    expect(runs.every).toBe(288)
    expect(statuses.indexOf('ran')).toBe(96) // 08:00 is the 97th tick
    expect(statuses.slice(0, 96).every((status) => status === 'skipped')).toBe(true)
    const checkpoint = (await db.collection<JobRunDoc>('jobRuns').doc('counting:daily').get()).data[0]
    expect(checkpoint).toMatchObject({ day: '2031-01-01', leaseUntil: null, lastError: null })
  })

  it('should not run a daily job at 07:55 Beijing, though it is already that day in Beijing and still the day before in UTC', async () => {
    const { fn, runs } = countingFunction()
    const response = await tick(fn, beijing('2031-03-01', '07:55'))
    expect(response.ok && response.data.daily).toEqual({ status: 'skipped', reason: 'not_yet' })
    expect(runs.daily).toBe(0)
  })

  it('should run a daily job again on the next Beijing day', async () => {
    const { fn, runs } = countingFunction()
    await tick(fn, beijing('2031-03-01', '08:05'))
    await tick(fn, beijing('2031-03-01', '23:55'))
    await tick(fn, beijing('2031-03-02', '00:00'))
    expect(runs.daily).toBe(1)
    await tick(fn, beijing('2031-03-02', '08:00'))
    await tick(fn, beijing('2031-03-02', '08:05'))
    expect(runs.daily).toBe(2)
  })

  it('should retry a failed daily job at the next tick and then mark the day done', async () => {
    const { fn, runs } = countingFunction()
    runs.failDaily = 2
    const first = await tick(fn, beijing('2031-03-01', '08:00'))
    expect(first.ok).toBe(false)
    expect(!first.ok && (first.error.details as Record<string, { status: string }>).every.status).toBe('ran')
    expect((await db.collection<JobRunDoc>('jobRuns').doc('counting:daily').get()).data[0]).toMatchObject({ day: null, leaseUntil: null })
    expect((await tick(fn, beijing('2031-03-01', '08:05'))).ok).toBe(false)
    const third = await tick(fn, beijing('2031-03-01', '08:10'))
    expect(third.ok && third.data.daily.status).toBe('ran')
    await tick(fn, beijing('2031-03-01', '08:15'))
    expect(runs.daily).toBe(1)
  })

  it('should let one of two overlapping ticks run the daily job, the other skipping it as claimed', async () => {
    const { fn, runs } = countingFunction()
    const at = beijing('2031-03-01', '09:00')
    const [a, b] = await Promise.all([tick(fn, at), tick(fn, at)])
    expect(runs.daily).toBe(1)
    const outcomes = [a, b].map((response) => response.ok && response.data.daily.status).sort()
    expect(outcomes).toEqual(['ran', 'skipped'])
  })

  it('should take over a claim whose run died (lease past) at a later tick', async () => {
    const { fn, runs } = countingFunction()
    const at = beijing('2031-03-01', '08:00')
    await db.collection('jobRuns').add({ _id: 'counting:daily', fn: 'counting', job: 'daily', day: null, rev: 3, leaseUntil: new Date(at.getTime() + 60_000), lastRunAt: null, lastError: null, updatedAt: at })
    const during = await tick(fn, at)
    expect(during.ok && during.data.daily).toEqual({ status: 'skipped', reason: 'claimed' })
    await tick(fn, new Date(at.getTime() + FIVE_MINUTES))
    expect(runs.daily).toBe(1)
  })

  it('should run reminders deliver on every tick and daily only from 08:00 Beijing, through the CloudBase tick event', async () => {
    const platform = (at: Date) => ({ db, log: silentLogger, now: () => at })
    const early = (await runTimerEvent(remindersFunction, { Type: 'Timer', TriggerName: 'tick' }, platform(beijing('2031-03-01', '07:55')))) as { ok: true; data: Record<string, { status: string }> }
    expect([early.ok, early.data.deliver.status, early.data.daily.status]).toEqual([true, 'ran', 'skipped'])
    const morning = (await runTimerEvent(remindersFunction, { Type: 'Timer', TriggerName: 'tick' }, platform(beijing('2031-03-01', '08:00')))) as { ok: true; data: Record<string, { status: string }> }
    expect([morning.ok, morning.data.deliver.status, morning.data.daily.status]).toEqual([true, 'ran', 'ran'])
  })

  it('should run one job by name from a console test event, whatever its cadence', async () => {
    const { fn, runs } = countingFunction()
    const response = await runTimerEvent(fn, { Type: 'Timer', TriggerName: 'daily' }, { db, log: silentLogger, now: () => beijing('2031-03-01', '03:00') })
    expect(response).toEqual({ ok: true, data: { n: 1 } })
    expect(runs.daily).toBe(1)
  })

  it('should refuse a daily time that is not HH:mm', () => {
    expect(() => dailyAfter('8:00')).toThrow(/HH:mm/)
    expect(() => dailyAfter('24:00')).toThrow(/HH:mm/)
  })
})
