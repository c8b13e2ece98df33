import type { CommitmentDoc, DemandDoc } from '../../cloudfunctions/lib/units/model'
import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import { auditDemandClaims } from '../../cloudfunctions/lib/units/audit'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const demand = { communityId: 'c-xingfu', title: '为独居老人安装扶手', content: '为 20 户独居老人卫生间安装扶手', category: '适老化改造' }

/** Units straight into the engine, each with one liaison, paired with c-xingfu: the race is about claims, not about setting up. */
async function createUnitsWithLiaisons(server: TestServer, count: number, prefix: string): Promise<Array<{ unitId: string; client: Client }>> {
  const now = new Date()
  const made: Array<{ unitId: string; client: Client }> = []
  for (let n = 0; n < count; n += 1) {
    const unitId = `${prefix}-unit-${n}`
    const userId = `${prefix}-user-${n}`
    await server.db.collection('units').add({
      _id: unitId,
      name: `共建单位${n}`,
      kind: '企事业单位',
      partyOrg: `党支部${n}`,
      contact: { name: '联系人', phone: '13900000000' },
      address: '和平街道',
      communityIds: ['c-xingfu'],
      status: 'active',
      createdAt: now,
    })
    await server.db.collection('agreements').add({ _id: `${unitId}:c-xingfu`, unitId, communityId: 'c-xingfu', signedAt: now, status: 'active', reason: '', createdBy: 'u-staff', createdAt: now, updatedAt: now })
    await server.db.collection('users').add({ _id: userId, openid: `${prefix}-openid-${n}`, name: `联络员${n}`, phone: '13900000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
    await server.db.collection('roles').add({ _id: `${unitId}:${userId}:liaison`, userId, role: 'liaison', scopeId: unitId, grantedBy: 'u-staff', createdAt: now })
    made.push({ unitId, client: await server.as(`${prefix}-openid-${n}`) })
  }
  return made
}

const codeOf = (response: { ok: boolean; error?: { code: string } }) => (response.ok ? 'ok' : response.error!.code)

describe('units: demands', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let liaison: Client
  let resident: Client

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie, liaison, resident] = await Promise.all(
      ['demo-staff', 'demo-staff-hexie', 'demo-liaison', 'demo-resident'].map((openid) => server.as(openid)),
    )
  })
  afterAll(() => server.stop())

  it('should let exactly one of 30 units racing for a single-claim demand win, with exactly one linked commitment', async () => {
    const published = await staff.ok('units', 'publishDemand', demand)
    const units = await createUnitsWithLiaisons(server, 30, 'race')
    const responses = await Promise.all(units.map(({ unitId, client }) => client.call('units', 'claimDemand', { demandId: published.id, unitId })))
    const tally: Record<string, number> = {}
    for (const response of responses) tally[codeOf(response as never)] = (tally[codeOf(response as never)] ?? 0) + 1
    console.log('30 units claiming one single-winner demand:', tally)
    expect(tally).toEqual({ ok: 1, ALREADY_CLAIMED: 29 })
    const linked = await server.db.collection<CommitmentDoc>('commitments').where({ demandId: published.id }).limit(100).get()
    expect(linked.data).toHaveLength(1)
    const stored = (await server.db.collection<DemandDoc>('demands').doc(published.id).get()).data[0]!
    expect(stored.status).toBe('claimed')
    expect(stored.claims).toEqual([expect.objectContaining({ unitId: linked.data[0]!.unitId, commitmentId: linked.data[0]!._id })])
    expect(linked.data[0]).toMatchObject({ status: 'agreed', communityId: 'c-xingfu', title: demand.title })
  })

  it('should let exactly three of 12 racing units claim a demand that allows three, each once', async () => {
    const published = await staff.ok('units', 'publishDemand', { ...demand, maxClaims: 3 })
    const units = await createUnitsWithLiaisons(server, 12, 'multi')
    const responses = await Promise.all(
      [...units, ...units].map(({ unitId, client }) => client.call('units', 'claimDemand', { demandId: published.id, unitId })),
    )
    expect(responses.filter((response) => response.ok)).toHaveLength(3)
    const linked = await server.db.collection<CommitmentDoc>('commitments').where({ demandId: published.id }).limit(100).get()
    expect(new Set(linked.data.map((commitment) => commitment.unitId)).size).toBe(3)
    expect((await server.db.collection<DemandDoc>('demands').doc(published.id).get()).data[0]).toMatchObject({ status: 'claimed' })
  })

  it('should let a liaison of two units act for the one they choose, and for no other', async () => {
    const [first, second] = await createUnitsWithLiaisons(server, 2, 'both')
    // The first unit's liaison is made a liaison of the second unit too.
    await server.db.collection('roles').add({ _id: `${second!.unitId}:both-user-0:liaison`, userId: 'both-user-0', role: 'liaison', scopeId: second!.unitId, grantedBy: 'u-staff', createdAt: new Date() })
    const both = first!.client
    const published = await staff.ok('units', 'publishDemand', { ...demand, maxClaims: 2 })
    const claimed = await both.ok('units', 'claimDemand', { demandId: published.id, unitId: second!.unitId })
    expect(claimed.claims.map((claim: { unitId: string }) => claim.unitId)).toEqual([second!.unitId])
    const resource = await both.ok('units', 'publishResource', { unitId: second!.unitId, kind: '物资', title: '折叠桌椅', description: '50 套', availability: '提前一周预约' })
    expect(resource).toMatchObject({ unitId: second!.unitId })
    expect(await both.ok('units', 'resourceRequests', { unitId: second!.unitId })).toEqual([])
    expect(await both.ok('units', 'resourceRequests', { unitId: first!.unitId })).toEqual([])
    expect(await both.call('units', 'claimDemand', { demandId: published.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await both.call('units', 'resourceRequests', { unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const me = await both.ok('users', 'me', {})
    expect(me.roles.filter((r: { role: string }) => r.role === 'liaison').map((r: { scopeId: string }) => r.scopeId).sort()).toEqual([first!.unitId, second!.unitId].sort())
  })

  it('should pass the audit after the races and catch claims beyond maxClaims or without exactly one linked commitment written straight into the database', async () => {
    const clean = await auditDemandClaims(server.db)
    expect(clean.problems).toEqual([])
    expect(clean.checked.demands).toBeGreaterThanOrEqual(2)
    expect(clean.checked.linkedCommitments).toBeGreaterThanOrEqual(4)

    const published = await staff.ok('units', 'publishDemand', demand)
    await liaison.ok('units', 'claimDemand', { demandId: published.id, unitId: 'unit-school' })
    const stored = (await server.db.collection<DemandDoc>('demands').doc(published.id).get()).data[0]!
    const [claim] = stored.claims
    // A second and a third claim over maxClaims 1: one reusing the first claim's commitment, one naming none.
    await server.db
      .collection<DemandDoc>('demands')
      .doc(published.id)
      .update({ claims: [...stored.claims, { ...claim!, unitId: 'unit-power' }, { ...claim!, unitId: 'unit-street', commitmentId: 'cm-missing' }] })
    // A commitment claiming to answer the demand that no claim names.
    const orphan = (await server.db.collection<CommitmentDoc>('commitments').doc(claim!.commitmentId).get()).data[0]!
    await server.db.collection<CommitmentDoc>('commitments').add({ ...orphan, _id: 'cm-orphan' })

    const { problems } = await auditDemandClaims(server.db)
    expect(problems).toEqual([
      `demand ${published.id}: 3 claims exceed maxClaims 1`,
      `demand ${published.id}: commitment ${claim!.commitmentId} is named by more than one claim`,
      `demand ${published.id}: commitment ${claim!.commitmentId} belongs to demand ${published.id} and unit unit-school, not this claim of unit-power`,
      `demand ${published.id}: the claim of unit-street has no linked commitment cm-missing`,
      `commitment cm-orphan is linked to demand ${published.id} but no claim names it`,
    ])
    // npm run audit reports them with the ledger checks.
    const report = await auditLedger(server.db)
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual(expect.arrayContaining(problems))
  })

  it('should refuse a liaison claiming for another unit, a unit not paired with the community, and non-liaisons', async () => {
    const published = await staffHexie.ok('units', 'publishDemand', { ...demand, communityId: 'c-hexie' })
    const own = await staff.ok('units', 'publishDemand', demand)
    const before = await countAll(server, ['commitments'])
    // u-liaison's unit-school is paired with c-xingfu only.
    expect(await liaison.call('units', 'claimDemand', { demandId: published.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await liaison.call('units', 'claimDemand', { demandId: own.id, unitId: 'unit-power' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staff.call('units', 'claimDemand', { demandId: own.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await resident.call('units', 'claimDemand', { demandId: own.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await liaison.call('units', 'claimDemand', { demandId: 'nope', unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await countAll(server, ['commitments'])).toEqual(before)
    const claimed = await liaison.ok('units', 'claimDemand', { demandId: own.id, unitId: 'unit-school' })
    expect(claimed).toMatchObject({ status: 'claimed', claims: [expect.objectContaining({ unitId: 'unit-school', unitName: '第一实验小学' })] })
  })

  it('should refuse a claim past the deadline, on a done or cancelled demand', async () => {
    const late = await staff.ok('units', 'publishDemand', { ...demand, deadline: new Date(Date.now() + 60_000).toISOString() })
    await server.db.collection('demands').doc(late.id).update({ deadline: new Date(Date.now() - 1000) })
    expect(await liaison.call('units', 'claimDemand', { demandId: late.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'DEADLINE_PASSED' } })

    const cancelled = await staff.ok('units', 'publishDemand', demand)
    expect(await staff.call('units', 'completeDemand', { demandId: cancelled.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    await staff.ok('units', 'cancelDemand', { demandId: cancelled.id, reason: '已由物业解决' })
    expect(await liaison.call('units', 'claimDemand', { demandId: cancelled.id, unitId: 'unit-school' })).toMatchObject({ ok: false, error: { code: 'NOT_CLAIMABLE' } })

    const done = await staff.ok('units', 'publishDemand', demand)
    await liaison.ok('units', 'claimDemand', { demandId: done.id, unitId: 'unit-school' })
    expect(await staff.call('units', 'cancelDemand', { demandId: done.id, reason: '取消' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    expect(await staffHexie.call('units', 'completeDemand', { demandId: done.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staff.ok('units', 'completeDemand', { demandId: done.id })).toMatchObject({ status: 'done' })
    expect(await staff.call('units', 'completeDemand', { demandId: done.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
  })

  it.each([
    ['maxClaims 0', { ...demand, maxClaims: 0 }],
    ['maxClaims 11', { ...demand, maxClaims: 11 }],
    ['an empty title', { ...demand, title: '' }],
    ['a bad deadline', { ...demand, deadline: 'tomorrow' }],
    ['an unknown field', { ...demand, status: 'claimed' }],
  ])('should refuse publishing with %s with VALIDATION_FAILED and change nothing', async (_label, data) => {
    const before = await countAll(server, ['demands'])
    expect(await staff.call('units', 'publishDemand', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await countAll(server, ['demands'])).toEqual(before)
  })

  it('should refuse publishing to residents, liaisons and staff of another community', async () => {
    const before = await countAll(server, ['demands'])
    for (const client of [resident, liaison, staffHexie]) {
      expect(await client.call('units', 'publishDemand', demand)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await countAll(server, ['demands'])).toEqual(before)
  })

  it('should list a community demand board to registered people only, filtered by status', async () => {
    const board = await resident.ok('units', 'demands', { status: 'open', pageSize: 50 })
    expect(board.items.length).toBeGreaterThan(0)
    expect(board.items.every((item: { status: string; communityId: string }) => item.status === 'open' && item.communityId === 'c-xingfu')).toBe(true)
    const hexie = await resident.ok('units', 'demands', { communityId: 'c-hexie' })
    expect(hexie.items.every((item: { communityId: string }) => item.communityId === 'c-hexie')).toBe(true)
    expect(await server.anonymous.call('units', 'demands', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
