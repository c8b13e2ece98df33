import type { InviteDoc } from '../../cloudfunctions/lib/units/model'
import { inviteId } from '../../cloudfunctions/lib/units/service'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const collections = ['units', 'agreements', 'invites', 'roles', 'audit']

const newUnit = {
  communityId: 'c-xingfu',
  name: '和平中学',
  kind: '学校',
  partyOrg: '和平中学党总支',
  contact: { name: '赵老师', phone: '13900000001' },
  address: '和平街道学府路 2 号',
  signedAt: '2026-01-10T00:00:00.000Z',
}

describe('units: register, pair, suspend', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let resident: Client
  let liaison: Client

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie, resident, liaison] = await Promise.all(
      ['demo-staff', 'demo-staff-hexie', 'demo-resident', 'demo-liaison'].map((openid) => server.as(openid)),
    )
  })
  afterAll(() => server.stop())

  it('should list the units paired with a community without their contacts', async () => {
    const units = await server.anonymous.call('units', 'list', { communityId: 'c-xingfu' })
    expect(units.ok).toBe(true)
    const cards = (units as { data: Array<Record<string, unknown>> }).data
    expect(cards.map((card) => card.id).sort()).toEqual(['unit-power', 'unit-school'])
    expect(JSON.stringify(cards)).not.toContain('1380000')
  })

  it('should show the contact only to staff of a paired community and the unit liaison', async () => {
    expect((await server.anonymous.ok('units', 'detail', { unitId: 'unit-school' })).contact).toBeNull()
    expect((await resident.ok('units', 'detail', { unitId: 'unit-school' })).contact).toBeNull()
    expect((await staffHexie.ok('units', 'detail', { unitId: 'unit-school' })).contact).toBeNull()
    expect((await staff.ok('units', 'detail', { unitId: 'unit-school' })).contact).toEqual({ name: '陈刚', phone: '13800000004' })
    expect((await liaison.ok('units', 'detail', { unitId: 'unit-school' })).contact).toMatchObject({ name: '陈刚' })
    expect((await liaison.ok('units', 'detail', { unitId: 'unit-power' })).contact).toBeNull()
  })

  it('should register a unit paired with the staff community', async () => {
    const unit = await staff.ok('units', 'register', newUnit)
    expect(unit).toMatchObject({ name: '和平中学', status: 'active', communityIds: ['c-xingfu'] })
    expect(unit.agreements).toEqual([expect.objectContaining({ communityId: 'c-xingfu', status: 'active', communityName: '幸福社区' })])
    const listed = await resident.ok('units', 'list', {})
    expect(listed.map((card: { id: string }) => card.id)).toContain(unit.id)
  })

  it.each([
    ['an unknown kind', { ...newUnit, kind: '公司' }],
    ['a bad phone', { ...newUnit, contact: { name: '赵', phone: '12345' } }],
    ['an empty name', { ...newUnit, name: '  ' }],
    ['an oversized name', { ...newUnit, name: '校'.repeat(41) }],
    ['an unknown field', { ...newUnit, status: 'active' }],
    ['a date that is not one', { ...newUnit, signedAt: 'soon' }],
  ])('should refuse %s with VALIDATION_FAILED and change nothing', async (_label, data) => {
    const before = await countAll(server, collections)
    const response = await staff.call('units', 'register', data)
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await countAll(server, collections)).toEqual(before)
  })

  it('should refuse register to a resident, a liaison and staff of another community', async () => {
    const before = await countAll(server, collections)
    expect(await resident.call('units', 'register', newUnit)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await liaison.call('units', 'register', newUnit)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staffHexie.call('units', 'register', newUnit)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await countAll(server, collections)).toEqual(before)
  })

  it('should pair a unit once, and refuse staff of a community pairing for another', async () => {
    expect(await staffHexie.call('units', 'pair', { unitId: 'unit-school', communityId: 'c-xingfu', signedAt: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const paired = await staffHexie.ok('units', 'pair', { unitId: 'unit-school', communityId: 'c-hexie', signedAt: '2026-02-01' })
    expect(paired.communityIds.sort()).toEqual(['c-hexie', 'c-xingfu'])
    expect(await staffHexie.call('units', 'pair', { unitId: 'unit-school', communityId: 'c-hexie', signedAt: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    })
    expect(await staff.call('units', 'pair', { unitId: 'unit-nope', communityId: 'c-xingfu', signedAt: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('should pair once when the same pairing races', async () => {
    const registered = await staff.ok('units', 'register', { ...newUnit, name: '和平医院' })
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => staffHexie.call('units', 'pair', { unitId: registered.id, communityId: 'c-hexie', signedAt: '2026-02-01' })),
    )
    expect(responses.filter((response) => response.ok)).toHaveLength(1)
    expect(responses.filter((response) => !response.ok).map((response) => (response as { error: { code: string } }).error.code)).toEqual(
      Array(9).fill('ALREADY_EXISTS'),
    )
    const unit = (await server.db.collection('units').doc(registered.id).get()).data[0] as unknown as { communityIds: string[] }
    expect(unit.communityIds.sort()).toEqual(['c-hexie', 'c-xingfu'])
  })

  it('should suspend a pairing: the liaison loses the role there, the history stays, and reinstating brings it back', async () => {
    const roleBefore = await liaison.ok('users', 'me', {})
    expect(roleBefore.roles.map((role: { role: string }) => role.role)).toContain('liaison')
    expect(await staffHexie.call('units', 'suspend', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '协议到期' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const suspended = await staff.ok('units', 'suspend', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '协议到期' })
    expect(suspended).toMatchObject({ status: 'active', communityIds: ['c-hexie'] })
    expect(await staff.call('units', 'suspend', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '再次' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    })
    const publicList = await server.anonymous.ok('units', 'list', { communityId: 'c-xingfu' })
    expect(publicList.map((card: { id: string }) => card.id)).not.toContain('unit-power')
    const staffList = await staff.ok('units', 'list', { communityId: 'c-xingfu' })
    expect(staffList.find((card: { id: string }) => card.id === 'unit-power')).toMatchObject({ agreement: { status: 'suspended' } })

    const reinstated = await staff.ok('units', 'reinstate', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '续签' })
    expect(reinstated.communityIds.sort()).toEqual(['c-hexie', 'c-xingfu'])
    expect(await staff.call('units', 'reinstate', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '续签' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    })
  })

  it('should suspend the unit itself when its last agreement is suspended, so its liaison acts nowhere', async () => {
    const suspended = await staff.ok('units', 'suspend', { unitId: 'unit-school', communityId: 'c-xingfu', reason: '暂停' })
    expect(suspended.status).toBe('active') // still paired with c-hexie from the pairing test
    const last = await staffHexie.ok('units', 'suspend', { unitId: 'unit-school', communityId: 'c-hexie', reason: '暂停' })
    expect(last).toMatchObject({ status: 'suspended', communityIds: [] })
    const invite = await staff.call('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu' })
    expect(invite).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    await staff.ok('units', 'reinstate', { unitId: 'unit-school', communityId: 'c-xingfu', reason: '恢复' })
    expect((await server.db.collection('units').doc('unit-school').get()).data[0]).toMatchObject({ status: 'active', communityIds: ['c-xingfu'] })
  })
})

describe('units: invite codes', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie] = await Promise.all([server.as('demo-staff'), server.as('demo-staff-hexie')])
  })
  afterAll(() => server.stop())

  const registerPerson = async (openid: string, name: string, phone: string): Promise<Client> => {
    const client = await server.as(openid)
    await client.ok('users', 'register', { name, phone, communityId: 'c-xingfu' })
    return client
  }

  it('should give an 8-character code, store only its hash, and make the redeemer a liaison of the unit', async () => {
    const { code, expiresAt } = await staff.ok('units', 'createInvite', { unitId: 'unit-power', communityId: 'c-xingfu' })
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/)
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000)
    const stored = await server.db.collection('invites').limit(100).get()
    expect(JSON.stringify(stored.data)).not.toContain(code)

    const newcomer = await registerPerson('invitee-1', '周杰', '13900000011')
    expect(await newcomer.ok('units', 'join', { code: code.toLowerCase() })).toEqual({ unitId: 'unit-power', unitName: '国网和平供电所' })
    const me = await newcomer.ok('users', 'me', {})
    expect(me.roles).toEqual([expect.objectContaining({ role: 'liaison', scopeId: 'unit-power' })])
    expect((await newcomer.ok('units', 'detail', { unitId: 'unit-power' })).contact).not.toBeNull()
    expect(await (await registerPerson('invitee-2', '吴芳', '13900000012')).call('units', 'join', { code })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID' },
    })
  })

  it('should let exactly one of 20 people racing with one code join', async () => {
    const { code } = await staff.ok('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu', days: 1 })
    const people = await Promise.all(Array.from({ length: 20 }, (_, n) => registerPerson(`racer-${n}`, `赛跑者${n}`, `139000001${String(n).padStart(2, '0')}`)))
    const rolesBefore = (await countAll(server, ['roles'])).roles
    const responses = await Promise.all(people.map((person) => person.call('units', 'join', { code })))
    expect(responses.filter((response) => response.ok)).toHaveLength(1)
    expect(new Set(responses.filter((response) => !response.ok).map((response) => (response as { error: { code: string } }).error.code))).toEqual(
      new Set(['CODE_INVALID']),
    )
    expect((await countAll(server, ['roles'])).roles).toBe(rolesBefore + 1)
    const invite = (await server.db.collection<InviteDoc>('invites').doc(inviteId(code)).get()).data[0]
    expect(invite?.usedBy).not.toBeNull()
  })

  it('should refuse an expired code and change nothing', async () => {
    const { code } = await staff.ok('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu', days: 1 })
    await server.db.collection('invites').doc(inviteId(code)).update({ expiresAt: new Date(Date.now() - 1000) })
    const person = await registerPerson('late-1', '迟到', '13900000201')
    const before = await countAll(server, ['roles', 'invites'])
    expect(await person.call('units', 'join', { code })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } })
    expect(await person.call('units', 'join', { code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } })
    expect(await countAll(server, ['roles', 'invites'])).toEqual(before)
  })

  it('should lock a person out after 10 wrong codes, even for a good one, and leave others free', async () => {
    const guesser = await registerPerson('guesser-1', '猜码', '13900000401')
    for (let n = 0; n < 10; n += 1) {
      expect(await guesser.call('units', 'join', { code: `WRONG${String(n).padStart(3, 'A')}`.slice(0, 8) })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } })
    }
    const { code } = await staff.ok('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu' })
    expect(await guesser.call('units', 'join', { code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    const other = await registerPerson('guesser-2', '别人', '13900000402')
    expect(await other.ok('units', 'join', { code })).toMatchObject({ unitId: 'unit-school' })
  })

  it.each([
    ['a short code', { code: 'ABC' }],
    ['a code with symbols', { code: 'ABCD-EFG' }],
    ['no code', {}],
    ['an extra field', { code: 'ABCDEFGH', unitId: 'unit-school' }],
  ])('should refuse %s with VALIDATION_FAILED', async (_label, data) => {
    const person = await server.as('demo-resident')
    const before = await countAll(server, ['roles', 'invites'])
    expect(await person.call('units', 'join', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await countAll(server, ['roles', 'invites'])).toEqual(before)
  })

  it('should refuse invites to staff of another community, to non-staff, and for unpaired units', async () => {
    const before = await countAll(server, ['invites'])
    const liaison = await server.as('demo-liaison')
    expect(await staffHexie.call('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await liaison.call('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await staff.call('units', 'createInvite', { unitId: 'unit-tax', communityId: 'c-xingfu' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await staff.call('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu', days: 31 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    expect(await countAll(server, ['invites'])).toEqual(before)
  })

  it('should refuse an unregistered caller and a second join of the same unit', async () => {
    const { code } = await staff.ok('units', 'createInvite', { unitId: 'unit-school', communityId: 'c-xingfu' })
    expect(await (await server.as('demo-newcomer')).call('units', 'join', { code })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } })
    const liaison = await server.as('demo-liaison')
    expect(await liaison.call('units', 'join', { code })).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } })
    const invite = (await server.db.collection<InviteDoc>('invites').doc(inviteId(code)).get()).data[0]
    expect(invite?.usedBy).toBeNull()
  })
})
