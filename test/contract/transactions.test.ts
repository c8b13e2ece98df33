/**
 * runTransaction on doc operations: all or nothing, read-your-writes,
 * retries on conflict, and no lost update between racing transactions.
 */
import type { BaseDoc, Transaction } from '../../cloudfunctions/lib/db/types'
import { describeContract, uid } from './targets'

interface Account extends BaseDoc {
  balance: number
  [field: string]: unknown
}

describeContract('transactions', (db) => {
  const accounts = () => db().collection<Account>('accounts')
  const balance = async (id: string) => (await accounts().doc(id).get()).data[0]?.balance
  const open = async (initial: number) => (await accounts().add({ balance: initial })).id

  test('should commit every write of the transaction and return what fn returns', async () => {
    const a = await open(10)
    const created = uid('tx-created-')
    const result = await db().runTransaction(async (tx) => {
      const { data } = await tx.collection<Account>('accounts').doc(a).get()
      await tx.collection('accounts').doc(a).update({ balance: data!.balance - 3 })
      await tx.collection('accounts').doc(created).create({ balance: 3 })
      return 'done'
    })
    expect(result).toBe('done')
    expect(await balance(a)).toBe(7)
    expect(await balance(created)).toBe(3)
  })

  // The services start a transaction's independent reads together, then its writes together (one round trip each, issue 12).
  test('should read and write several documents concurrently within one transaction, all or nothing', async () => {
    const [a, b] = await Promise.all([open(10), open(20)])
    const created = uid('tx-concurrent-')
    await db().runTransaction(async (tx) => {
      const [first, second] = await Promise.all([tx.collection<Account>('accounts').doc(a).get(), tx.collection<Account>('accounts').doc(b).get()])
      await Promise.all([
        tx.collection('accounts').doc(a).update({ balance: first.data!.balance - 5 }),
        tx.collection('accounts').doc(b).update({ balance: second.data!.balance + 5 }),
        tx.collection('accounts').doc(created).create({ balance: 0 }),
      ])
    })
    expect([await balance(a), await balance(b), await balance(created)]).toEqual([5, 25, 0])
    const untouched = uid('tx-concurrent-rolled-')
    await expect(
      db().runTransaction(async (tx) => {
        await Promise.all([tx.collection('accounts').doc(a).update({ balance: 0 }), tx.collection('accounts').doc(untouched).create({ balance: 1 })])
        throw new Error('abandon')
      }),
    ).rejects.toThrow('abandon')
    expect([await balance(a), await balance(untouched)]).toEqual([5, undefined])
  })

  test('should give { data: null } for a missing document and add() an id', async () => {
    let added = ''
    await db().runTransaction(async (tx) => {
      expect(await tx.collection('accounts').doc(uid('missing-')).get()).toMatchObject({ data: null })
      added = (await tx.collection('accounts').add({ balance: 1 })).id
    })
    expect(typeof added).toBe('string')
    expect(await balance(added)).toBe(1)
  })

  test('should write nothing and reject with the error when fn throws', async () => {
    const a = await open(10)
    const created = uid('tx-never-')
    const boom = new Error('boom')
    await expect(
      db().runTransaction(async (tx) => {
        await tx.collection('accounts').doc(a).update({ balance: 0 })
        await tx.collection('accounts').doc(created).create({ balance: 1 })
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(await balance(a)).toBe(10)
    expect((await accounts().doc(created).get()).data).toEqual([])
  })

  test('should write nothing and reject with the reason after tx.rollback(reason)', async () => {
    const a = await open(10)
    const reason = { code: 'INSUFFICIENT_POINTS' }
    await expect(
      db().runTransaction(async (tx) => {
        await tx.collection('accounts').doc(a).update({ balance: -5 })
        await tx.rollback(reason)
      }),
    ).rejects.toEqual(reason)
    expect(await balance(a)).toBe(10)
  })

  test('should let reads see the transaction’s own writes', async () => {
    const a = await open(10)
    const b = uid('tx-rw-')
    await db().runTransaction(async (tx) => {
      const col = tx.collection<Account>('accounts')
      await col.doc(a).update({ balance: db().command.inc(5) })
      expect((await col.doc(a).get()).data).toMatchObject({ _id: a, balance: 15 })
      await col.doc(b).set({ balance: 2 })
      expect((await col.doc(b).get()).data).toMatchObject({ _id: b, balance: 2 })
      await col.doc(b).delete()
      expect((await col.doc(b).get()).data).toBeNull()
    })
    expect(await balance(a)).toBe(15)
    expect((await accounts().doc(b).get()).data).toEqual([])
  })

  test('should run fn again after a conflicting write and then succeed', async () => {
    const a = await open(10)
    let attempts = 0
    await db().runTransaction(async (tx) => {
      attempts++
      const { data } = await tx.collection<Account>('accounts').doc(a).get()
      // A write outside the transaction, between its read and its write.
      if (attempts === 1) await accounts().doc(a).update({ balance: db().command.inc(100) })
      await tx.collection('accounts').doc(a).update({ balance: data!.balance + 1 })
    })
    expect(attempts).toBe(2)
    expect(await balance(a)).toBe(111)
  })

  test('should conserve the total and lose no transfer when 20 transactions race', async () => {
    const a = await open(100)
    const b = await open(100)
    let attempts = 0
    const transfer = (from: string, to: string, amount: number) => (tx: Transaction) => {
      attempts++
      const col = tx.collection<Account>('accounts')
      return Promise.all([col.doc(from).get(), col.doc(to).get()]).then(async ([source, target]) => {
        await col.doc(from).update({ balance: source.data!.balance - amount })
        await col.doc(to).update({ balance: target.data!.balance + amount })
        return amount
      })
    }
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_unused, i) =>
        db().runTransaction(i % 2 === 0 ? transfer(a, b, i + 1) : transfer(b, a, i + 1), 30),
      ),
    )
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    }
    const moved = outcomes.reduce(
      (net, outcome, i) => (outcome.status === 'fulfilled' ? net + (i % 2 === 0 ? outcome.value : -outcome.value) : net),
      0,
    )
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true)
    expect(attempts).toBeGreaterThan(20)
    expect((await balance(a)) + (await balance(b))).toBe(200)
    expect(await balance(a)).toBe(100 - moved)
  })

  test('should roll the whole transaction back when a write duplicates a unique key', async () => {
    const a = await open(10)
    const code = uid('code-')
    await db().collection('members').add({ code })
    const fresh = uid('m-')
    await expect(
      db().runTransaction(async (tx) => {
        await tx.collection('accounts').doc(a).update({ balance: 0 })
        await tx.collection('members').doc(fresh).create({ code })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    expect(await balance(a)).toBe(10)
    expect((await db().collection('members').doc(fresh).get()).data).toEqual([])
  })

  test('should roll the whole transaction back when it creates an existing _id', async () => {
    const a = await open(10)
    const b = await open(5)
    await expect(
      db().runTransaction(async (tx) => {
        await tx.collection('accounts').doc(a).update({ balance: 0 })
        await tx.collection('accounts').doc(b).create({ balance: 1 })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    expect(await balance(a)).toBe(10)
    expect(await balance(b)).toBe(5)
  })
})
