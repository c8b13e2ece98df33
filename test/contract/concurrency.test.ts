/**
 * Racing writes: the conditional update is the compare-and-set every state
 * machine of the product relies on, and `inc` must never lose an increment.
 */
import type { BaseDoc } from '../../cloudfunctions/lib/db/types'
import { describeContract } from './targets'

interface Task extends BaseDoc {
  status: string
  claimedBy?: number
  count?: number
}

describeContract('concurrent writes', (db) => {
  const tasks = () => db().collection<Task>('tasks')

  test('should let exactly one of 50 racing conditional updates win', async () => {
    const { id } = await tasks().add({ status: 'open' })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_unused, i) =>
        tasks().where({ _id: id, status: 'open' }).update({ status: 'claimed', claimedBy: i }),
      ),
    )
    const winners = results.flatMap((result, i) => (result.updated === 1 ? [i] : []))
    expect(winners).toHaveLength(1)
    expect(results.filter((result) => result.updated === 0)).toHaveLength(49)
    const [doc] = (await tasks().doc(id).get()).data
    expect(doc).toMatchObject({ status: 'claimed', claimedBy: winners[0] })
  })

  test('should apply a conditional update with inc once when 50 race', async () => {
    const { id } = await tasks().add({ status: 'open', count: 0 })
    const _ = db().command
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        tasks().where({ _id: id, status: _.in(['open']) }).update({ status: 'done', count: _.inc(1) }),
      ),
    )
    expect(results.reduce((sum, result) => sum + result.updated, 0)).toBe(1)
    expect((await tasks().doc(id).get()).data[0]).toMatchObject({ status: 'done', count: 1 })
  })

  test('should apply all of 100 concurrent increments', async () => {
    const { id } = await tasks().add({ status: 'counter', count: 0 })
    const _ = db().command
    const results = await Promise.all(
      Array.from({ length: 100 }, (_unused, i) => tasks().doc(id).update({ count: _.inc(i + 1) })),
    )
    expect(results.every((result) => result.updated === 1)).toBe(true)
    expect((await tasks().doc(id).get()).data[0].count).toBe((100 * 101) / 2)
  })
})
