import { maskName } from '../../cloudfunctions/lib/shared/privacy'
import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, errorCode, tally } from './points-fixtures'
import { addUnitLiaison, addWish, wishDoc } from './wishes-fixtures'

/** The wisher hears of a claim and a fulfilment once, from whichever request won. */
describe('reminders: wish hooks', () => {
  let server: TestServer
  let member: Client
  beforeAll(async () => {
    server = await startTestServer()
    member = await server.as('demo-member')
  })
  afterAll(() => server.stop())

  const remindersOf = async (wishId: string): Promise<ReminderDoc[]> =>
    (await server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-resident' }).limit(1000).get()).data.filter((reminder) => reminder.subjectId.startsWith(`${wishId}:`))

  it('should queue one wish_claimed reminder for the wisher when 30 claims race', async () => {
    const wishId = await addWish(server, 'open')
    const claimers: Array<{ client: Client; asUnit: boolean; name: string }> = []
    for (let i = 0; i < 30; i += 1) {
      claimers.push(
        i % 3 === 0
          ? { client: await addUnitLiaison(server, `u-rh-l${i}`, `unit-rh-${i}`, `共建单位 ${i}`), asUnit: true, name: `共建单位 ${i}` }
          : { client: await addPerson(server, `u-rh-m${i}`, { name: `认领人${i}` }), asUnit: false, name: `认领人${i}` },
      )
    }
    const responses = await Promise.all(claimers.map(({ client, asUnit }) => client.call('wishes', 'claim', { wishId, asUnit })))
    expect(tally(responses.map(errorCode))).toEqual({ ok: 1, ALREADY_CLAIMED: 29 })

    const wish = await wishDoc(server, wishId)
    const reminders = await remindersOf(wishId)
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toMatchObject({ reason: 'wish_claimed', subjectId: wish.claimId, communityId: 'c-xingfu', status: 'queued', page: `/packages/wishes/pages/detail/index?id=${wishId}` })
    const winner = claimers[responses.findIndex((response) => response.ok)]
    // A person's name is masked as on the wall (认领人12 → 认***2), whoever wins the race; a unit's is shown whole.
    expect(reminders[0].fields.claimer).toBe(winner.asUnit ? winner.name : maskName(winner.name))
    if (!winner.asUnit) expect(reminders[0].fields.claimer).not.toContain('领人')
  })

  it('should queue one wish_fulfilled reminder when the claimer fulfils, even if fulfil is sent twice at once', async () => {
    const wishId = await addWish(server, 'claimed')
    const responses = await Promise.all([member.call('wishes', 'fulfil', { wishId, note: '已经送到' }), member.call('wishes', 'fulfil', { wishId, note: '已经送到' })])
    expect(responses.filter((response) => response.ok)).toHaveLength(1)
    const reminders = await remindersOf(wishId)
    expect(reminders.map((reminder) => reminder.reason)).toEqual(['wish_fulfilled'])
    expect(reminders[0]).toMatchObject({ subjectId: `${wishId}:1`, fields: { note: '已经送到' }, title: expect.stringContaining('请确认') })
  })

  it('should tell the wisher again when a released wish is claimed a second time the same day', async () => {
    const wishId = await addWish(server, 'open')
    await member.ok('wishes', 'claim', { wishId })
    await member.ok('wishes', 'release', { wishId, reason: '临时有事' })
    const other = await addPerson(server, 'u-rh-second')
    await other.ok('wishes', 'claim', { wishId })
    expect((await remindersOf(wishId)).map((reminder) => reminder.subjectId).sort()).toEqual([`${wishId}:1`, `${wishId}:2`])
  })

  it('should queue nothing for a wish staff posted for a neighbour without a phone, and nothing for a refused claim', async () => {
    const noWisher = await addWish(server, 'open', { wisherId: null })
    await member.ok('wishes', 'claim', { wishId: noWisher })
    const pending = await addWish(server, 'pending')
    expect(errorCode(await member.call('wishes', 'claim', { wishId: pending }))).toBe('NOT_CLAIMABLE')
    const all = (await server.db.collection<ReminderDoc>('reminders').limit(1000).get()).data
    expect(all.filter((reminder) => reminder.subjectId.startsWith(`${noWisher}:`) || reminder.subjectId.startsWith(`${pending}:`))).toEqual([])
  })

  it('should tell the wisher once that staff approved her wish, and why when they did not', async () => {
    const staff = await server.as('demo-staff')
    const approved = await addWish(server, 'pending')
    const rejected = await addWish(server, 'pending')
    const reviews = await Promise.all([
      staff.call('wishes', 'review', { wishId: approved, decision: 'approve' }),
      staff.call('wishes', 'review', { wishId: approved, decision: 'approve' }),
      staff.call('wishes', 'review', { wishId: rejected, decision: 'reject', reason: '不属于微心愿范围' }),
    ])
    expect(reviews.filter((response) => response.ok)).toHaveLength(2)
    const mine = (await server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-resident', reason: 'wish_reviewed' }).limit(1000).get()).data
    const about = (wishId: string) => mine.filter((reminder) => reminder.subjectId === wishId)
    expect(about(approved)).toHaveLength(1)
    expect(about(approved)[0]).toMatchObject({ communityId: 'c-xingfu', fields: { result: '已通过' }, title: expect.stringContaining('已通过审核'), page: `/packages/wishes/pages/detail/index?id=${approved}` })
    expect(about(rejected)).toHaveLength(1)
    expect(about(rejected)[0]).toMatchObject({ fields: { result: '未通过' }, title: expect.stringContaining('不属于微心愿范围') })
    // It is in her 我的消息, whatever WeChat does with it.
    const resident = await server.as('demo-resident')
    const messages = await resident.ok('reminders', 'mine', {})
    expect(messages.items.map((item: { reason: string; reasonLabel: string }) => [item.reason, item.reasonLabel])).toContainEqual(['wish_reviewed', '心愿审核结果'])
  })
})
