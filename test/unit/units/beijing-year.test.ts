/**
 * The 台账 year is Beijing's. Cloud functions run in UTC, so at 01:00 on
 * 1 January Beijing time the server's own calendar still says 31 December:
 * a demand claimed then belongs to the new year, and so does its deadline.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import { invoke } from '../../../cloudfunctions/lib/runtime/invoke'
import type { CommitmentDoc } from '../../../cloudfunctions/lib/units/model'
import { unitsFunction } from '../../../cloudfunctions/units'

/** 2027-01-01 01:00 in Beijing; 2026-12-31 17:00 UTC. */
const NEW_YEAR_NIGHT = new Date('2026-12-31T17:00:00Z')

describe('units in Beijing time around New Year', () => {
  let db: LocalDatabase
  beforeAll(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db, new Date('2026-11-23T02:00:00Z'))
  })
  afterAll(() => db.close())

  const as = (openid: string) => (action: string, data: Record<string, unknown>) =>
    invoke(unitsFunction, { action, data }, { db, openid, log: silentLogger, now: () => NEW_YEAR_NIGHT, signingKey: null, contentCheck: async () => true })

  it('should file a demand claimed at 01:00 on 1 January Beijing time under the new year, due at its end', async () => {
    const published = await as('demo-staff')('publishDemand', { communityId: 'c-xingfu', title: '春节慰问独居老人', content: '为 20 户独居老人送年货', category: '关爱帮扶' })
    expect(published.ok).toBe(true)
    const demandId = (published as { data: { id: string } }).data.id
    const claimed = await as('demo-liaison')('claimDemand', { demandId, unitId: 'unit-school' })
    expect(claimed.ok).toBe(true)

    const linked = (await db.collection<CommitmentDoc>('commitments').where({ demandId }).limit(2).get()).data
    expect(linked).toHaveLength(1)
    expect(linked[0].year).toBe(2027)
    // 23:59:59 on 31 December 2027 in Beijing.
    expect(linked[0].deadline.toISOString()).toBe('2027-12-31T15:59:59.000Z')

    const report = await as('demo-staff')('report', { communityId: 'c-xingfu', year: 2027 })
    expect(report).toMatchObject({ ok: true, data: { commitments: { made: 1 }, demands: { claimed: 1 } } })
  })
})
