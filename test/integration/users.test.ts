import { countAll, startTestServer, type TestServer } from '../helpers/server'

describe('users: registration, profile and roles', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it("should describe a demo resident's identity, community and roles", async () => {
    const resident = await server.as('demo-resident')
    const me = await resident.ok('users', 'me', {})
    expect(me.user).toMatchObject({ id: 'u-resident', name: '刘秀英', communityId: 'c-xingfu' })
    expect(me.community).toEqual({ id: 'c-xingfu', name: '幸福社区', districtId: 'd-heping', districtName: '和平街道' })
    expect(me.roles).toEqual([])
    const staff = await server.as('demo-staff')
    const staffMe = await staff.ok('users', 'me', {})
    expect(staffMe.roles.map((role: { role: string }) => role.role).sort()).toEqual(['member', 'staff'])
  })

  it('should register a new person exactly once even when registration races', async () => {
    const racer = await server.as('racer-openid')
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => racer.call('users', 'register', { name: '赛跑', phone: '13700000000', communityId: 'c-xingfu' })),
    )
    const succeeded = attempts.filter((response) => response.ok)
    expect(succeeded).toHaveLength(1)
    expect(attempts.filter((response) => !response.ok).map((response) => !response.ok && response.error.code)).toEqual(
      Array(19).fill('ALREADY_EXISTS'),
    )
    expect((await server.db.collection('users').where({ openid: 'racer-openid' }).count()).total).toBe(1)
  })

  it.each([
    ['a bad phone number', { name: '李四', phone: '12345', communityId: 'c-xingfu' }],
    ['an empty name', { name: '   ', phone: '13912345678', communityId: 'c-xingfu' }],
    ['an oversized name', { name: '长'.repeat(21), phone: '13912345678', communityId: 'c-xingfu' }],
    ['a wrong type', { name: '李四', phone: 13912345678, communityId: 'c-xingfu' }],
    ['an unknown field', { name: '李四', phone: '13912345678', communityId: 'c-xingfu', role: 'staff' }],
  ])('should refuse registration with %s and store nothing', async (_case, data) => {
    const before = await countAll(server, ['users'])
    const newcomer = await server.as('bad-input-openid')
    const response = await newcomer.call('users', 'register', data)
    expect(response.ok).toBe(false)
    expect(!response.ok && response.error.code).toBe('VALIDATION_FAILED')
    expect(!response.ok && response.error.message).toMatch(/^提交的内容有误/)
    expect(await countAll(server, ['users'])).toEqual(before)
  })

  it('should refuse registration into a community that does not exist', async () => {
    const newcomer = await server.as('lost-openid')
    const response = await newcomer.call('users', 'register', { name: '迷路', phone: '13912345678', communityId: 'c-nowhere' })
    expect(!response.ok && response.error.code).toBe('NOT_FOUND')
  })

  it('should let a resident update their own profile and nobody else’s', async () => {
    const resident = await server.as('demo-resident')
    const updated = await resident.ok('users', 'updateProfile', { building: '3 栋 2 单元 102' })
    expect(updated.user.building).toBe('3 栋 2 单元 102')
    const smuggled = await resident.call('users', 'updateProfile', { userId: 'u-member', name: '改名' })
    expect(!smuggled.ok && smuggled.error.code).toBe('VALIDATION_FAILED')
  })

  it('should let staff grant and revoke the member role, with an audit trail', async () => {
    const staff = await server.as('demo-staff')
    const granted = await staff.ok('users', 'grantRole', { userId: 'u-resident', communityId: 'c-xingfu', role: 'member', reason: '已核实党员身份' })
    expect(granted).toEqual({ changed: true })
    expect(await staff.ok('users', 'grantRole', { userId: 'u-resident', communityId: 'c-xingfu', role: 'member' })).toEqual({ changed: false })
    const resident = await server.as('demo-resident')
    expect((await resident.ok('users', 'me', {})).roles).toEqual([{ role: 'member', scopeId: 'c-xingfu', scopeName: '幸福社区' }])

    const audit = await server.db.collection('audit').where({ targetId: 'u-resident', kind: 'role.grant' }).limit(10).get()
    expect(audit.data).toHaveLength(1)
    expect(audit.data[0]).toMatchObject({ actorId: 'u-staff', reason: '已核实党员身份', communityId: 'c-xingfu' })

    expect(await staff.ok('users', 'revokeRole', { userId: 'u-resident', communityId: 'c-xingfu', role: 'member' })).toEqual({ changed: true })
    expect((await resident.ok('users', 'me', {})).roles).toEqual([])
  })

  it('should forbid a resident or a member from granting roles', async () => {
    for (const openid of ['demo-resident', 'demo-member']) {
      const caller = await server.as(openid)
      const response = await caller.call('users', 'grantRole', { userId: 'u-resident', communityId: 'c-xingfu', role: 'staff' })
      expect(!response.ok && response.error.code).toBe('FORBIDDEN')
    }
    expect((await server.db.collection('roles').where({ userId: 'u-resident' }).count()).total).toBe(0)
  })

  it("should forbid staff of one community from acting in another's", async () => {
    const hexieStaff = await server.as('demo-staff-hexie')
    const response = await hexieStaff.call('users', 'grantRole', { userId: 'u-resident', communityId: 'c-xingfu', role: 'member' })
    expect(!response.ok && response.error.code).toBe('FORBIDDEN')
    const list = await hexieStaff.call('users', 'list', { communityId: 'c-xingfu' })
    expect(!list.ok && list.error.code).toBe('FORBIDDEN')
  })

  it('should let a district admin act as staff in every community of the district', async () => {
    const admin = await server.as('demo-district-admin')
    expect(await admin.ok('users', 'grantRole', { userId: 'u-staff-hexie', communityId: 'c-xingfu', role: 'member' })).toEqual({ changed: true })
    const hexie = await admin.ok('users', 'list', { communityId: 'c-hexie' })
    expect(hexie.items.map((row: { id: string }) => row.id)).toContain('u-staff-hexie')
  })

  it('should refuse to let staff revoke their own role', async () => {
    const staff = await server.as('demo-staff')
    const response = await staff.call('users', 'revokeRole', { userId: 'u-staff', communityId: 'c-xingfu', role: 'staff' })
    expect(!response.ok && response.error.code).toBe('FORBIDDEN')
    expect((await server.db.collection('roles').doc('c-xingfu:u-staff:staff').get()).data).toHaveLength(1)
  })

  it('should show phone numbers only to staff of the same community', async () => {
    const staff = await server.as('demo-staff')
    const list = await staff.ok('users', 'list', { communityId: 'c-xingfu', role: 'member' })
    expect(list.items.find((row: { id: string }) => row.id === 'u-member')).toMatchObject({ name: '张伟', phone: '13800000002' })

    expect(await staff.ok('users', 'profile', { userId: 'u-resident' })).toMatchObject({ name: '刘秀英', phone: '13800000001' })
    const member = await server.as('demo-member')
    const seenByMember = await member.ok('users', 'profile', { userId: 'u-resident' })
    expect(seenByMember).toEqual({ id: 'u-resident', name: '刘*英' })
    const hexieStaff = await server.as('demo-staff-hexie')
    expect(await hexieStaff.ok('users', 'profile', { userId: 'u-resident' })).toEqual({ id: 'u-resident', name: '刘*英' })
  })

  it('should find people by name for staff', async () => {
    const staff = await server.as('demo-staff')
    const found = await staff.ok('users', 'list', { communityId: 'c-xingfu', keyword: '张' })
    expect(found.items.map((row: { name: string }) => row.name)).toEqual(['张伟'])
    const regexChars = await staff.ok('users', 'list', { communityId: 'c-xingfu', keyword: '.*' })
    expect(regexChars.items).toEqual([])
  })
})

