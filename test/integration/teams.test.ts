import { roleDocId } from '../../cloudfunctions/lib/users/model'
import { codeOf, startTestServer, type Client, type TestServer } from '../helpers/server'

const HOUR = 3600 * 1000
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * 服务队 and the 队长's scoped role, over the real local server: the 队长
 * runs their own team's activities (check-in code, attendance, 补录,
 * confirmation, waitlist) and nothing else — not another team's, not the
 * community's own, not staff actions.
 */
describe('teams and the 队长 (team_leader) scope', () => {
  let server: TestServer
  let staff: Client
  let leader: Client
  let otherLeader: Client
  let volunteer: Client
  let teamId: string
  let otherTeamId: string
  const people = ['lead-a', 'lead-b', 'vol-a', 'vol-b']

  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
    const now = new Date()
    for (const userId of people) {
      await server.db.collection('users').add({ _id: userId, openid: `openid-${userId}`, name: `队员${userId}`, phone: '13700000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
      await server.db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, 'member'), userId, role: 'member', scopeId: 'c-xingfu', grantedBy: 'test', createdAt: now })
    }
    ;[leader, otherLeader, volunteer] = await Promise.all(['lead-a', 'lead-b', 'vol-a'].map((userId) => server.as(`openid-${userId}`)))
    teamId = (await staff.ok('teams', 'create', { communityId: 'c-xingfu', name: '妈妈唠嗑队', description: '邻里陪伴', leaderId: 'lead-a' })).id
    otherTeamId = (await staff.ok('teams', 'create', { communityId: 'c-xingfu', name: '七色花', leaderId: 'lead-b' })).id
  }, 30_000)
  afterAll(() => server.stop())

  async function publish(team: string | null, startInMs = 30 * 60 * 1000): Promise<string> {
    const now = Date.now()
    const card = await staff.ok('activities', 'publish', {
      communityId: 'c-xingfu',
      teamId: team,
      type: '志愿服务',
      title: team ? '服务队活动' : '社区活动',
      place: '幸福广场',
      startAt: iso(now + startInMs),
      endAt: iso(now + startInMs + 2 * HOUR),
      signupDeadline: iso(now + startInMs - 60 * 1000),
      quota: 10,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 2,
    })
    return card.id
  }

  it('should refuse a second team with the same name in one community', async () => {
    expect(codeOf(await staff.call('teams', 'create', { communityId: 'c-xingfu', name: '七色花', leaderId: 'vol-a' }))).toBe('ALREADY_EXISTS')
  })

  it('should let a member apply and the 队长 approve, counting them once, and refuse another team\'s 队长', async () => {
    expect(await volunteer.ok('teams', 'apply', { teamId })).toEqual({ status: 'pending' })
    expect(codeOf(await volunteer.call('teams', 'apply', { teamId }))).toBe('ALREADY_EXISTS')
    expect(codeOf(await otherLeader.call('teams', 'review', { teamId, userId: 'vol-a', approve: true }))).toBe('FORBIDDEN')
    expect(codeOf(await volunteer.call('teams', 'review', { teamId, userId: 'vol-a', approve: true }))).toBe('FORBIDDEN')
    const asLeader = await leader.ok('teams', 'detail', { teamId })
    expect(asLeader.canManage).toBe(true)
    expect(asLeader.pending.map((row: any) => row.name)).toEqual(['队员vol-a'])
    const approvals = await Promise.all([1, 2, 3].map(() => leader.call('teams', 'review', { teamId, userId: 'vol-a', approve: true })))
    expect(approvals.map(codeOf)).toEqual(['OK', 'OK', 'OK'])
    const page = await server.anonymous.ok('teams', 'detail', { teamId })
    expect(page.memberCount).toBe(2)
    expect(page.canManage).toBe(false)
    expect(page.pending).toEqual([])
    for (const row of page.members) expect(row.name).toMatch(/\*/)
    expect((await volunteer.ok('teams', 'mine')).items.map((item: any) => [item.team.name, item.status])).toEqual([['妈妈唠嗑队', 'active']])
  })

  it('should let the 队长 run their own team\'s activity and nothing else', async () => {
    const own = await publish(teamId)
    const others = await publish(otherTeamId)
    const community = await publish(null)
    for (const activityId of [own, others, community]) await volunteer.ok('activities', 'signup', { activityId })

    // Allowed: the own team's activity.
    expect(codeOf(await leader.call('activities', 'checkinCode', { activityId: own }))).toBe('OK')
    expect(codeOf(await leader.call('activities', 'attendance', { activityId: own }))).toBe('OK')
    expect(codeOf(await leader.call('activities', 'waitlist', { activityId: own }))).toBe('OK')
    // Refused: another team's, and the community's own activity.
    for (const activityId of [others, community]) {
      for (const action of ['checkinCode', 'attendance', 'waitlist']) {
        expect([action, codeOf(await leader.call('activities', action, { activityId }))]).toEqual([action, 'FORBIDDEN'])
      }
      expect(codeOf(await leader.call('activities', 'confirm', { activityId, userIds: ['vol-a'] }))).toBe('FORBIDDEN')
    }
    // A 队长 holds no staff rights: publishing, cancelling, adjusting, the dashboard.
    expect(codeOf(await leader.call('activities', 'cancel', { activityId: own, reason: '队长取消' }))).toBe('FORBIDDEN')
    expect(codeOf(await leader.call('dashboard', 'volunteers', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    expect(codeOf(await leader.call('teams', 'addMember', { teamId, userId: 'vol-b' }))).toBe('FORBIDDEN')
    // Staff run any of them.
    expect(codeOf(await staff.call('activities', 'attendance', { activityId: others }))).toBe('OK')

    // The 队长 records and confirms attendance of their own activity.
    const now = Date.now()
    await server.db.collection('activities').doc(own).update({ startAt: new Date(now - 2 * HOUR), endAt: new Date(now - HOUR / 2), signupDeadline: new Date(now - 3 * HOUR) })
    await leader.ok('activities', 'recordAttendance', { activityId: own, userId: 'vol-a', checkInAt: iso(now - 2 * HOUR), checkOutAt: iso(now - HOUR), reason: '忘记签到' })
    const confirmed = await leader.ok('activities', 'confirm', { activityId: own, userIds: ['vol-a', 'lead-a'] })
    expect(confirmed.results).toEqual([
      { userId: 'vol-a', result: 'confirmed' },
      { userId: 'lead-a', result: 'self' },
    ])
    const page = await leader.ok('teams', 'detail', { teamId })
    expect(page.hoursThisYear).toBe(1)
    expect(page.activities.map((row: any) => row.id)).toContain(own)
    // The dashboard counts the same hours for this team, and none for the team without any.
    const figures = await staff.ok('dashboard', 'volunteers', { communityId: 'c-xingfu' })
    expect(figures.teams.find((row: any) => row.id === teamId).hoursThisYear).toBe(1)
    expect(figures.teams.find((row: any) => row.id === otherTeamId).hoursThisYear).toBe(0)
    const ledger = await leader.ok('teams', 'exportLedger', { teamId })
    expect(ledger.fileName).toContain('妈妈唠嗑队')
    expect(codeOf(await otherLeader.call('teams', 'exportLedger', { teamId }))).toBe('FORBIDDEN')
  }, 30_000)

  it('should move the 队长 grant with the team when staff change its leader', async () => {
    await staff.ok('teams', 'update', { teamId: otherTeamId, leaderId: 'vol-b' })
    const activityId = await publish(otherTeamId)
    expect(codeOf(await otherLeader.call('activities', 'attendance', { activityId }))).toBe('FORBIDDEN')
    const newLeader = await server.as('openid-vol-b')
    expect(codeOf(await newLeader.call('activities', 'attendance', { activityId }))).toBe('OK')
    const grants = await server.db.collection('roles').where({ scopeId: otherTeamId }).limit(10).get()
    expect(grants.data.map((grant: any) => grant.userId)).toEqual(['vol-b'])
  })

  it('should refuse a team from another community on an activity', async () => {
    const now = Date.now()
    const response = await staff.call('activities', 'publish', {
      communityId: 'c-xingfu',
      teamId: 'no-such-team',
      type: '志愿服务',
      title: '错误的队',
      place: '幸福广场',
      startAt: iso(now + 3 * HOUR),
      endAt: iso(now + 4 * HOUR),
      signupDeadline: iso(now + 2 * HOUR),
      quota: 5,
      pointsRule: { kind: 'fixed', points: 5 },
      maxHours: 1,
    })
    expect(codeOf(response)).toBe('NOT_FOUND')
  })
})
