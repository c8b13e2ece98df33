/**
 * units.join against a suspension of the same pairing, interleaved by hand.
 * CloudBase transactions abort on write-write conflicts only, so the join
 * must write the agreement it depends on, not merely read it.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import type { Database } from '../../../cloudfunctions/lib/db/types'
import { invoke } from '../../../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import { functions } from '../../../cloudfunctions/registry'
import { withHookAfterRead } from '../../helpers/interleave'

describe('units.join interleavings', () => {
  let db: LocalDatabase
  const now = new Date()
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db, now)
  })
  afterEach(() => db.close())

  const call = (on: Database, openid: string, action: string, data: Record<string, unknown>) =>
    invoke(functions.units!, { action, data }, { db: on, openid, log: silentLogger, signingKey: null, contentCheck: async () => true, now: () => now })

  it('should refuse a join whose pairing is suspended between the join reading the invite and committing, and grant nothing', async () => {
    // unit-power is paired with both communities, so suspending one pairing leaves the unit itself active.
    const invite = await call(db, 'demo-staff', 'createInvite', { unitId: 'unit-power', communityId: 'c-xingfu', days: 7 })
    expect(invite).toMatchObject({ ok: true })
    const { code } = (invite as { data: { code: string } }).data
    let suspended: unknown
    const racing = withHookAfterRead(db, 'invites', async () => {
      suspended = await call(db, 'demo-staff', 'suspend', { unitId: 'unit-power', communityId: 'c-xingfu', reason: '协议到期' })
    })
    const joined = await call(racing, 'demo-resident', 'join', { code })
    expect(suspended).toMatchObject({ ok: true })
    expect(joined).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } })
    const grants = await db.collection('roles').where({ scopeId: 'unit-power', role: 'liaison' }).limit(100).get()
    const resident = (await db.collection('users').where({ openid: 'demo-resident' }).limit(1).get()).data[0]!
    expect(grants.data.filter((grant) => grant.userId === resident._id)).toEqual([])
  })
})
