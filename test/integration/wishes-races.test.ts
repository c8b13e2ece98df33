import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import type { EntryDoc } from '../../cloudfunctions/lib/points/model'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { accountOf, addPerson, errorCode, tally } from './points-fixtures'
import { addUnitLiaison, addWish, claimsOf, wishDoc } from './wishes-fixtures'

/** Races over real HTTP: every request below is in flight at once against one local server. */
describe('wishes: races', () => {
  let server: TestServer
  let resident: Client
  let member: Client
  beforeAll(async () => {
    server = await startTestServer()
    resident = await server.as('demo-resident')
    member = await server.as('demo-member')
  })
  afterAll(() => server.stop())

  const expectAuditPasses = async () => {
    const report = await auditLedger(server.db)
    expect(report.problems).toEqual([])
  }

  it('should let exactly one of 100 concurrent claims (members and unit liaisons mixed) win', async () => {
    const wishId = await addWish(server, 'open')
    const claimers: Array<{ client: Client; asUnit: boolean }> = []
    for (let i = 0; i < 100; i += 1) {
      claimers.push(
        i % 2 === 0
          ? { client: await addPerson(server, `u-claim-m${i}`), asUnit: false }
          : { client: await addUnitLiaison(server, `u-claim-l${i}`, `unit-claim-${i}`), asUnit: true },
      )
    }
    const responses = await Promise.all(claimers.map(({ client, asUnit }) => client.call('wishes', 'claim', { wishId, asUnit })))
    const counts = tally(responses.map(errorCode))
    console.log('100 concurrent claims:', counts)
    expect(counts).toEqual({ ok: 1, ALREADY_CLAIMED: 99 })
    const claims = await claimsOf(server, wishId)
    expect(claims).toHaveLength(1)
    const winner = responses.findIndex((response) => response.ok)
    expect(claims[0]).toMatchObject({ status: 'active', claimerType: claimers[winner].asUnit ? 'unit' : 'member' })
    expect(await wishDoc(server, wishId)).toMatchObject({ status: 'claimed', claimId: claims[0]._id, claimCount: 1 })
    await expectAuditPasses()
  })

  it('should release an overdue claim exactly once when release, fulfil, confirm, expiry and reads race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const wishId = await addWish(server, 'claimed', { dueInMs: -1000 })
      const staff = await server.as('demo-staff')
      const responses = await Promise.all([
        member.call('wishes', 'release', { wishId, reason: '临时有事' }),
        member.call('wishes', 'fulfil', { wishId, note: '已经送到' }),
        resident.call('wishes', 'confirm', { wishId, rating: 5 }),
        staff.call('wishes', 'expireClaims', { communityId: 'c-xingfu' }),
        staff.call('wishes', 'detail', { wishId }),
        resident.call('wishes', 'wall', { communityId: 'c-xingfu' }),
        member.call('wishes', 'myClaims', {}),
      ])
      expect(responses.slice(0, 3).map(errorCode)).toEqual(['INVALID_STATE', 'INVALID_STATE', 'INVALID_STATE'])
      for (const response of responses.slice(3)) expect(errorCode(response)).toBeNull()
      const claims = await claimsOf(server, wishId)
      expect(claims).toHaveLength(1)
      expect(claims[0]).toMatchObject({ status: 'expired', releaseReason: '' })
      expect(claims[0].closedAt).not.toBeNull()
      expect(await wishDoc(server, wishId)).toMatchObject({ status: 'open', claimId: null, claimDueAt: null, fulfilment: null })
    }
    await expectAuditPasses()
  })

  it('should let one of release and fulfil win on a claim in time, never both', async () => {
    const wishId = await addWish(server, 'claimed')
    const responses = await Promise.all([member.call('wishes', 'release', { wishId, reason: '临时有事' }), member.call('wishes', 'fulfil', { wishId, note: '已经送到' })])
    const codes = responses.map(errorCode)
    expect(codes.filter((code) => code === null)).toHaveLength(1)
    expect(codes.filter((code) => code === 'INVALID_STATE')).toHaveLength(1)
    const wish = await wishDoc(server, wishId)
    const [claim] = await claimsOf(server, wishId)
    expect(codes[0] === null ? [wish.status, claim.status] : [wish.status, claim.status]).toEqual(codes[0] === null ? ['open', 'released'] : ['fulfilled', 'fulfilled'])
    await expectAuditPasses()
  })

  it('should award the points once when the same confirmation races itself 30 times', async () => {
    const wishId = await addWish(server, 'fulfilled')
    const before = (await accountOf(server, 'u-member'))?.available ?? 0
    const responses = await Promise.all(Array.from({ length: 30 }, () => resident.call('wishes', 'confirm', { wishId, rating: 5, story: '谢谢张伟' })))
    const counts = tally(responses.map(errorCode))
    console.log('30 concurrent confirmations:', counts)
    expect(counts).toEqual({ ok: 1, INVALID_STATE: 29 })
    expect((await accountOf(server, 'u-member'))?.available).toBe(before + 10)
    const earns = await server.db.collection<EntryDoc>('entries').where({ refId: wishId }).count()
    expect(earns.total).toBe(1)
    expect(await wishDoc(server, wishId)).toMatchObject({ status: 'confirmed', confirmation: { rating: 5, story: '谢谢张伟', by: 'u-resident' } })
    expect((await claimsOf(server, wishId))[0].status).toBe('confirmed')
    await expectAuditPasses()
  })
})