describe('communities and public browsing', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should list the district with its two communities to anyone', async () => {
    const directory = await server.anonymous.ok('communities', 'list', {})
    expect(directory.districts).toEqual([
      { id: 'd-heping', name: '和平街道', communities: [{ id: 'c-hexie', name: '和谐社区' }, { id: 'c-xingfu', name: '幸福社区' }] },
    ])
  })

  it("should show a resident their community's home with figures counted from the data", async () => {
    const resident = await server.as('demo-resident')
    const home = await resident.ok('communities', 'overview', {})
    expect(home.community).toMatchObject({ id: 'c-xingfu', name: '幸福社区', districtName: '和平街道' })
    const published = await server.db.collection('activities').where({ communityId: 'c-xingfu', status: 'published' }).count()
    const open = await server.db.collection('wishes').where({ communityId: 'c-xingfu', status: 'open' }).count()
    const members = await server.db.collection('roles').where({ scopeId: 'c-xingfu', role: 'member' }).count()
    expect(members.total).toBeGreaterThanOrEqual(2)
    expect(home.stats).toEqual({ activities: published.total, members: members.total, openWishes: open.total, units: 2 })
    const starts = home.upcomingActivities.map((activity: { startAt: string }) => Date.parse(activity.startAt))
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(starts.every((start: number) => start >= Date.now() - 60_000)).toBe(true)
    expect(home.upcomingActivities.length).toBeGreaterThan(0)
  })

  it('should ask an anonymous visitor to pick a community', async () => {
    const response = await server.anonymous.call('communities', 'overview', {})
    expect(!response.ok && response.error.code).toBe('VALIDATION_FAILED')
    const picked = await server.anonymous.ok('communities', 'overview', { communityId: 'c-hexie' })
    expect(picked.community.name).toBe('和谐社区')
  })

  it('should never put a beneficiary’s phone, address or full name in public wish views', async () => {
    const wishes = await server.db.collection<{ _id: string; beneficiary: { name: string; phone: string; address: string } }>('wishes').limit(100).get()
    const secrets = wishes.data.flatMap((wish) => [wish.beneficiary.phone, wish.beneficiary.address, wish.beneficiary.name]).filter(Boolean)
    const wall = await server.anonymous.call('wishes', 'wall', { communityId: 'c-xingfu' })
    const home = await server.anonymous.call('communities', 'overview', { communityId: 'c-xingfu' })
    for (const response of [wall, home]) {
      const text = JSON.stringify(response)
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    expect(wall.ok && (wall.data as { items: Array<{ wisherMasked: string }> }).items.map((item) => item.wisherMasked)).toContain('欧**华')
  })

  it('should keep pending wishes off the wall and page the rest', async () => {
    const first = await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 2 })
    expect(first.items).toHaveLength(2)
    expect(first.total).toBe(4)
    const second = await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', pageSize: 2, page: 2 })
    const ids = [...first.items, ...second.items].map((item: { id: string }) => item.id)
    expect(new Set(ids).size).toBe(4)
    expect(ids).not.toContain('w-pending')
  })

  it('should filter activities by type and refuse an unknown type', async () => {
    const parties = await server.anonymous.ok('activities', 'list', { communityId: 'c-xingfu', type: '主题党日' })
    expect(parties.items.map((activity: { type: string }) => activity.type)).toEqual(['主题党日'])
    const response = await server.anonymous.call('activities', 'list', { communityId: 'c-xingfu', type: '打麻将' })
    expect(!response.ok && response.error.code).toBe('VALIDATION_FAILED')
  })
})

describe('validation messages', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should name the field in Chinese and keep its code name in details', async () => {
    const newcomer = await server.as('label-openid')
    const response = await newcomer.call('users', 'register', { name: '李四', phone: '123', communityId: 'c-xingfu' })
    expect(response.ok).toBe(false)
    if (response.ok) return
    expect(response.error.message).toBe('提交的内容有误：手机号 请输入 11 位手机号')
    expect(response.error.details).toEqual({ issues: [{ path: 'phone', message: '请输入 11 位手机号' }] })
  })
})
