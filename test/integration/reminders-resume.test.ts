import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import { silentLogger } from '../../cloudfunctions/lib/runtime/logger'
import { runTick, type JobOutcome, type JobRunDoc } from '../../cloudfunctions/lib/runtime/timers'
import { remindersFunction } from '../../cloudfunctions/reminders'
import { startTestServer, type TestServer } from '../helpers/server'
import { addActivityWithEnrollments, addReport, allReminders, clearReminderInputs } from './reminders-fixtures'

/** 08:00 Beijing on 2031-03-11. */
const morning = new Date('2031-03-11T00:00:00Z')
const beijing = (local: string) => new Date(`${local}+08:00`)
const FIVE_MINUTES = 5 * 60 * 1000

describe('reminders daily scan past its time budget', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())
  beforeEach(async () => {
    await clearReminderInputs(server)
    await server.db.collection('jobRuns').where({ fn: 'reminders' }).remove()
  })
  afterEach(() => jest.restoreAllMocks())

  /**
   * The wall clock the budget is measured by, made to advance 1 ms each time
   * anything reads it: a tick with a 15 ms budget then starts only a handful
   * of writes, whatever the machine's speed, so the test sees the job stop.
   */
  function steppingWallClock(): void {
    let now = Date.UTC(2040, 0, 1)
    jest.spyOn(Date, 'now').mockImplementation(() => (now += 1))
  }

  it('should stop at the deadline, save where it got to, and finish on later ticks with every reminder stored once', async () => {
    const people = Array.from({ length: 24 }, (_, index) => `u-rs-${String(index).padStart(2, '0')}`)
    const activityId = await addActivityWithEnrollments(server, beijing('2031-03-12T10:00:00'), people.map((userId) => [userId, 'enrolled'] as [string, 'enrolled']))
    for (const userId of people.slice(0, 3)) await addReport(server, userId, '2001-03-11')
    steppingWallClock()

    const outcomes: Array<Extract<JobOutcome, { status: 'ran' }>> = []
    let at = morning
    for (let tick = 0; tick < 40; tick += 1) {
      const response = await runTick(remindersFunction, { db: server.db, log: silentLogger, now: () => at, budgetMs: 15 })
      if (!response.ok) throw new Error(JSON.stringify(response.error))
      const daily = response.data.daily
      if (daily.status === 'skipped' && daily.reason === 'done_today') break
      expect(daily.status).toBe('ran')
      outcomes.push(daily as Extract<JobOutcome, { status: 'ran' }>)
      if (outcomes.length === 1) {
        // The first tick could not finish: the day is not marked done, and the checkpoint names where to go on.
        expect(daily).toMatchObject({ counts: { pending: expect.any(Number) } })
        const run = (await server.db.collection<JobRunDoc>('jobRuns').doc('reminders:daily').get()).data[0]
        expect(run.day).toBeNull()
        expect(run.progress).toMatchObject({ day: '2031-03-11', value: { phase: 'activity_tomorrow' } })
      }
      at = new Date(at.getTime() + FIVE_MINUTES)
    }

    expect(outcomes.length).toBeGreaterThan(1)
    // Each reminder was stored by exactly one tick: later ticks went on after the checkpoint instead of starting over.
    const queued = outcomes.reduce((sum, outcome) => sum + outcome.counts.activity_tomorrow + outcome.counts.party_anniversary, 0)
    expect(queued).toBe(people.length + 3)
    const reminders = await allReminders(server)
    expect(reminders.map((reminder) => reminder._id).sort()).toEqual(
      [...people.map((userId) => `${userId}:activity_tomorrow:${activityId}:2031-03-11`), ...people.slice(0, 3).map((userId) => `${userId}:party_anniversary:${userId}:2031-03-11`)].sort(),
    )
    const run = (await server.db.collection<JobRunDoc>('jobRuns').doc('reminders:daily').get()).data[0]
    expect(run).toMatchObject({ day: '2031-03-11', progress: null })
  })

  it('should deliver only what its budget allows and leave the rest queued for the next tick', async () => {
    const people = Array.from({ length: 30 }, (_, index) => `u-rd-${index}`)
    await addActivityWithEnrollments(server, beijing('2031-03-12T10:00:00'), people.map((userId) => [userId, 'enrolled'] as [string, 'enrolled']))
    const first = await runTick(remindersFunction, { db: server.db, log: silentLogger, now: () => morning })
    expect(first).toMatchObject({ ok: true, data: { daily: { status: 'ran', counts: { activity_tomorrow: 30 } } } })
    steppingWallClock()

    let at = new Date(morning.getTime() + FIVE_MINUTES)
    const handled: number[] = []
    for (let tick = 0; tick < 20; tick += 1) {
      const response = await runTick(remindersFunction, { db: server.db, log: silentLogger, now: () => at, budgetMs: 12 })
      if (!response.ok) throw new Error(JSON.stringify(response.error))
      const counts = (response.data.deliver as Extract<JobOutcome, { status: 'ran' }>).counts
      handled.push(counts.skipped + counts.outbox)
      if ((await allReminders(server)).every((reminder: ReminderDoc) => reminder.status !== 'queued')) break
      at = new Date(at.getTime() + FIVE_MINUTES)
    }
    expect(handled.length).toBeGreaterThan(1)
    expect(handled.reduce((sum, count) => sum + count, 0)).toBe(30)
  })
})
