import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import { randomUUID } from 'node:crypto'
import type { CommitmentDoc, CommitmentStatus } from '../../cloudfunctions/lib/units/model'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const YEAR = chinaYear(new Date())
const future = new Date(Date.now() + 30 * 24 * 3600 * 1000)

const proposal = {
  unitId: 'unit-school',
  communityId: 'c-xingfu',
  year: YEAR,
  title: '开放学校操场',
  content: '周末向社区居民开放操场',
  category: '场地共享',
  deadline: future.toISOString(),
  measure: '全年开放不少于 40 个周末',
}

type Who = 'staff' | 'liaison' | 'otherLiaison' | 'resident' | 'staffHexie'
type Act = 'agreeCommitment' | 'progressCommitment' | 'completeCommitment' | 'verifyCommitment' | 'withdrawCommitment'

/**
 * The lifecycle as the issue states it, written out by hand: which states each
 * action leaves from, where it goes, and who may take it. Everything else is a
 * typed refusal: FORBIDDEN for the wrong person (checked first), INVALID_STATE
 * for the wrong state.
 */
const lifecycle: Record<Act, { from: CommitmentStatus[]; to: CommitmentStatus; who: Who[]; data: Record<string, unknown> }> = {
  agreeCommitment: { from: ['proposed'], to: 'agreed', who: ['staff'], data: {} },
  progressCommitment: { from: ['agreed', 'in_progress'], to: 'in_progress', who: ['liaison'], data: { note: '已开放 3 个周末' } },
  completeCommitment: { from: ['in_progress'], to: 'completed', who: ['liaison'], data: { note: '全年开放 42 个周末', photos: [] } },
  verifyCommitment: { from: ['completed'], to: 'verified', who: ['staff'], data: {} },
  withdrawCommitment: { from: ['proposed', 'agreed', 'in_progress'], to: 'withdrawn', who: ['staff', 'liaison'], data: { reason: '场地改建' } },
}
const states: CommitmentStatus[] = ['proposed', 'agreed', 'in_progress', 'completed', 'verified', 'withdrawn']
const everyone: Who[] = ['staff', 'liaison', 'otherLiaison', 'resident', 'staffHexie']

const rows = (Object.keys(lifecycle) as Act[]).flatMap((act) =>
  states.flatMap((state) =>
    everyone.map((who) => {
      const rule = lifecycle[act]
      const expected = !rule.who.includes(who) ? 'FORBIDDEN' : rule.from.includes(state) ? rule.to : 'INVALID_STATE'
      return { act, state, who, expected }
    }),
  ),
)

