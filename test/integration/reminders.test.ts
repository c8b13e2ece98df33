import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson } from './points-fixtures'
import { addActivityWithEnrollments, addRedemption, addReport, allReminders, clearReminderInputs, countingMessenger, runReminderTimer } from './reminders-fixtures'

const HOUR = 3600 * 1000
/** 08:00 Beijing on 2031-03-11: when CloudBase runs `daily`. */
const morning = new Date('2031-03-11T00:00:00Z')
const beijing = (local: string) => new Date(`${local}+08:00`)

describe('reminders', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())
  beforeEach(() => clearReminderInputs(server))

  const ids = async () => (await allReminders(server)).map((reminder) => reminder._id).sort()

  describe('daily scan', () => {
    it('should remind exactly the people signed up for an activity that starts tomorrow (Beijing)', async () => {
      const tomorrow = await addActivityWithEnrollments(server, beijing('2031-03-12T10:00:00'), [
        ['u-dt-1', 'enrolled'],
        ['u-dt-2', 'enrolled'],
        ['u-dt-3', 'cancelled'],
      ])
      const lateTomorrow = await addActivityWithEnrollments(server, beijing('2031-03-12T23:59:00'), [['u-dt-4', 'enrolled']])
      await addActivityWithEnrollments(server, beijing('2031-03-11T20:00:00'), [['u-dt-5', 'enrolled']])
      await addActivityWithEnrollments(server, beijing('2031-03-13T00:00:00'), [['u-dt-6', 'enrolled']])
      await addActivityWithEnrollments(server, beijing('2031-03-12T10:00:00'), [['u-dt-7', 'enrolled']], 'cancelled')

      expect(await runReminderTimer(server, 'daily', morning)).toEqual({ activity_tomorrow: 3, redemption_expiring: 0, party_anniversary: 0 })
      expect(await ids()).toEqual(
        [`u-dt-1:activity_tomorrow:${tomorrow}:2031-03-11`, `u-dt-2:activity_tomorrow:${tomorrow}:2031-03-11`, `u-dt-4:activity_tomorrow:${lateTomorrow}:2031-03-11`].sort(),
      )
      const [reminder] = await allReminders(server)
      expect(reminder).toMatchObject({ status: 'queued', communityId: 'c-xingfu', fields: { time: '2031年3月12日 10:00', place: '幸福社区党群服务中心' }, page: `/packages/activities/pages/detail/index?id=${tomorrow}&reply=1` })
    })

    it('should remind the owner of a held redemption expiring within 24 h, not at 25 h, not when picked up or already expired', async () => {
      const soon = await addRedemption(server, 'u-rx-1', new Date(morning.getTime() + 23 * HOUR))
      await addRedemption(server, 'u-rx-2', new Date(morning.getTime() + 25 * HOUR))
      await addRedemption(server, 'u-rx-3', new Date(morning.getTime() + 23 * HOUR), 'picked')
      await addRedemption(server, 'u-rx-4', new Date(morning.getTime() - HOUR))

      expect(await runReminderTimer(server, 'daily', morning)).toMatchObject({ redemption_expiring: 1 })
      expect(await ids()).toEqual([`u-rx-1:redemption_expiring:${soon}:2031-03-11`])
    })

    it('should remind a redemption once even when the next day’s run still finds it inside 24 h', async () => {
      // Expires 03-11 20:00 Beijing; runs at 03-10 22:00 (22 h before) and 03-11 06:00 (14 h before), as `npm start` would.
      const redemption = await addRedemption(server, 'u-rx-5', new Date(morning.getTime() + 12 * HOUR))
      await runReminderTimer(server, 'daily', new Date(morning.getTime() - 10 * HOUR))
      await runReminderTimer(server, 'daily', new Date(morning.getTime() - 2 * HOUR))
      expect(await ids()).toEqual([`u-rx-5:redemption_expiring:${redemption}:2031-03-10`])
    })

    it('should greet confirmed members on their 政治生日 today, once per person, and nobody else', async () => {
      await addReport(server, 'u-pa-1', '2010-03-11')
      await addReport(server, 'u-pa-2', '2010-03-12')
      await addReport(server, 'u-pa-3', '2010-03-11', 'submitted')
      await addReport(server, 'u-pa-4', '2031-03-11')
      await addReport(server, 'u-pa-5', '2015-03-11', 'confirmed', 2030)
      await addReport(server, 'u-pa-5', '2015-03-11', 'confirmed', 2031)

      expect(await runReminderTimer(server, 'daily', morning)).toMatchObject({ party_anniversary: 2 })
      expect(await ids()).toEqual(['u-pa-1:party_anniversary:u-pa-1:2031-03-11', 'u-pa-5:party_anniversary:u-pa-5:2031-03-11'])
      const greeting = (await allReminders(server)).find((reminder) => reminder.userId === 'u-pa-1')
      expect(greeting).toMatchObject({ title: '政治生日快乐：今天是您入党 21 周年', fields: { date: '2010-03-11', years: '入党21周年' } })
    })

    it('should greet someone who joined on 29 February on 28 February of a common year, and on the 29th of a leap year', async () => {
      await addReport(server, 'u-pa-leap', '2012-02-29')
      await runReminderTimer(server, 'daily', beijing('2031-02-28T08:00:00'))
      await runReminderTimer(server, 'daily', beijing('2032-02-28T08:00:00'))
      await runReminderTimer(server, 'daily', beijing('2032-02-29T08:00:00'))
      expect(await ids()).toEqual(['u-pa-leap:party_anniversary:u-pa-leap:2031-02-28', 'u-pa-leap:party_anniversary:u-pa-leap:2032-02-29'])
    })

    it('should take "tomorrow" from the Beijing day: a run at 23:30 and one at 00:30 remind different activities', async () => {
      const on12th = await addActivityWithEnrollments(server, beijing('2031-03-12T10:00:00'), [['u-tz-1', 'enrolled']])
      const on13th = await addActivityWithEnrollments(server, beijing('2031-03-13T10:00:00'), [['u-tz-2', 'enrolled']])

      expect(await runReminderTimer(server, 'daily', beijing('2031-03-11T23:30:00'))).toMatchObject({ activity_tomorrow: 1 })
      expect(await ids()).toEqual([`u-tz-1:activity_tomorrow:${on12th}:2031-03-11`])
      expect(await runReminderTimer(server, 'daily', beijing('2031-03-12T00:30:00'))).toMatchObject({ activity_tomorrow: 1 })
      expect(await ids()).toEqual([`u-tz-1:activity_tomorrow:${on12th}:2031-03-11`, `u-tz-2:activity_tomorrow:${on13th}:2031-03-12`])
    })
  })

  describe('idempotency', () => {
    it('should queue once and send once when the daily trigger and delivery each run twice', async () => {
      for (const userId of ['u-id-1', 'u-id-2']) await addPerson(server, userId)
      await addActivityWithEnrollments(server, beijing('2031-03-12T09:00:00'), [['u-id-1', 'enrolled'], ['u-id-2', 'enrolled']])
      await addRedemption(server, 'u-id-1', new Date(morning.getTime() + 3 * HOUR))
      await addReport(server, 'u-id-2', '2001-03-11')

      expect(await runReminderTimer(server, 'daily', morning)).toEqual({ activity_tomorrow: 2, redemption_expiring: 1, party_anniversary: 1 })
      expect(await runReminderTimer(server, 'daily', new Date(morning.getTime() + 10 * 60 * 1000))).toEqual({ activity_tomorrow: 0, redemption_expiring: 0, party_anniversary: 0 })
      expect(await allReminders(server)).toHaveLength(4)

      const messenger = countingMessenger()
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 5 * 60 * 1000), messenger)).toMatchObject({ sent: 4 })
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 10 * 60 * 1000), messenger)).toMatchObject({ sent: 0 })
      expect(messenger.calls.map((call) => call.id).sort()).toEqual(await ids())
      expect(new Set(messenger.calls.map((call) => call.openid))).toEqual(new Set(['openid-u-id-1', 'openid-u-id-2']))
      expect((await allReminders(server)).every((reminder) => reminder.status === 'sent' && reminder.sentAt !== null)).toBe(true)
    })

    it('should send each reminder once when two deliveries run at the same time', async () => {
      const people = Array.from({ length: 12 }, (_, i) => `u-cc-${i}`)
      for (const userId of people) await addPerson(server, userId)
      await addActivityWithEnrollments(server, beijing('2031-03-12T09:00:00'), people.map((userId) => [userId, 'enrolled']))
      await runReminderTimer(server, 'daily', morning)

      const messenger = countingMessenger()
      const at = new Date(morning.getTime() + 60 * 1000)
      const runs = await Promise.all([runReminderTimer(server, 'deliver', at, messenger), runReminderTimer(server, 'deliver', at, messenger), runReminderTimer(server, 'deliver', at, messenger)])
      expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(12)
      expect(messenger.calls).toHaveLength(12)
      expect(new Set(messenger.calls.map((call) => call.id)).size).toBe(12)
    })
  })

  describe('delivery outcomes', () => {
    const queueOne = async (userId: string) => {
      await addActivityWithEnrollments(server, beijing('2031-03-12T09:00:00'), [[userId, 'enrolled']])
      await runReminderTimer(server, 'daily', morning)
      return (await allReminders(server))[0]._id
    }
    const doc = async (id: string) => (await allReminders(server)).find((reminder) => reminder._id === id)!

    it('should retry a failed send on later runs and give up after 3 attempts', async () => {
      await addPerson(server, 'u-out-1')
      const id = await queueOne('u-out-1')
      const messenger = countingMessenger(() => ({ status: 'failed', error: 'errcode -1: system busy' }))
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 5 * 60 * 1000), messenger)).toMatchObject({ retry: 1 })
      expect(await doc(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'errcode -1: system busy' })
      await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 10 * 60 * 1000), messenger)
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 15 * 60 * 1000), messenger)).toMatchObject({ failed: 1 })
      await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 20 * 60 * 1000), messenger)
      expect(messenger.calls).toHaveLength(3)
      expect(await doc(id)).toMatchObject({ status: 'failed', attempts: 3, sentAt: null })
    })

    it('should record a refused consent as no_consent and still list it in the person’s 我的消息', async () => {
      const person = await addPerson(server, 'u-out-2')
      const id = await queueOne('u-out-2')
      await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 5 * 60 * 1000), countingMessenger(() => ({ status: 'no_consent' })))
      expect(await doc(id)).toMatchObject({ status: 'no_consent', attempts: 0 })
      const mine = await person.ok('reminders', 'mine', {})
      expect(mine.items.map((item: { id: string }) => item.id)).toEqual([id])
    })

    it('should skip a reminder whose person has no WeChat identity without calling WeChat', async () => {
      const id = await queueOne('u-out-nobody')
      const messenger = countingMessenger()
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 5 * 60 * 1000), messenger)).toMatchObject({ skipped: 1 })
      expect(messenger.calls).toHaveLength(0)
      expect(await doc(id)).toMatchObject({ status: 'skipped', lastError: '收件人没有微信身份' })
    })

    it('should drop a reminder still queued a day after it was made instead of sending stale news', async () => {
      await addPerson(server, 'u-out-3')
      const id = await queueOne('u-out-3')
      const messenger = countingMessenger()
      await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 25 * HOUR), messenger)
      expect(messenger.calls).toHaveLength(0)
      expect(await doc(id)).toMatchObject({ status: 'skipped', lastError: '已过时，未发送' })
    })

    it('should requeue a reminder left sending by a run that died, counting it as an attempt', async () => {
      await addPerson(server, 'u-out-4')
      const id = await queueOne('u-out-4')
      await server.db.collection('reminders').doc(id).update({ status: 'sending', sendingAt: new Date(morning.getTime() - 20 * 60 * 1000) })
      const messenger = countingMessenger()
      expect(await runReminderTimer(server, 'deliver', morning, messenger)).toMatchObject({ requeued: 1, sent: 1 })
      expect(await doc(id)).toMatchObject({ status: 'sent', attempts: 1 })
      expect(messenger.calls).toHaveLength(1)
    })

    it('should keep reminders in the local outbox when no messenger is given (npm start)', async () => {
      await addPerson(server, 'u-out-5')
      const id = await queueOne('u-out-5')
      expect(await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 60 * 1000))).toMatchObject({ outbox: 1 })
      expect(await doc(id)).toMatchObject({ status: 'outbox' })
    })
  })

  describe('actions', () => {
    let person: Client
    let staff: Client
    beforeEach(async () => {
      person = await addPerson(server, `u-act-${Date.now()}`)
      staff = await server.as('demo-staff')
    })

    const queueFor = async (userId: string, at: Date, startAt: Date) => {
      await addActivityWithEnrollments(server, startAt, [[userId, 'enrolled']])
      await runReminderTimer(server, 'daily', at)
    }

    it('should list my reminders newest first, paged, and nobody else’s', async () => {
      const me = (await person.ok('users', 'me')).user.id as string
      await queueFor(me, morning, beijing('2031-03-12T09:00:00'))
      await queueFor(me, new Date(morning.getTime() + 24 * HOUR), beijing('2031-03-13T09:00:00'))
      await queueFor('u-someone-else', morning, beijing('2031-03-12T15:00:00'))
      const page1 = await person.ok('reminders', 'mine', { pageSize: 1 })
      expect(page1).toMatchObject({ total: 2, page: 1, pageSize: 1 })
      expect(page1.items[0]).toMatchObject({ reason: 'activity_tomorrow', reasonLabel: '活动提醒', fields: { time: '2031年3月13日 09:00' } })
      const page2 = await person.ok('reminders', 'mine', { page: 2, pageSize: 1 })
      expect(page2.items[0].fields.time).toBe('2031年3月12日 09:00')
    })

    it('should give an unregistered caller an empty list and refuse bad input', async () => {
      const newcomer = await server.as('demo-newcomer')
      expect(await newcomer.ok('reminders', 'mine', {})).toEqual({ items: [], total: 0, page: 1, pageSize: 20 })
      for (const data of [{ pageSize: 51 }, { page: 0 }, { userId: 'u-member' }]) {
        const response = await person.call('reminders', 'mine', data)
        expect(response.ok ? null : response.error.code).toBe('VALIDATION_FAILED')
      }
      expect((await server.anonymous.call('reminders', 'mine', {})).ok).toBe(false)
    })

    it('should show staff their community’s outbox with statuses and names, filtered by status', async () => {
      await addPerson(server, 'u-ob-1', { name: '赵敏' })
      await queueFor('u-ob-1', morning, beijing('2031-03-12T09:00:00'))
      await runReminderTimer(server, 'deliver', new Date(morning.getTime() + 60 * 1000), countingMessenger(() => ({ status: 'no_consent' })))
      await queueFor('u-ob-1', new Date(morning.getTime() + 24 * HOUR), beijing('2031-03-13T09:00:00'))

      const all = await staff.ok('reminders', 'outbox', { communityId: 'c-xingfu' })
      expect(all.total).toBe(2)
      expect(all.items.map((item: { status: string }) => item.status)).toEqual(['queued', 'no_consent'])
      expect(all.items[0]).toMatchObject({ userId: 'u-ob-1', userName: '赵敏', attempts: 0, lastError: null })
      const refused = await staff.ok('reminders', 'outbox', { communityId: 'c-xingfu', status: 'no_consent' })
      expect(refused.items.map((item: { status: string }) => item.status)).toEqual(['no_consent'])
    })

    it('should refuse the outbox to residents, members and staff of another community, and bad input', async () => {
      for (const openid of ['demo-resident', 'demo-member', 'demo-staff-hexie']) {
        const response = await (await server.as(openid)).call('reminders', 'outbox', { communityId: 'c-xingfu' })
        expect(response.ok ? null : response.error.code).toBe('FORBIDDEN')
      }
      for (const data of [{}, { communityId: 'c-xingfu', status: 'lost' }, { communityId: 'c-xingfu', pageSize: 0 }]) {
        const response = await staff.call('reminders', 'outbox', data)
        expect(response.ok ? null : response.error.code).toBe('VALIDATION_FAILED')
      }
      const missing = await staff.call('reminders', 'outbox', { communityId: 'c-nowhere' })
      expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND')
    })
  })

  describe('npm run outbox', () => {
    // Each call starts a tsx process: seconds on a busy two-core machine, not a measure of anything.
    jest.setTimeout(30_000)
    const run = promisify(execFile)
    const outbox = (args: string[] = []) =>
      run(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../scripts/outbox.ts'), ...args], { env: { ...process.env, DATA_DIR: server.dataDir } })

    it('should print the queued reminders newest first, filtered by person and reason', async () => {
      await addActivityWithEnrollments(server, beijing('2031-03-12T09:00:00'), [['u-cli-1', 'enrolled'], ['u-cli-2', 'enrolled']])
      await addRedemption(server, 'u-cli-1', new Date(morning.getTime() + HOUR))
      await runReminderTimer(server, 'daily', morning)

      const { stdout } = await outbox()
      expect(stdout).toContain('3 reminder(s)')
      expect(stdout).toMatch(/queued\s+activity_tomorrow\s+u-cli-1/)
      expect(stdout).toContain('「洗衣皂」即将过期，请尽快领取')

      const filtered = await outbox(['--user', 'u-cli-1', '--reason', 'redemption_expiring'])
      expect(filtered.stdout).toContain('1 reminder(s)')
      expect(filtered.stdout).not.toContain('activity_tomorrow')
      expect(filtered.stdout).toContain('code=')
    })

    it('should refuse an unknown reason', async () => {
      await expect(outbox(['--reason', 'birthday'])).rejects.toMatchObject({ code: 2 })
    })
  })
})
