/**
 * Wish moves interleaved by hand: another caller's whole move commits at the
 * exact point between this transaction's read of the wish and its commit,
 * which real HTTP races reach only by luck. The optimistic commit must notice,
 * re-run on the new state and fail with a typed error, changing nothing twice.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { auditLedger } from '../../../cloudfunctions/lib/points/audit'
import type { ClaimDoc, WishDoc } from '../../../cloudfunctions/lib/wishes/model'
import { claimWish, confirmWish, expireIfOverdue, fulfilWish, releaseClaim } from '../../../cloudfunctions/lib/wishes/transitions'
import { withHookAfterRead } from '../../helpers/interleave'

const member = { userId: 'u-member', unitIds: [] }

describe('wish interleavings', () => {
  let db: LocalDatabase
  beforeEach(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db)
  })
  afterEach(() => db.close())

  const wish = async (wishId: string) => (await db.collection<WishDoc>('wishes').doc(wishId).get()).data[0]
  const claims = async (wishId: string) => (await db.collection<ClaimDoc>('claims').where({ wishId }).limit(100).get()).data
  const makeOverdue = (at: Date) =>
    Promise.all([db.collection('wishes').doc('w-visit').update({ claimDueAt: at }), db.collection('claims').doc('w-visit:1').update({ dueAt: at })])

  it('should expire an overdue claim once when the timer commits between a fulfilment’s read and its commit', async () => {
    const now = new Date()
    await makeOverdue(new Date(now.getTime() - 1000))
    let timer: { changed: boolean } | null = null
    const racing = withHookAfterRead(db, 'wishes', async () => {
      timer = await expireIfOverdue(db, 'w-visit', now)
    })
    const outcome = await fulfilWish(racing, 'w-visit', member, { note: '去看望了', photos: [], at: now }, now)
    expect(timer).toMatchObject({ changed: true })
    expect(outcome.refusal?.code).toBe('INVALID_STATE')
    expect(await wish('w-visit')).toMatchObject({ status: 'open', claimId: null, fulfilment: null })
    expect(await claims('w-visit')).toEqual([expect.objectContaining({ status: 'expired' })])
  })

  it('should let a release lose cleanly to a fulfilment that commits first', async () => {
    const now = new Date()
    const racing = withHookAfterRead(db, 'wishes', () => fulfilWish(db, 'w-visit', member, { note: '去看望了', photos: [], at: now }, now))
    const outcome = await releaseClaim(racing, 'w-visit', member, '临时有事', now)
    expect(outcome.refusal?.code).toBe('INVALID_STATE')
    expect(await wish('w-visit')).toMatchObject({ status: 'fulfilled', claimId: 'w-visit:1' })
    expect(await claims('w-visit')).toEqual([expect.objectContaining({ status: 'fulfilled', releaseReason: '' })])
  })

  it('should answer ALREADY_CLAIMED to a claim whose wish another claim took between its read and its commit', async () => {
    const now = new Date()
    const racing = withHookAfterRead(db, 'wishes', () =>
      claimWish(db, { wishId: 'w-lamp', claimerType: 'unit', claimerId: 'unit-school', claimerName: '第一实验小学', actorId: 'u-liaison', now }),
    )
    const outcome = await claimWish(racing, { wishId: 'w-lamp', claimerType: 'member', claimerId: 'u-member', claimerName: '张伟', actorId: 'u-member', now })
    expect(outcome.refusal?.code).toBe('ALREADY_CLAIMED')
    expect(await claims('w-lamp')).toEqual([expect.objectContaining({ claimerId: 'unit-school', status: 'active' })])
    expect((await auditLedger(db)).problems).toEqual([])
  })

  it('should credit the claimer once when a second confirmation commits between the first’s read and its commit', async () => {
    const now = new Date()
    await fulfilWish(db, 'w-visit', member, { note: '去看望了', photos: [], at: now }, now)
    const staff = { userId: 'u-staff', unitIds: [], isStaff: true }
    const racing = withHookAfterRead(db, 'wishes', () => confirmWish(db, 'w-visit', staff, { rating: 5, comment: '', story: '' }, now))
    const outcome = await confirmWish(racing, 'w-visit', staff, { rating: 4, comment: '', story: '' }, now)
    expect(outcome.refusal?.code).toBe('INVALID_STATE')
    expect((await wish('w-visit')).confirmation).toMatchObject({ rating: 5 })
    const earned = await db.collection('entries').where({ refId: 'w-visit' }).limit(10).get()
    expect(earned.data).toHaveLength(1)
    expect((await auditLedger(db)).problems).toEqual([])
  })
})
