import { codeOf, startTestServer, type Client, type TestServer } from '../helpers/server'

describe('星级, leaderboards and honours over the real local server', () => {
  let server: TestServer
  let member: Client
  let staff: Client
  beforeAll(async () => {
    server = await startTestServer()
    member = await server.as('demo-member')
    staff = await server.as('demo-staff')
  }, 30_000)
  afterAll(() => server.stop())

  const setHours = async (hours: number) => {
    const accounts = await server.db.collection('accounts').where({ userId: 'u-member' }).limit(10).get()
    for (const account of accounts.data) await server.db.collection('accounts').doc(account._id).update({ hoursTotal: 0 })
    await server.db.collection('accounts').doc('c-xingfu:u-member').set({ communityId: 'c-xingfu', userId: 'u-member', available: 0, held: 0, totalEarned: 0, totalSpent: 0, hoursTotal: hours, hoursByYear: {}, createdAt: new Date(), updatedAt: new Date() })
  }

  it('should show no star at 99.5 h and one star at 100 h on 我的', async () => {
    await setHours(99.5)
    expect(await member.ok('honours', 'mine')).toMatchObject({ hours: 99.5, star: 0, nextStarHours: 100 })
    await setHours(100)
    expect(await member.ok('honours', 'mine')).toMatchObject({ hours: 100, star: 1, starLabel: '一星志愿者', nextStarHours: 300 })
    const distribution = await staff.ok('dashboard', 'volunteers', { communityId: 'c-xingfu' })
    expect(distribution.stars.find((row: any) => row.star === 1).count).toBeGreaterThanOrEqual(1)
  })

  it('should rank this month\'s hours with masked names, and leave off a person who opts out', async () => {
    const now = new Date()
    await server.db.collection('users').add({ _id: 'u-board', openid: 'openid-board', name: '李志明', phone: '13700000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
    await server.db.collection('enrollments').add({ _id: 'a-board:u-board', activityId: 'a-board', communityId: 'c-xingfu', userId: 'u-board', teamId: null, status: 'confirmed', checkInAt: now, checkOutAt: now, attendanceSource: 'manual', hours: 500, points: 0, confirmedBy: 'u-staff', confirmedAt: now, createdAt: now, updatedAt: now })
    const board = await server.anonymous.ok('honours', 'leaderboard', { scope: 'community', communityId: 'c-xingfu', period: 'month' })
    expect(board.rows[0]).toEqual({ rank: 1, name: '李*明', hours: 500, isMe: false })
    const district = await server.anonymous.ok('honours', 'leaderboard', { scope: 'district', communityId: 'c-xingfu', period: 'year' })
    expect(district.rows[0].name).toBe('李*明')
    const board2 = await server.as('openid-board')
    expect((await board2.ok('honours', 'leaderboard', { scope: 'community', communityId: 'c-xingfu', period: 'month' })).rows[0]).toMatchObject({ name: '李志明', isMe: true })
    await board2.ok('honours', 'setPreferences', { leaderboardOptOut: true })
    const after = await server.anonymous.ok('honours', 'leaderboard', { scope: 'community', communityId: 'c-xingfu', period: 'month' })
    expect(after.rows.map((row: any) => row.name)).not.toContain('李*明')
  })

  it('should let staff name a 月度之星 with a citation, shown masked on the roll', async () => {
    const month = (await server.anonymous.ok('honours', 'leaderboard', { scope: 'community', communityId: 'c-xingfu', period: 'month' })).label
    await staff.ok('honours', 'name', { communityId: 'c-xingfu', kind: 'month', period: month, userId: 'u-member', citation: '坚持每周陪伴独居老人' })
    expect(codeOf(await member.call('honours', 'name', { communityId: 'c-xingfu', kind: 'month', period: month, userId: 'u-member', citation: '自己评自己' }))).toBe('FORBIDDEN')
    expect(codeOf(await staff.call('honours', 'name', { communityId: 'c-xingfu', kind: 'month', period: '2100-12', userId: 'u-member', citation: '未来的月份' }))).toBe('VALIDATION_FAILED')
    const roll = await server.anonymous.ok('honours', 'list', { communityId: 'c-xingfu' })
    expect(roll.items[0]).toMatchObject({ label: '月度之星', name: '张*', citation: '坚持每周陪伴独居老人' })
    const mine = await member.ok('honours', 'mine')
    expect(mine.badges.find((badge: any) => badge.key === 'month_star').earned).toBe(true)
  })
})
