/**
 * Snapshot isolation, as CloudBase's transactions give it: a transaction
 * reads one moment, and only write-write conflicts abort. These pin the
 * anomaly (write skew) and the cure the domain code uses for each guard:
 * write the guarded document (bump a rev), so the two conflict.
 *
 * Each case stands for a real guard:
 * - a booking that reads a venue's closures / a closure of that day → both
 *   write the venue's day document (venueDays);
 * - a liaison joining through an invite / a suspension of that pairing →
 *   the join bumps the agreement's rev.
 */
import type { BaseDoc, Transaction } from '../../cloudfunctions/lib/db/types'
import { describeContract, uid } from './targets'

interface Flag extends BaseDoc {
  on?: boolean
  rev?: number
  last?: string
  [field: string]: unknown
}

/** Two transactions that both finish reading before either writes: the interleaving that shows isolation. */
function lockstep(): { bothRead: () => Promise<void> } {
  let arrived = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return {
    bothRead: async () => {
      arrived += 1
      if (arrived === 2) release()
      await gate
    },
  }
}

const settle = (outcomes: PromiseSettledResult<unknown>[]) => outcomes.map((outcome) => outcome.status)

describeContract('isolation', (db) => {
  const flags = () => db().collection<Flag>('accounts')
  const read = async (id: string) => (await flags().doc(id).get()).data[0]

  test('should let a transaction read the moment it began, not a later commit', async () => {
    const id = (await flags().add({ on: true })).id
    const seen = await db().runTransaction(async (tx) => {
      const before = (await tx.collection<Flag>('accounts').doc(id).get()).data?.on
      await flags().doc(id).update({ on: false })
      const after = (await tx.collection<Flag>('accounts').doc(id).get()).data?.on
      return [before, after]
    }, 0)
    expect(seen).toEqual([true, true])
  })

  test('should commit both of two transactions that each read both flags and turn off a different one (write skew)', async () => {
    const a = (await flags().add({ on: true })).id
    const b = (await flags().add({ on: true })).id
    const step = lockstep()
    const turnOff = (mine: string, other: string) =>
      db().runTransaction(async (tx: Transaction) => {
        const col = tx.collection<Flag>('accounts')
        const [own, others] = await Promise.all([col.doc(mine).get(), col.doc(other).get()])
        await step.bothRead()
        if (own.data?.on && others.data?.on) await col.doc(mine).update({ on: false })
      }, 0)
    expect(settle(await Promise.allSettled([turnOff(a, b), turnOff(b, a)]))).toEqual(['fulfilled', 'fulfilled'])
    // "At least one stays on" is broken: reading the other flag guarded nothing.
    expect([(await read(a))?.on, (await read(b))?.on]).toEqual([false, false])
  })

  test('should let only one of them commit once each also writes the guard document (a booking and a closure of one venue day)', async () => {
    const day = (await flags().add({ last: 'none' })).id
    const booking = uid('booking-')
    const step = lockstep()
    const closes = db().runTransaction(async (tx) => {
      await tx.collection<Flag>('accounts').doc(day).get()
      await step.bothRead()
      await tx.collection('accounts').doc(day).set({ last: 'closure' })
    }, 0)
    const books = db().runTransaction(async (tx) => {
      await tx.collection<Flag>('accounts').doc(day).get()
      await step.bothRead()
      await tx.collection('accounts').doc(booking).create({ on: true })
      await tx.collection('accounts').doc(day).set({ last: `booking:${booking}` })
    }, 0)
    const outcomes = await Promise.allSettled([closes, books])
    expect(settle(outcomes).sort()).toEqual(['fulfilled', 'rejected'])
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'DATABASE_TRANSACTION_CONFLICT' } })
    // Whichever lost left nothing behind.
    const bookingStored = (await flags().doc(booking).get()).data.length === 1
    expect(bookingStored).toBe(outcomes[1]!.status === 'fulfilled')
  })

  test('should let only one of a join and a suspension commit when the join bumps the agreement it read', async () => {
    const agreement = (await flags().add({ on: true, rev: 0 })).id
    const grant = uid('grant-')
    const step = lockstep()
    const suspends = db().runTransaction(async (tx) => {
      await tx.collection<Flag>('accounts').doc(agreement).get()
      await step.bothRead()
      await tx.collection('accounts').doc(agreement).update({ on: false })
    }, 0)
    const joins = db().runTransaction(async (tx) => {
      const current = (await tx.collection<Flag>('accounts').doc(agreement).get()).data
      await step.bothRead()
      if (!current?.on) throw new Error('suspended')
      await tx.collection('accounts').doc(grant).create({ on: true })
      await tx.collection('accounts').doc(agreement).update({ rev: db().command.inc(1) })
    }, 0)
    const outcomes = await Promise.allSettled([suspends, joins])
    expect(settle(outcomes).sort()).toEqual(['fulfilled', 'rejected'])
    const stored = await read(agreement)
    const granted = (await flags().doc(grant).get()).data.length === 1
    // Never both: a suspended pairing with a liaison who joined through it.
    expect(stored?.on === false && granted).toBe(false)
  })
})