describe('units: commitments', () => {
  let server: TestServer
  const clients = {} as Record<Who, Client>

  beforeAll(async () => {
    server = await startTestServer()
    const [staff, liaison, resident, staffHexie] = await Promise.all(
      ['demo-staff', 'demo-liaison', 'demo-resident', 'demo-staff-hexie'].map((openid) => server.as(openid)),
    )
    // A liaison of another unit (unit-power) that is also paired with c-xingfu: the guard admits them, the unit check must not.
    const otherLiaison = await server.as('power-liaison')
    await otherLiaison.ok('users', 'register', { name: '钱进', phone: '13900000301', communityId: 'c-xingfu' })
    const { code } = await staff.ok('units', 'createInvite', { unitId: 'unit-power', communityId: 'c-xingfu' })
    await otherLiaison.ok('units', 'join', { code })
    Object.assign(clients, { staff, liaison, resident, staffHexie, otherLiaison })
  })
  afterAll(() => server.stop())

  async function seedCommitment(status: CommitmentStatus, overrides: Partial<CommitmentDoc> = {}): Promise<string> {
    const now = new Date()
    const commitmentId = randomUUID().replace(/-/g, '')
    await server.db.collection<CommitmentDoc>('commitments').add({
      _id: commitmentId,
      unitId: 'unit-school',
      communityId: 'c-xingfu',
      year: YEAR,
      title: '开放学校操场',
      content: '周末开放',
      category: '场地共享',
      deadline: future,
      measure: '40 个周末',
      status,
      progress: [],
      evidence: null,
      withdrawReason: '',
      demandId: null,
      proposedBy: 'u-liaison',
      history: [{ status, at: now, by: 'u-liaison', note: '' }],
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    return commitmentId
  }

  const statusOf = async (commitmentId: string) =>
    ((await server.db.collection<CommitmentDoc>('commitments').doc(commitmentId).get()).data[0] as CommitmentDoc).status

  it.each(rows)('$act on $state by $who → $expected', async ({ act, state, who, expected }) => {
    const commitmentId = await seedCommitment(state)
    const response = await clients[who].call('units', act, { commitmentId, ...lifecycle[act].data })
    if (expected === 'FORBIDDEN' || expected === 'INVALID_STATE') {
      expect(response).toMatchObject({ ok: false, error: { code: expected } })
      expect(await statusOf(commitmentId)).toBe(state)
    } else {
      expect(response).toMatchObject({ ok: true, data: { status: expected } })
      expect(await statusOf(commitmentId)).toBe(expected)
    }
  })

  it('should refuse every action on an unknown commitment with NOT_FOUND', async () => {
    for (const act of Object.keys(lifecycle) as Act[]) {
      const response = await clients.staff.call('units', act, { commitmentId: 'nope', ...lifecycle[act].data })
      expect(response).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })

  it('should walk a proposal to verified, recording progress, evidence and history', async () => {
    const proposed = await clients.liaison.ok('units', 'proposeCommitment', proposal)
    expect(proposed).toMatchObject({ status: 'proposed', unitName: '第一实验小学', overdue: false })
    await clients.staff.ok('units', 'agreeCommitment', { commitmentId: proposed.id })
    await clients.liaison.ok('units', 'progressCommitment', { commitmentId: proposed.id, note: '开放 3 个周末' })
    await clients.liaison.ok('units', 'progressCommitment', { commitmentId: proposed.id, note: '开放 10 个周末' })
    const completed = await clients.liaison.ok('units', 'completeCommitment', { commitmentId: proposed.id, note: '全年 42 个周末' })
    expect(completed.progress.map((entry: { note: string }) => entry.note)).toEqual(['开放 3 个周末', '开放 10 个周末'])
    expect(completed.evidence).toEqual({ note: '全年 42 个周末', photos: [] })
    const verified = await clients.staff.ok('units', 'verifyCommitment', { commitmentId: proposed.id })
    expect(verified.history.map((entry: { status: string }) => entry.status)).toEqual([
      'proposed',
      'agreed',
      'in_progress',
      'in_progress',
      'completed',
      'verified',
    ])
  })

  it('should let exactly one of 20 racing agreements and one of 20 racing withdrawals win', async () => {
    const commitmentId = await seedCommitment('proposed')
    const agreements = await Promise.all(Array.from({ length: 20 }, () => clients.staff.call('units', 'agreeCommitment', { commitmentId })))
    expect(agreements.filter((response) => response.ok)).toHaveLength(1)
    expect(agreements.filter((response) => !response.ok).every((response) => (response as { error: { code: string } }).error.code === 'INVALID_STATE')).toBe(true)
    const withdrawals = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? clients.staff : clients.liaison).call('units', 'withdrawCommitment', { commitmentId, reason: `原因${n}` })),
    )
    expect(withdrawals.filter((response) => response.ok)).toHaveLength(1)
    const stored = (await server.db.collection<CommitmentDoc>('commitments').doc(commitmentId).get()).data[0] as CommitmentDoc
    expect(stored.history.map((entry) => entry.status)).toEqual(['proposed', 'agreed', 'withdrawn'])
  })

  it('should keep every one of 10 concurrent progress notes', async () => {
    const commitmentId = await seedCommitment('agreed')
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, n) => clients.liaison.call('units', 'progressCommitment', { commitmentId, note: `进展 ${n}` })),
    )
    expect(responses.every((response) => response.ok)).toBe(true)
    const stored = (await server.db.collection<CommitmentDoc>('commitments').doc(commitmentId).get()).data[0] as CommitmentDoc
    expect(stored.progress).toHaveLength(10)
  })

  it('should refuse a liaison proposing for another unit, staff of another community, and an unpaired unit', async () => {
    const before = await countAll(server, ['commitments'])
    expect(await clients.liaison.call('units', 'proposeCommitment', { ...proposal, unitId: 'unit-power' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await clients.staffHexie.call('units', 'proposeCommitment', proposal)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await clients.resident.call('units', 'proposeCommitment', proposal)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await clients.staff.call('units', 'proposeCommitment', { ...proposal, unitId: 'unit-tax' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    })
    expect(await clients.staff.call('units', 'proposeCommitment', { ...proposal, unitId: 'unit-nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await countAll(server, ['commitments'])).toEqual(before)
  })

  it.each([
    ['a missing title', { ...proposal, title: undefined }],
    ['an oversized content', { ...proposal, content: '字'.repeat(1001) }],
    ['a year as text', { ...proposal, year: '2026' }],
    ['a bad deadline', { ...proposal, deadline: 'someday' }],
    ['an unknown field', { ...proposal, status: 'verified' }],
  ])('should refuse a proposal with %s with VALIDATION_FAILED and change nothing', async (_label, data) => {
    const before = await countAll(server, ['commitments'])
    expect(await clients.staff.call('units', 'proposeCommitment', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await countAll(server, ['commitments'])).toEqual(before)
  })

  it('should refuse bad transition input with VALIDATION_FAILED and leave the commitment as it was', async () => {
    const commitmentId = await seedCommitment('in_progress')
    for (const [act, data] of [
      ['withdrawCommitment', { commitmentId }],
      ['progressCommitment', { commitmentId, note: '' }],
      ['completeCommitment', { commitmentId, note: '完成', photos: ['http://evil.example/x.jpg'] }],
      ['agreeCommitment', { commitmentId, extra: 1 }],
    ] as const) {
      expect(await clients.liaison.call('units', act, data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
    const stored = (await server.db.collection<CommitmentDoc>('commitments').doc(commitmentId).get()).data[0] as CommitmentDoc
    expect(stored).toMatchObject({ status: 'in_progress', progress: [], evidence: null })
  })

  it('should show the public only verified commitments, staff and the liaison all, and derive overdue', async () => {
    const overdueId = await seedCommitment('agreed', { deadline: new Date(Date.now() - 1000), title: '逾期事项' })
    const verifiedId = await seedCommitment('verified', { deadline: new Date(Date.now() - 1000) })
    const publicPage = await server.anonymous.ok('units', 'commitments', { communityId: 'c-xingfu', pageSize: 50 })
    expect(publicPage.items.length).toBeGreaterThan(0)
    expect(publicPage.items.every((item: { status: string }) => item.status === 'verified')).toBe(true)
    expect(publicPage.items.find((item: { id: string }) => item.id === verifiedId)).toMatchObject({ overdue: false })
    expect(await server.anonymous.ok('units', 'commitments', { communityId: 'c-xingfu', status: 'agreed' })).toMatchObject({ items: [], total: 0 })

    const staffPage = await clients.staff.ok('units', 'commitments', { communityId: 'c-xingfu', status: 'agreed', pageSize: 50 })
    expect(staffPage.items.find((item: { id: string }) => item.id === overdueId)).toMatchObject({ overdue: true })
    const liaisonPage = await clients.liaison.ok('units', 'commitments', { unitId: 'unit-school', pageSize: 50 })
    expect(new Set(liaisonPage.items.map((item: { status: string }) => item.status)).size).toBeGreaterThan(1)
    const otherPage = await clients.otherLiaison.ok('units', 'commitments', { unitId: 'unit-school', pageSize: 50 })
    expect(otherPage.items.every((item: { status: string }) => item.status === 'verified')).toBe(true)
    expect(await server.anonymous.call('units', 'commitments', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  })

  it('should keep internal user ids out of public commitment views and give them to staff and the liaison', async () => {
    const commitmentId = await seedCommitment('verified', {
      progress: [{ note: '开放 3 个周末', photos: [], at: new Date(), by: 'u-liaison' }],
      history: [
        { status: 'proposed', at: new Date(), by: 'u-liaison', note: '' },
        { status: 'verified', at: new Date(), by: 'u-staff', note: '' },
      ],
    })
    const find = (page: { items: Array<{ id: string }> }) => page.items.find((item) => item.id === commitmentId) as Record<string, unknown>
    const publicViews = [
      find(await server.anonymous.ok('units', 'commitments', { unitId: 'unit-school', pageSize: 50 })),
      find(await clients.resident.ok('units', 'commitments', { communityId: 'c-xingfu', pageSize: 50 })),
      find((await clients.otherLiaison.ok('units', 'detail', { unitId: 'unit-school' })).commitments),
    ]
    for (const view of publicViews) {
      expect(view).toMatchObject({ history: [{ status: 'proposed' }, { status: 'verified' }], progress: [{ note: '开放 3 个周末' }] })
      expect(JSON.stringify(view)).not.toMatch(/u-liaison|u-staff|"by"/)
    }
    const staffView = find(await clients.staff.ok('units', 'commitments', { communityId: 'c-xingfu', pageSize: 50 }))
    expect(staffView).toMatchObject({ history: [{ by: 'u-liaison' }, { by: 'u-staff' }], progress: [{ by: 'u-liaison' }] })
    const liaisonView = find(await clients.liaison.ok('units', 'commitments', { unitId: 'unit-school', pageSize: 50 }))
    expect(liaisonView).toMatchObject({ history: [{ by: 'u-liaison' }, { by: 'u-staff' }] })
  })

  it("should tell a resident their own score on a commitment they rated, and nobody else's", async () => {
    const commitmentId = await seedCommitment('verified')
    const mine = async (client: Client) =>
      ((await client.ok('units', 'commitments', { unitId: 'unit-school', pageSize: 50 })).items as Array<{ id: string; myRating: number | null }>).find(
        (item) => item.id === commitmentId,
      )?.myRating
    expect(await mine(clients.resident)).toBeNull()
    await clients.resident.ok('units', 'rateCommitment', { commitmentId, score: 3 })
    expect(await mine(clients.resident)).toBe(3)
    expect(await mine(clients.staff)).toBeNull()
    expect(await mine(server.anonymous)).toBeNull()
    const detail = await clients.resident.ok('units', 'detail', { unitId: 'unit-school' })
    expect(detail.commitments.items.find((item: { id: string }) => item.id === commitmentId)).toMatchObject({ myRating: 3 })
  })

  it("should show staff opening a unit's page every state of what it promised their community, and no other community's open ones", async () => {
    const staffView = await clients.staff.ok('units', 'commitments', { unitId: 'unit-power', pageSize: 50 })
    expect(staffView.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining(['cm-power-check', 'cm-power-repair']))
    expect(staffView.items.find((item: { id: string }) => item.id === 'cm-power-check')).toMatchObject({ status: 'agreed', overdue: true })
    // unit-power is paired with c-hexie too, but its c-xingfu promises are not c-hexie staff's to agree.
    const hexieView = await clients.staffHexie.ok('units', 'commitments', { unitId: 'unit-power', pageSize: 50 })
    expect(hexieView.items.every((item: { communityId: string }) => item.communityId === 'c-hexie')).toBe(true)
    const publicView = await server.anonymous.ok('units', 'commitments', { unitId: 'unit-power', pageSize: 50 })
    expect(publicView.items.every((item: { status: string }) => item.status === 'verified')).toBe(true)
    const publicPage = await server.anonymous.ok('units', 'detail', { unitId: 'unit-power' })
    expect(publicPage.commitments.items.every((item: { status: string }) => item.status === 'verified')).toBe(true)
    const staffPage = await clients.staff.ok('units', 'detail', { unitId: 'unit-power' })
    expect(staffPage.commitments.items.map((item: { id: string }) => item.id)).toContain('cm-power-check')
    expect(staffPage.resources).toEqual([])
  })
})
